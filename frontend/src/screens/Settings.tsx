import { useEffect, useState } from 'react';
import { toApiError } from '../api/errors';
import { session } from '../api/session';
import { settingsApi } from '../api/settings';
import type { SessionStatus, Settings } from '../api/types';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox, TextField } from '../components/Field';
import { Dialog } from '../components/Dialog';
import { SecretField } from '../components/PassphraseInput';
import { PathField } from '../components/PathField';
import { useToast } from '../components/Toast';
import { useI18n } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { formatBytes, ltr } from '../lib/format';
import { useDebounced } from '../lib/useDebounced';
import { useLoad } from '../lib/useLoad';
import { LanguageSwitch } from './LanguageSwitch';

export function SettingsScreen({ lang, onLang, status }: { lang: Lang; onLang: (l: Lang) => void; status: SessionStatus }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const loaded = useLoad(() => settingsApi.get(), []);
  const [s, setS] = useState<Settings | null>(null);
  const [autoLock, setAutoLock] = useState('');
  const [keep, setKeep] = useState('');
  const [saving, setSaving] = useState(false);
  const [fieldErr, setFieldErr] = useState<Record<string, string>>({});

  useEffect(() => {
    if (loaded.data) {
      setS(loaded.data);
      setAutoLock(String(loaded.data.auto_lock_minutes));
      setKeep(String(loaded.data.snapshots_kept));
    }
  }, [loaded.data]);

  async function save(next: Settings) {
    setSaving(true);
    setFieldErr({});
    try {
      const r = await settingsApi.save(next);
      setS(r ?? next);
      toast.success(t('settingsSaved'));
    } catch (x: unknown) {
      const ae = toApiError(x);
      const fe: Record<string, string> = {};
      for (const f of ae.fields) fe[f.field] = err(f);
      setFieldErr(fe);
      if (ae.fields.length === 0) toast.error(err(ae));
    } finally {
      setSaving(false);
    }
  }

  const minutes = Number(autoLock);
  const minutesOk = Number.isInteger(minutes) && minutes >= 1 && minutes <= 60;
  const keepN = Number(keep);
  const keepOk = Number.isInteger(keepN) && keepN >= 1 && keepN <= 100;

  return (
    <div className="page" data-testid="settings-screen">
      <div className="page-head">
        <h1>{t('settingsTitle')}</h1>
      </div>
      {loaded.error && <Banner kind="error">{err(loaded.error)}</Banner>}

      <section className="card" aria-labelledby="set-lang">
        <h2 id="set-lang">{t('settingsLanguage')}</h2>
        <LanguageSwitch lang={lang} onChange={onLang} />
      </section>

      {s !== null && (
        <>
          <section className="card" aria-labelledby="set-lock">
            <h2 id="set-lock">{t('settingsAutoLock')}</h2>
            <div className="form-grid">
              <TextField
                label={t('settingsAutoLockLabel')}
                hint={t('settingsAutoLockHint')}
                value={autoLock}
                onChange={setAutoLock}
                error={!minutesOk ? t('settingsAutoLockHint') : fieldErr['auto_lock_minutes']}
                inputMode="numeric"
                ltr
                maxLength={2}
                data-testid="auto-lock"
              />
              <div className="field field-button">
                <Button kind="primary" busy={saving} disabled={!minutesOk} onClick={() => void save({ ...s, lang, auto_lock_minutes: minutes })}>
                  {t('save')}
                </Button>
              </div>
            </div>
          </section>

          <section className="card" aria-labelledby="set-backup">
            <h2 id="set-backup">{t('settingsBackups')}</h2>
            <PathField
              label={t('settingsBackupFolder')}
              value={s.backup_folder}
              onChange={(v) => setS({ ...s, backup_folder: v })}
              choose={settingsApi.chooseBackupFolder}
              hint={t('settingsBackupFolderDefault')}
              error={fieldErr['backup_folder']}
            />
            <div className="form-grid">
              <TextField label={t('settingsKeep')} value={keep} onChange={setKeep} inputMode="numeric" ltr maxLength={3} error={!keepOk ? '1–100' : fieldErr['snapshots_kept']} />
            </div>
            <Checkbox label={t('settingsSnapExit')} checked={s.snapshot_on_exit} onChange={(v) => setS({ ...s, snapshot_on_exit: v })} />
            <Checkbox label={t('settingsSnapSubmit')} checked={s.snapshot_on_submit} onChange={(v) => setS({ ...s, snapshot_on_submit: v })} />
            <div className="form-actions">
              <Button
                kind="primary"
                busy={saving}
                disabled={!keepOk || !minutesOk}
                onClick={() => void save({ ...s, lang, auto_lock_minutes: minutes, snapshots_kept: keepN })}
              >
                {t('save')}
              </Button>
            </div>
            <Snapshots />
          </section>
        </>
      )}

      <VaultSettings status={status} />
      <Restore />
    </div>
  );
}

function Snapshots() {
  const { t, lang, err } = useI18n();
  const toast = useToast();
  const list = useLoad(() => settingsApi.listSnapshots(), []);
  const [busy, setBusy] = useState(false);
  return (
    <div className="subsection">
      <div className="card-row">
        <h3>{t('snapshots')}</h3>
        <Button
          icon="download"
          busy={busy}
          onClick={() => {
            setBusy(true);
            settingsApi
              .snapshotNow()
              .then(
                (p) => {
                  toast.success(t('snapshotDone', { path: ltr(p) }));
                  void list.reload();
                },
                (e: unknown) => toast.error(err(toApiError(e))),
              )
              .finally(() => setBusy(false));
          }}
        >
          {t('snapshotNow')}
        </Button>
      </div>
      {list.error ? (
        <Banner kind="error">{err(list.error)}</Banner>
      ) : (list.data ?? []).length === 0 ? (
        <p className="muted small">{list.data === undefined ? t('loading') : t('snapshotsEmpty')}</p>
      ) : (
        <ul className="snap-list">
          {(list.data ?? []).map((sn) => (
            <li key={sn.path}>
              <span className="mono small" dir="ltr">
                {sn.name ?? sn.path}
              </span>
              <span className="muted small num">{formatBytes(sn.size, lang)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function VaultSettings({ status }: { status: SessionStatus }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [cur, setCur] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [strength, setStrength] = useState<{ error?: string; ok?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [remember, setRemember] = useState(status.remembered);
  const debounced = useDebounced(next, 250);

  useEffect(() => {
    if (debounced === '') {
      setStrength({});
      return;
    }
    let live = true;
    session.checkPassphrase(debounced).then(
      () => live && setStrength({ ok: true }),
      (e: unknown) => live && setStrength({ error: err(toApiError(e)) }),
    );
    return () => {
      live = false;
    };
  }, [debounced, err]);

  async function change() {
    setBusy(true);
    try {
      await session.changePassphrase(cur, next);
      setCur('');
      setNext('');
      setConfirm('');
      toast.success(t('passphraseChanged'));
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    } finally {
      setBusy(false);
    }
  }

  const mismatch = confirm !== '' && confirm !== next;
  return (
    <section className="card" aria-labelledby="set-vault">
      <h2 id="set-vault">{t('vaultSection')}</h2>
      {status.keyring_banner !== '' && <Banner kind="warning">{t('keyringBanner')}</Banner>}
      <Checkbox
        label={t('rememberComputer')}
        hint={t('rememberHint')}
        checked={remember}
        disabled={status.keyring_banner !== ''}
        onChange={(v) => {
          session.setRemember(v).then(
            () => {
              setRemember(v);
              toast.success(v ? t('rememberOn') : t('rememberOff'));
            },
            (e: unknown) => toast.error(err(toApiError(e))),
          );
        }}
      />
      <h3>{t('changePassphrase')}</h3>
      <div className="form-grid">
        <SecretField label={t('currentPassphrase')} value={cur} onChange={setCur} />
        <SecretField label={t('newPassphrase')} value={next} onChange={setNext} error={strength.error} ok={strength.ok ? t('passphraseOk') : undefined} />
        <SecretField label={t('passphraseConfirm')} value={confirm} onChange={setConfirm} error={mismatch ? t('passphraseMismatch') : undefined} />
      </div>
      <div className="form-actions">
        <Button kind="primary" busy={busy} disabled={cur === '' || next === '' || confirm !== next || strength.error !== undefined} onClick={() => void change()}>
          {t('changePassphrase')}
        </Button>
        <Button
          onClick={() =>
            session.newRecoveryCode().then(
              (c) => setCode(c),
              (e: unknown) => toast.error(err(toApiError(e))),
            )
          }
        >
          {t('newRecoveryCode')}
        </Button>
      </div>
      <p className="small muted">{t('newRecoveryWarn')}</p>
      {code !== null && (
        <Dialog title={t('recoveryTitle')} onClose={() => setCode(null)} footer={<Button kind="primary" onClick={() => setCode(null)}>{t('close')}</Button>}>
          <p>{t('recoveryIntro')}</p>
          <p className="recovery-code" dir="ltr">
            {code}
          </p>
        </Dialog>
      )}
    </section>
  );
}

function Restore() {
  const { t, err } = useI18n();
  const [path, setPath] = useState('');
  const [secret, setSecret] = useState('');
  const [isRecovery, setIsRecovery] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function run() {
    setConfirm(false);
    setBusy(true);
    setFailure(null);
    try {
      // Go locks the session first, then restores, and emits session:locked:
      // the app goes back to the unlock screen on the restored data.
      await settingsApi.restore(path.trim(), secret, isRecovery);
      setSecret('');
    } catch (x: unknown) {
      setFailure(err(toApiError(x)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="set-restore">
      <h2 id="set-restore">{t('restoreTitle')}</h2>
      <p className="muted">{t('restoreIntro')}</p>
      <PathField label={t('restoreFile')} value={path} onChange={setPath} choose={settingsApi.chooseBackupFile} />
      <div className="form-grid">
        <SecretField label={t('restoreSecret')} value={secret} onChange={setSecret} />
      </div>
      <Checkbox label={t('restoreUseRecovery')} checked={isRecovery} onChange={setIsRecovery} />
      {failure !== null && <Banner kind="error">{failure}</Banner>}
      <div className="form-actions">
        <Button kind="danger" busy={busy} disabled={path.trim() === '' || secret === ''} onClick={() => setConfirm(true)}>
          {t('restoreRun')}
        </Button>
      </div>
      {confirm && (
        <Dialog
          title={t('restoreTitle')}
          onClose={() => setConfirm(false)}
          footer={
            <>
              <Button onClick={() => setConfirm(false)}>{t('cancel')}</Button>
              <Button kind="danger" onClick={() => void run()}>
                {t('restoreRun')}
              </Button>
            </>
          }
        >
          <p>{t('restoreConfirm')}</p>
        </Dialog>
      )}
    </section>
  );
}

/**
 * AfterRecovery: the vault was opened with the recovery code. The user
 * chooses a new passphrase (no current one is asked), then receives a new
 * recovery code, the old one being spent.
 */
export function AfterRecovery({ onDone }: { onDone: () => void }) {
  const { t, err } = useI18n();
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [strength, setStrength] = useState<{ error?: string; ok?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const debounced = useDebounced(next, 250);

  useEffect(() => {
    if (debounced === '') {
      setStrength({});
      return;
    }
    let live = true;
    session.checkPassphrase(debounced).then(
      () => live && setStrength({ ok: true }),
      (e: unknown) => live && setStrength({ error: err(toApiError(e)) }),
    );
    return () => {
      live = false;
    };
  }, [debounced, err]);

  async function change() {
    setBusy(true);
    setFailure(null);
    try {
      await session.changePassphrase('', next);
      setNext('');
      setConfirm('');
      setCode(await session.newRecoveryCode());
    } catch (x: unknown) {
      setFailure(err(toApiError(x)));
    } finally {
      setBusy(false);
    }
  }

  if (code !== null) {
    return (
      <Dialog title={t('recoveryTitle')} onClose={onDone} dismissible={false} footer={<Button kind="primary" onClick={onDone}>{t('continue')}</Button>}>
        <p>{t('recoveryIntro')}</p>
        <p className="recovery-code" dir="ltr">
          {code}
        </p>
      </Dialog>
    );
  }
  const mismatch = confirm !== '' && confirm !== next;
  return (
    <Dialog
      title={t('afterRecoveryTitle')}
      onClose={onDone}
      footer={
        <>
          <Button onClick={onDone}>{t('later')}</Button>
          <Button kind="primary" busy={busy} disabled={next === '' || confirm !== next || strength.error !== undefined} onClick={() => void change()}>
            {t('changePassphrase')}
          </Button>
        </>
      }
    >
      <p>{t('afterRecoveryIntro')}</p>
      <SecretField label={t('newPassphrase')} value={next} onChange={setNext} error={strength.error} ok={strength.ok ? t('passphraseOk') : undefined} hint={t('passphraseHint')} autoFocus />
      <SecretField label={t('passphraseConfirm')} value={confirm} onChange={setConfirm} error={mismatch ? t('passphraseMismatch') : undefined} />
      {failure !== null && <Banner kind="error">{failure}</Banner>}
    </Dialog>
  );
}
