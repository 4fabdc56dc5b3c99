import { useCallback, useEffect, useState } from 'react';
import { type ApiError, toApiError } from '../api/errors';
import { on } from '../api/events';
import { type FirmDossier, type FirmProposal, type FirmSeat, type FirmSettings, type FirmStatus, firmApi } from '../api/firm';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { Checkbox, SelectField, TextField } from '../components/Field';
import { FirmJournal } from '../components/FirmJournal';
import { FirmHolder, FirmLeaseActions, useFirmDossiers } from '../components/FirmLease';
import { SecretField } from '../components/PassphraseInput';
import { ProgressBar } from '../components/ProgressBar';
import { useToast } from '../components/Toast';
import { useI18n } from '../i18n/context';
import { formatDateTime } from '../lib/format';
import { useWork } from '../state/work';

const EMPTY_SETTINGS: FirmSettings = { endpoint: '', bucket: '', region: '', access_key: '' };

/** The "Cabinet" screen: this seat, the firm's store and seats, sync, dossiers. */
export function FirmScreen() {
  const { t, err } = useI18n();
  const [status, setStatus] = useState<FirmStatus | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const reload = useCallback(async () => {
    try {
      setStatus(await firmApi.status());
      setLoadError(undefined);
    } catch (e: unknown) {
      setLoadError(toApiError(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <div className="page" data-testid="firm">
      <div className="page-head">
        <div>
          <h1>{t('firmTitle')}</h1>
          <p className="page-sub">{t('firmSubtitle')}</p>
        </div>
      </div>
      {loadError !== undefined && (
        <Banner kind="error" action={<Button onClick={() => void reload()}>{t('retry')}</Button>}>
          {err(loadError)}
        </Banner>
      )}
      {status === undefined ? (
        loadError === undefined && (
          <div className="loading-block" role="status">
            <span className="spinner" aria-hidden="true" /> {t('loading')}
          </div>
        )
      ) : !status.has_seat ? (
        <SeatForm onDone={setStatus} />
      ) : !status.set_up ? (
        <>
          <InvitationLine status={status} />
          <SetupForm onDone={setStatus} />
        </>
      ) : (
        <FirmSetUp status={status} onStatus={setStatus} reload={reload} />
      )}
    </div>
  );
}

function CopyLine({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  const { t } = useI18n();
  const toast = useToast();
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <div className="copy-line">
        <code className="mono" dir="ltr" data-testid={testId} style={{ wordBreak: 'break-all' }}>
          {value}
        </code>
        <Button
          small
          onClick={() =>
            void navigator.clipboard?.writeText(value).then(
              () => toast.success(t('copied')),
              () => undefined,
            )
          }
          data-testid={`${testId}-copy`}
        >
          {t('copy')}
        </Button>
      </div>
      {hint !== undefined && <p className="field-hint">{hint}</p>}
    </div>
  );
}

function SeatForm({ onDone }: { onDone: (s: FirmStatus) => void }) {
  const { t, err } = useI18n();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await firmApi.newSeat(name));
    } catch (e: unknown) {
      setError(err(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="firm-seat-title">
      <h2 id="firm-seat-title">{t('firmSeatTitle')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField label={t('firmSeatName')} value={name} onChange={setName} error={error} required maxLength={80} data-testid="firm-seat-name" />
        <Button kind="primary" type="submit" busy={busy} disabled={name.trim() === ''} data-testid="firm-seat-create">
          {t('firmSeatCreate')}
        </Button>
      </form>
    </section>
  );
}

function InvitationLine({ status }: { status: FirmStatus }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="firm-inv-title">
      <h2 id="firm-inv-title">{t('firmSeatTitle')}</h2>
      <p>
        <bdi>{status.seat_name}</bdi>
      </p>
      <CopyLine label={t('firmInvitation')} value={status.invitation} hint={t('firmInvitationHint')} testId="firm-invitation" />
    </section>
  );
}

/** SetupForm creates or joins the firm; the secret key is cleared once sent, whatever the answer. */
function SetupForm({ onDone }: { onDone: (s: FirmStatus) => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [mode, setMode] = useState<'create' | 'join'>('create');
  const [set, setSet] = useState<FirmSettings>(EMPTY_SETTINGS);
  const [secret, setSecret] = useState('');
  const [ref, setRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const field = (f: string) => error?.fields.find((x) => x.field === f)?.message;
  const upd = (k: keyof FirmSettings) => (v: string) => setSet((s) => ({ ...s, [k]: v }));
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const key = secret;
    setSecret('');
    try {
      const st = mode === 'create' ? await firmApi.create(set, key) : await firmApi.join(set, key, ref);
      toast.success(t('firmSetUpDone'));
      onDone(st);
    } catch (e: unknown) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const general = error !== undefined && error.fields.length === 0 ? err(error) : undefined;
  return (
    <section className="card" aria-labelledby="firm-store-title">
      <h2 id="firm-store-title">{t('firmStoreTitle')}</h2>
      <div className="segmented" role="radiogroup" aria-label={t('firmStoreTitle')}>
        {(['create', 'join'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="firm-mode" checked={mode === m} onChange={() => setMode(m)} data-testid={`firm-mode-${m}`} />{' '}
            {t(m === 'create' ? 'firmModeCreate' : 'firmModeJoin')}
          </label>
        ))}
      </div>
      {general !== undefined && (
        <Banner kind="error" testId="firm-setup-error">
          {general}
        </Banner>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {mode === 'join' && <TextField label={t('firmRef')} value={ref} onChange={setRef} ltr required error={field('ref')} data-testid="firm-ref-input" />}
        <TextField label={t('firmEndpoint')} hint={t('firmEndpointHint')} value={set.endpoint} onChange={upd('endpoint')} ltr required error={field('endpoint')} data-testid="firm-endpoint" />
        <TextField label={t('firmBucket')} value={set.bucket} onChange={upd('bucket')} ltr required error={field('bucket')} data-testid="firm-bucket" />
        <TextField label={t('firmRegion')} value={set.region} onChange={upd('region')} ltr data-testid="firm-region" />
        <TextField label={t('firmAccessKey')} value={set.access_key} onChange={upd('access_key')} ltr required error={field('access_key')} autoComplete="off" data-testid="firm-access-key" />
        <SecretField label={t('firmSecretKey')} hint={t('firmSecretHint')} value={secret} onChange={setSecret} error={field('secret_key')} testId="firm-secret" />
        <Button kind="primary" type="submit" busy={busy} data-testid="firm-setup-submit">
          {t(mode === 'create' ? 'firmCreate' : 'firmJoin')}
        </Button>
      </form>
    </section>
  );
}

function FirmSetUp({ status, onStatus, reload }: { status: FirmStatus; onStatus: (s: FirmStatus) => void; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const dossiers = useFirmDossiers();
  return (
    <>
      <section className="card" aria-labelledby="firm-store-state">
        <h2 id="firm-store-state">{t('firmStoreTitle')}</h2>
        <p dir="ltr">{t('firmStoreLine', { bucket: status.settings.bucket, endpoint: status.settings.endpoint })}</p>
        <p data-testid="firm-reachable">
          {status.reachable ? <Badge tone="success">{t('firmReachable')}</Badge> : <Badge tone="warning">{t('firmUnreachable')}</Badge>}
        </p>
        <SyncPanel status={status} onDone={() => void Promise.all([reload(), dossiers.reload()])} />
      </section>
      <SeatsPanel status={status} onStatus={onStatus} />
      <DossiersPanel dossiers={dossiers} status={status} />
      <BundlePanel />
    </>
  );
}

function SyncPanel({ status, onDone }: { status: FirmStatus; onDone: () => void }) {
  const { t, err, pick } = useI18n();
  const toast = useToast();
  const [op, setOp] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState({ done: 0, total: -1 });
  useEffect(
    () =>
      on('firm:sync_progress', (p) => {
        if (p.op_id === op) setProgress({ done: p.done, total: p.total });
      }),
    [op],
  );
  useEffect(
    () =>
      on('firm:sync_done', (d) => {
        if (d.op_id !== op) return;
        setOp(undefined);
        if (d.cancelled === true) toast.info(t('firmSyncCancelled'));
        else if (d.error_code !== undefined && d.error_code !== '') toast.error(pick(d.message) || err({ code: d.error_code, message: '' }));
        else toast.success(t('firmSyncDone', { applied: d.result?.applied ?? 0, published: d.result?.published ?? 0 }));
        onDone();
      }),
    [op, t, err, pick, toast, onDone],
  );
  const start = async () => {
    setProgress({ done: 0, total: -1 });
    try {
      setOp(await firmApi.startSync());
    } catch (e: unknown) {
      toast.error(err(toApiError(e)));
    }
  };
  const last = formatDateTime(status.last_sync);
  return (
    <div aria-labelledby="firm-sync-title">
      <h3 id="firm-sync-title">{t('firmSyncTitle')}</h3>
      <p className="muted" data-testid="firm-last-sync">
        {last === '' ? t('firmNeverSynced') : t('firmLastSync', { when: last })}
      </p>
      {op !== undefined ? (
        <ProgressBar label={t('firmSyncing')} done={progress.done} total={progress.total} onCancel={() => void firmApi.cancelSync(op)} />
      ) : (
        <Button kind="primary" icon="download" onClick={() => void start()} data-testid="firm-sync">
          {t('firmSyncNow')}
        </Button>
      )}
    </div>
  );
}

function SeatsPanel({ status, onStatus }: { status: FirmStatus; onStatus: (s: FirmStatus) => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [invitation, setInvitation] = useState('');
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | undefined>(undefined);
  const run = async (f: () => Promise<FirmStatus>, done: string) => {
    setBusy(true);
    try {
      onStatus(await f());
      toast.success(done);
      return true;
    } catch (e: unknown) {
      toast.error(err(toApiError(e)));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="firm-seats-title">
      <h2 id="firm-seats-title">{t('firmSeatsTitle')}</h2>
      <ul className="plain-list" data-testid="firm-seats">
        {(status.seats ?? []).map((s) => (
          <li key={s.id} data-testid={`firm-seat-${s.id}`}>
            <bdi>{s.name}</bdi> {s.founder && <Badge tone="info">{t('firmFounder')}</Badge>} {s.me && <Badge tone="neutral">{t('firmMe')}</Badge>}{' '}
            {s.revoked && <Badge tone="muted">{t('firmRevoked')}</Badge>}
            {status.founder && !s.founder && !s.revoked && (
              <Button small kind="danger" onClick={() => setRevoking({ id: s.id, name: s.name })} data-testid={`firm-revoke-${s.id}`}>
                {t('firmRevoke')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {status.founder && (
        <>
          <CopyLine label={t('firmRefShare')} value={status.ref} testId="firm-ref" />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => firmApi.invite(invitation), t('firmInvited')).then((ok) => ok && setInvitation(''));
            }}
          >
            <TextField label={t('firmInviteLabel')} value={invitation} onChange={setInvitation} ltr data-testid="firm-invite-input" />
            <Button type="submit" busy={busy} disabled={invitation.trim() === ''} data-testid="firm-invite">
              {t('firmInvite')}
            </Button>
          </form>
        </>
      )}
      {!status.founder && <CopyLine label={t('firmInvitation')} value={status.invitation} hint={t('firmInvitationHint')} testId="firm-invitation" />}
      {revoking !== undefined && (
        <Dialog
          title={t('firmRevokeTitle', { name: revoking.name })}
          onClose={() => setRevoking(undefined)}
          footer={
            <>
              <Button onClick={() => setRevoking(undefined)}>{t('cancel')}</Button>
              <Button
                kind="danger"
                busy={busy}
                onClick={() => void run(() => firmApi.revoke(revoking.id), t('firmRevokedDone')).then(() => setRevoking(undefined))}
                data-testid="firm-revoke-confirm"
              >
                {t('firmRevoke')}
              </Button>
            </>
          }
        >
          <p>{t('firmRevokeText')}</p>
        </Dialog>
      )}
    </section>
  );
}

function DossiersPanel({ dossiers, status }: { dossiers: ReturnType<typeof useFirmDossiers>; status: FirmStatus }) {
  const { t, pick } = useI18n();
  const rows = [...dossiers.byEmployer.values()].sort((a, b) => a.employer_name.localeCompare(b.employer_name, 'fr'));
  return (
    <section className="card" aria-labelledby="firm-dossiers-title">
      <h2 id="firm-dossiers-title">{t('firmDossiersTitle')}</h2>
      {dossiers.clashes.map((d) => (
        <Banner key={d.dossier} kind="warning" testId={`firm-clash-${d.dossier}`}>
          {pick(d.clash_message)}
        </Banner>
      ))}
      {rows.length === 0 ? (
        <p className="muted">{t('firmDossiersEmpty')}</p>
      ) : (
        <table className="table" data-testid="firm-dossiers">
          <thead>
            <tr>
              <th scope="col">{t('colEmployer')}</th>
              <th scope="col">{t('firmColHolder')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.employer_id} data-testid={`firm-dossier-${d.employer_id}`}>
                <td>
                  <bdi>{d.employer_name}</bdi>
                </td>
                <td>
                  <FirmHolder d={d} />
                  {d.proposals > 0 && <Proposals d={d} onChange={dossiers.put} />}
                  <FirmJournal d={d} />
                </td>
                <td>
                  <FirmLeaseActions d={d} seats={dossiers.seats} onChange={dossiers.put} />
                  {(d.mine || status.founder) && <GrantAccess d={d} seats={dossiers.seats} onChange={dossiers.put} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShareEmployer status={status} shared={dossiers.byEmployer} onShared={dossiers.put} />
    </section>
  );
}

function Proposals({ d, onChange }: { d: FirmDossier; onChange: (d: FirmDossier) => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [list, setList] = useState<FirmProposal[]>([]);
  const load = useCallback(async () => {
    try {
      setList((await firmApi.proposals(d.employer_id)) ?? []);
    } catch (e: unknown) {
      toast.error(err(toApiError(e)));
    }
  }, [d.employer_id, toast, err]);
  useEffect(() => {
    void load();
  }, [load, d.proposals]);
  const act = async (f: () => Promise<unknown>) => {
    try {
      const out = await f();
      if (typeof out === 'object' && out !== null && 'employer_id' in out) onChange(out as FirmDossier);
      else onChange({ ...d, proposals: Math.max(0, d.proposals - 1) });
    } catch (e: unknown) {
      toast.error(err(toApiError(e)));
    }
  };
  return (
    <div className="proposals" data-testid="firm-proposal-list">
      <p className="small">
        <strong>{t('firmProposalsTitle')}</strong> — {t('firmProposalsHint')}
      </p>
      <ul className="plain-list">
        {list.map((p) => (
          <li key={p.id}>
            {t('firmProposalLine', { records: p.records, at: formatDateTime(p.at) })}{' '}
            <Button small onClick={() => void act(() => firmApi.applyProposal(d.employer_id, p.id))} data-testid="firm-proposal-apply">
              {t('firmProposalApply')}
            </Button>{' '}
            <Button small kind="ghost" onClick={() => void act(() => firmApi.discardProposal(d.employer_id, p.id))} data-testid="firm-proposal-discard">
              {t('firmProposalDiscard')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ShareEmployer({ status, shared, onShared }: { status: FirmStatus; shared: ReadonlyMap<string, FirmDossier>; onShared: (d: FirmDossier) => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const w = useWork();
  const candidates = (w.dashboard?.rows ?? []).filter((r) => !shared.has(r.employer_id));
  const [employer, setEmployer] = useState('');
  const [seats, setSeats] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  if (candidates.length === 0) return null;
  const others = (status.seats ?? []).filter((s) => !s.me && !s.revoked);
  const share = async () => {
    setBusy(true);
    try {
      onShared(await firmApi.share(employer, [...seats]));
      toast.success(t('firmShared'));
      setEmployer('');
      setSeats([]);
    } catch (e: unknown) {
      toast.error(err(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="subsection" data-testid="firm-share">
      <h3>{t('firmShareTitle')}</h3>
      <p className="muted small">{t('firmShareHint')}</p>
      <SelectField
        label={t('colEmployer')}
        value={employer}
        onChange={setEmployer}
        options={[{ value: '', label: t('selectEmployer') }, ...candidates.map((r) => ({ value: r.employer_id, label: r.name }))]}
        data-testid="firm-share-employer"
      />
      {others.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t('firmSeatsTitle')}</legend>
          {others.map((s) => (
            <Checkbox
              key={s.id}
              label={s.name}
              checked={seats.includes(s.id)}
              onChange={(on) => setSeats((l) => (on ? [...l, s.id] : l.filter((x) => x !== s.id)))}
            />
          ))}
        </fieldset>
      )}
      <Button kind="primary" busy={busy} disabled={employer === ''} onClick={() => void share()} data-testid="firm-share-submit">
        {t('firmShare')}
      </Button>
    </div>
  );
}

function BundlePanel() {
  const { t, err } = useI18n();
  const toast = useToast();
  const w = useWork();
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const employerId = w.employerId;
  const run = async (f: () => Promise<boolean>, done: string) => {
    setBusy(true);
    try {
      if (await f()) toast.success(done);
    } catch (e: unknown) {
      toast.error(err(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };
  const exportIt = () =>
    run(async () => {
      if (employerId === null) return false;
      const c = await firmApi.chooseBundleExport();
      if (c.token === '') return false;
      await firmApi.exportBundle(employerId, other, c.token);
      return true;
    }, t('firmBundleExported'));
  const importIt = () =>
    run(async () => {
      const c = await firmApi.chooseBundleImport();
      if (c.token === '') return false;
      const er = await firmApi.importBundle(c.token, other);
      await w.reloadDashboard();
      w.setEmployerId(er);
      return true;
    }, t('firmBundleImported'));
  return (
    <section className="card" aria-labelledby="firm-bundle-title">
      <h2 id="firm-bundle-title">{t('firmBundleTitle')}</h2>
      <p className="muted small">{t('firmBundleHint')}</p>
      <TextField label={`${t('firmBundleTo')} / ${t('firmBundleFrom')}`} value={other} onChange={setOther} ltr data-testid="firm-bundle-other" />
      <div className="head-actions">
        <Button icon="download" busy={busy} disabled={employerId === null || other.trim() === ''} onClick={() => void exportIt()} data-testid="firm-bundle-export">
          {t('firmBundleExport')}
        </Button>
        <Button icon="upload" busy={busy} disabled={other.trim() === ''} onClick={() => void importIt()} data-testid="firm-bundle-import">
          {t('firmBundleImport')}
        </Button>
      </div>
    </section>
  );
}

/** GrantAccess lets one more seat read and edit a dossier (its access list). */
function GrantAccess({ d, seats, onChange }: { d: FirmDossier; seats: readonly FirmSeat[]; onChange: (d: FirmDossier) => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [seat, setSeat] = useState('');
  const [busy, setBusy] = useState(false);
  const missing = seats.filter((s) => !(d.seats ?? []).includes(s.id));
  if (missing.length === 0) return null;
  const grant = async () => {
    setBusy(true);
    try {
      onChange(await firmApi.share(d.employer_id, [seat]));
      toast.success(t('firmGranted'));
      setSeat('');
    } catch (e: unknown) {
      toast.error(err(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="inline-field" data-testid="firm-grant">
      <SelectField
        label={t('firmGrant')}
        value={seat}
        onChange={setSeat}
        options={[{ value: '', label: '—' }, ...missing.map((s) => ({ value: s.id, label: s.name }))]}
        data-testid="firm-grant-seat"
      />
      <Button small busy={busy} disabled={seat === ''} onClick={() => void grant()} data-testid="firm-grant-submit">
        {t('firmGrantSubmit')}
      </Button>
    </div>
  );
}
