import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { employersApi } from '../api/employers';
import { toApiError, type FieldError } from '../api/errors';
import type { DeadlineOverride, Employer } from '../api/types';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox, TextField } from '../components/Field';
import { Dialog } from '../components/Dialog';
import { SecretField } from '../components/PassphraseInput';
import { useToast } from '../components/Toast';
import { RemoteProfileOptions } from '../components/PlatformProfiles';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/errors';
import { formatDate, isPeriod, parseDate } from '../lib/format';
import { useDebounced } from '../lib/useDebounced';
import { useLoad } from '../lib/useLoad';
import { useWork } from '../state/work';

const EMPTY: Employer = {
  id: '',
  affiliation: '',
  name: '',
  ice: '',
  if: '',
  rc: '',
  activity: '',
  address: '',
  city: '',
  postal_code: '',
  agency: '',
  platform_profile: 'sandbox',
  amo_solidarity_only: false,
  deadline_overrides: [],
};

/** Text of an override row as typed (dates as JJ/MM/AAAA until they parse). */
interface OverrideDraft {
  period: string;
  date: string;
  note: string;
}

function toDrafts(list: DeadlineOverride[] | null | undefined): OverrideDraft[] {
  return (list ?? []).map((o) => ({ period: o.period, date: formatDate(o.date), note: o.note ?? '' }));
}

/** build turns the form into the Employer sent to Go, or the local errors that prevent it. */
function build(e: Employer, drafts: OverrideDraft[]): { employer: Employer; local: Record<string, string> } {
  const local: Record<string, string> = {};
  const overrides: DeadlineOverride[] = [];
  drafts.forEach((d, i) => {
    const date = parseDate(d.date);
    if (!isPeriod(d.period.trim())) local[`deadline_overrides.${String(i)}.period`] = 'period';
    if (date === undefined || date === '') local[`deadline_overrides.${String(i)}.date`] = 'date';
    overrides.push({ period: d.period.trim(), date: date ?? '', ...(d.note.trim() !== '' ? { note: d.note.trim() } : {}) });
  });
  return { employer: { ...e, deadline_overrides: overrides }, local };
}

export function EmployerScreen() {
  const { t, lang, err } = useI18n();
  const w = useWork();
  const toast = useToast();
  // Creation is an explicit mode chosen by the caller ("Nouvel employeur"),
  // never inferred from "no employer selected": the header may select one
  // while the form is open, and a creation form must never edit it.
  const isNew = w.creatingEmployer;
  const loaded = useLoad(() => employersApi.get(w.employerId ?? ''), [w.employerId], !isNew);
  const [form, setForm] = useState<Employer>(EMPTY);
  const [drafts, setDrafts] = useState<OverrideDraft[]>([]);
  const [touched, setTouched] = useState(false);
  const [serverFields, setServerFields] = useState<readonly FieldError[]>([]);
  // Said at once, never blocking (a wrong affiliation check digit).
  const [warnings, setWarnings] = useState<readonly FieldError[]>([]);
  const [validating, setValidating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // An edit that changes the affiliation number is confirmed first.
  const [confirmAffiliation, setConfirmAffiliation] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      setForm({ ...EMPTY, ...loaded.data });
      setDrafts(toDrafts(loaded.data.deadline_overrides));
    }
  }, [loaded.data]);

  const set = <K extends keyof Employer>(k: K, v: Employer[K]) => {
    setTouched(true);
    setForm((f) => ({ ...f, [k]: v }));
  };

  const built = useMemo(() => build(form, drafts), [form, drafts]);
  const debounced = useDebounced(built.employer, 350);

  // Live validation by Go (the same rules as when saving).
  useEffect(() => {
    if (!touched) return;
    let live = true;
    setValidating(true);
    employersApi.warnings(debounced).then(
      (ws) => live && setWarnings(ws ?? []),
      () => live && setWarnings([]),
    );
    employersApi.validate(debounced).then(
      (fields) => {
        if (live) setServerFields(fields ?? []);
      },
      (e: unknown) => {
        if (live) setServerFields(toApiError(e).fields);
      },
    ).finally(() => live && setValidating(false));
    return () => {
      live = false;
    };
  }, [debounced, touched]);

  const fieldErr = (name: string): string | undefined => {
    const f = serverFields.find((x) => x.field === name);
    return f ? errorText(f, lang) : undefined;
  };
  const unplaced = serverFields.filter((f) => !KNOWN_FIELDS.has(f.field) && !f.field.startsWith('deadline_overrides'));

  const savedAffiliation = loaded.data?.affiliation ?? '';
  const affiliationChanged = !isNew && savedAffiliation !== '' && form.affiliation.trim() !== savedAffiliation;

  async function save(e?: FormEvent, affiliationConfirmed = false) {
    e?.preventDefault();
    if (Object.keys(built.local).length > 0) {
      setFailure(t('fieldErrors'));
      return;
    }
    if (affiliationChanged && !affiliationConfirmed) {
      setConfirmAffiliation(true);
      return;
    }
    setConfirmAffiliation(false);
    setSaving(true);
    setFailure(null);
    try {
      const saved = isNew ? await employersApi.create(built.employer) : await employersApi.update(built.employer);
      setForm({ ...EMPTY, ...saved });
      setDrafts(toDrafts(saved.deadline_overrides));
      setServerFields([]);
      setTouched(false);
      toast.success(isNew ? t('employerCreated') : t('employerSaved'));
      await w.reloadDashboard();
      if (isNew) w.go('employer', { employerId: saved.id });
      else await loaded.reload();
    } catch (x: unknown) {
      const ae = toApiError(x);
      setServerFields(ae.fields);
      setFailure(err(ae));
    } finally {
      setSaving(false);
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  async function remove() {
    try {
      await employersApi.delete(form.id);
      toast.success(t('employerDeleted'));
      w.setEmployerId(null);
      await w.reloadDashboard();
      w.go('portfolio');
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    } finally {
      setConfirmDelete(false);
    }
  }

  if (!isNew && loaded.error) return <Banner kind="error">{err(loaded.error)}</Banner>;
  if (!isNew && loaded.data === undefined) {
    return (
      <div className="loading-block" role="status">
        <span className="spinner" aria-hidden="true" /> {t('loading')}
      </div>
    );
  }

  const profileKind = form.platform_profile === 'manual' ? 'manual' : form.platform_profile.startsWith('remote:') ? 'remote' : 'sandbox';

  return (
    <div className="page" data-testid="employer-screen">
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="page-head">
          <div>
            <h1>{isNew ? t('employerNew') : form.name || t('employerEdit')}</h1>
            {!isNew && (
              <p className="page-sub num" dir="auto">
                {t('fAffiliation')} : <bdi dir="ltr">{form.affiliation}</bdi>
              </p>
            )}
          </div>
          <div className="head-actions">
            {validating && <span className="muted small">{t('validating')}</span>}
            {!isNew && (
              <Button kind="ghost" icon="trash" onClick={() => setConfirmDelete(true)} data-testid="employer-delete">
                {t('delete')}
              </Button>
            )}
            <Button kind="primary" type="submit" icon="check" busy={saving} data-testid="employer-save">
              {t('save')}
            </Button>
          </div>
        </div>

        {failure !== null && <Banner kind="error">{failure}</Banner>}
        {unplaced.length > 0 && (
          <Banner kind="error">
            <ul className="plain-list">
              {unplaced.map((f) => (
                <li key={f.field + f.code}>{errorText(f, lang)}</li>
              ))}
            </ul>
          </Banner>
        )}

        <section className="card" aria-labelledby="emp-id">
          <h2 id="emp-id">{t('employerIdentity')}</h2>
          <div className="form-grid">
            <TextField label={t('fAffiliation')} hint={warnings.find((x) => x.field === 'affiliation')?.message ?? t('fAffiliationHint')} required value={form.affiliation} onChange={(v) => set('affiliation', v)} error={fieldErr('affiliation')} ltr inputMode="numeric" maxLength={7} autoFocus={isNew} data-testid="f-affiliation" />
            <TextField label={t('fName')} required value={form.name} onChange={(v) => set('name', v)} error={fieldErr('name')} className="span-2" data-testid="f-name" />
            <TextField label={t('fICE')} hint={t('fICEHint')} value={form.ice ?? ''} onChange={(v) => set('ice', v)} error={fieldErr('ice')} ltr inputMode="numeric" data-testid="f-ice" />
            <TextField label={t('fIF')} value={form.if ?? ''} onChange={(v) => set('if', v)} error={fieldErr('if')} ltr inputMode="numeric" />
            <TextField label={t('fRC')} value={form.rc ?? ''} onChange={(v) => set('rc', v)} error={fieldErr('rc')} ltr />
            <TextField label={t('fActivity')} value={form.activity ?? ''} onChange={(v) => set('activity', v)} error={fieldErr('activity')} className="span-2" />
            <TextField label={t('fAgency')} hint={t('fAgencyHint')} value={form.agency ?? ''} onChange={(v) => set('agency', v.toUpperCase())} error={fieldErr('agency')} ltr maxLength={2} />
            <TextField label={t('fAddress')} value={form.address ?? ''} onChange={(v) => set('address', v)} error={fieldErr('address')} className="span-2" />
            <TextField label={t('fCity')} value={form.city ?? ''} onChange={(v) => set('city', v)} error={fieldErr('city')} />
            <TextField label={t('fPostalCode')} value={form.postal_code ?? ''} onChange={(v) => set('postal_code', v)} error={fieldErr('postal_code')} ltr inputMode="numeric" maxLength={6} />
          </div>
          <Checkbox label={t('fAMO')} checked={form.amo_solidarity_only} onChange={(v) => set('amo_solidarity_only', v)} />
        </section>

        <section className="card" aria-labelledby="emp-platform">
          <h2 id="emp-platform">{t('employerPlatform')}</h2>
          <fieldset className="radio-group">
            <legend className="field-label">{t('fProfile')}</legend>
            {(['sandbox', 'manual', 'remote'] as const).map((k) => (
              <label key={k} className="radio">
                <input
                  type="radio"
                  name="profile"
                  checked={profileKind === k}
                  onChange={() => set('platform_profile', k === 'remote' ? 'remote:' : k)}
                />
                <span>{k === 'sandbox' ? t('profileSandbox') : k === 'manual' ? t('profileManual') : t('profileRemote')}</span>
              </label>
            ))}
          </fieldset>
          {profileKind === 'remote' && (
            <TextField
              label={t('fRemoteName')}
              value={form.platform_profile.slice('remote:'.length)}
              onChange={(v) => set('platform_profile', `remote:${v}`)}
              error={fieldErr('platform_profile')}
              ltr
              list="remote-profiles"
            />
          )}
          {profileKind === 'remote' && <RemoteProfileOptions id="remote-profiles" />}
          {profileKind !== 'manual' && !isNew && <Credentials profile={form.platform_profile} />}
        </section>

        <section className="card" aria-labelledby="emp-deadlines">
          <h2 id="emp-deadlines">{t('employerDeadlines')}</h2>
          <p className="muted">{t('employerDeadlinesHint')}</p>
          {drafts.map((d, i) => (
            <div className="override-row" key={i}>
              <TextField
                label={t('overridePeriod')}
                value={d.period}
                onChange={(v) => {
                  setTouched(true);
                  setDrafts((l) => l.map((x, j) => (j === i ? { ...x, period: v } : x)));
                }}
                error={built.local[`deadline_overrides.${String(i)}.period`] ? t('periodFormatError') : undefined}
                ltr
                placeholder="202601"
                maxLength={6}
              />
              <TextField
                label={t('overrideDate')}
                value={d.date}
                onChange={(v) => {
                  setTouched(true);
                  setDrafts((l) => l.map((x, j) => (j === i ? { ...x, date: v } : x)));
                }}
                error={built.local[`deadline_overrides.${String(i)}.date`] ? t('dateFormatError') : undefined}
                ltr
                placeholder="JJ/MM/AAAA"
              />
              <TextField
                label={t('overrideNote')}
                value={d.note}
                onChange={(v) => {
                  setTouched(true);
                  setDrafts((l) => l.map((x, j) => (j === i ? { ...x, note: v } : x)));
                }}
              />
              <Button kind="ghost" icon="trash" aria-label={t('removeOverride')} title={t('removeOverride')} onClick={() => setDrafts((l) => l.filter((_, j) => j !== i))} />
            </div>
          ))}
          <Button icon="plus" small onClick={() => setDrafts((l) => [...l, { period: w.period, date: '', note: '' }])}>
            {t('addOverride')}
          </Button>
        </section>
      </form>

      {confirmAffiliation && (
        <Dialog
          title={t('affiliationChangeTitle')}
          onClose={() => setConfirmAffiliation(false)}
          footer={
            <>
              <Button onClick={() => setConfirmAffiliation(false)} data-testid="affiliation-change-cancel">
                {t('cancel')}
              </Button>
              <Button kind="danger" icon="check" onClick={() => void save(undefined, true)} data-testid="affiliation-change-confirm">
                {t('affiliationChangeConfirm')}
              </Button>
            </>
          }
        >
          <div data-testid="affiliation-change">
            <p dir="auto">
              {t('affiliationChangeText', { name: loaded.data?.name ?? form.name, from: savedAffiliation, to: form.affiliation.trim() })}
            </p>
            <p className="muted small">{t('affiliationChangeHint')}</p>
          </div>
        </Dialog>
      )}

      {confirmDelete && (
        <Dialog
          title={t('delete')}
          onClose={() => setConfirmDelete(false)}
          footer={
            <>
              <Button onClick={() => setConfirmDelete(false)}>{t('cancel')}</Button>
              <Button kind="danger" icon="trash" onClick={() => void remove()} data-testid="employer-delete-confirm">
                {t('delete')}
              </Button>
            </>
          }
        >
          <p>{t('deleteEmployerConfirm', { name: form.name })}</p>
        </Dialog>
      )}
    </div>
  );
}

const KNOWN_FIELDS = new Set([
  'affiliation',
  'name',
  'ice',
  'if',
  'rc',
  'activity',
  'address',
  'city',
  'postal_code',
  'agency',
  'platform_profile',
]);

/** Credentials: login + password saved in the OS keyring, never in Tasrih's files. */
function Credentials({ profile }: { profile: string }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const logins = useLoad(() => employersApi.logins(profile), [profile]);

  async function saveCreds() {
    setBusy(true);
    try {
      await employersApi.saveCredentials(profile, login.trim(), password);
      setPassword('');
      toast.success(t('credSaved'));
      await logins.reload();
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="subsection">
      <h3>{t('credentialsTitle')}</h3>
      <p className="muted small">{t('credentialsIntro')}</p>
      {(logins.data?.length ?? 0) > 0 && <p className="small">{t('savedLogins', { list: (logins.data ?? []).join(', ') })}</p>}
      <div className="form-grid">
        <TextField label={t('credLogin')} value={login} onChange={setLogin} ltr autoComplete="off" />
        <SecretField label={t('credPassword')} value={password} onChange={setPassword} />
        <div className="field field-button">
          <Button icon="key" busy={busy} disabled={login.trim() === '' || password === ''} onClick={() => void saveCreds()}>
            {t('credSave')}
          </Button>
        </div>
      </div>
    </div>
  );
}
