import { useEffect, useState } from 'react';
import { toApiError } from '../api/errors';
import { session } from '../api/session';
import { settingsApi } from '../api/settings';
import type { Chosen, SessionStatus, Settings } from '../api/types';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox, TextField } from '../components/Field';
import { Dialog } from '../components/Dialog';
import { SecretField } from '../components/PassphraseInput';
import { ChosenField } from '../components/PathField';
import { PlatformProfiles } from '../components/PlatformProfiles';
import { ProgressBar } from '../components/ProgressBar';
import { useToast } from '../components/Toast';
import { useI18n } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { formatBytes, formatDateTime, ltr } from '../lib/format';
import { useDebounced } from '../lib/useDebounced';
import { useLoad } from '../lib/useLoad';
import { useOpProgress } from '../lib/useOp';
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

  const [restoreFile, setRestoreFile] = useState<Chosen | null>(null);
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
            <BackupFolder
              folder={s.backup_folder}
              error={fieldErr['backup_folder']}
              onSaved={(next) => setS((cur) => (cur === null ? next : { ...cur, backup_folder: next.backup_folder }))}
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
            <Snapshots key={s.backup_folder} onRestore={(p) => {
              settingsApi.chooseSnapshot(p).then(setRestoreFile, () => setRestoreFile(null));
              document.getElementById('set-restore')?.scrollIntoView?.({ block: 'start' });
            }} />
          </section>
        </>
      )}

      <VaultSettings status={status} />
      <PlatformProfiles />
      <Restore file={restoreFile} setFile={setRestoreFile} />
      <PreviousCopies />
    </div>
  );
}

/**
 * BackupFolder shows the snapshot folder. It changes only through Go's
 * folder dialog (a single-use token that SetBackupFolder takes), never
 * through a path typed or sent by the page (issue 12, the bridge).
 */
function BackupFolder({ folder, error, onSaved }: { folder: string; error?: string | undefined; onSaved: (next: Settings) => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  async function set(pick: boolean) {
    setBusy(true);
    try {
      let token = '';
      if (pick) {
        const c = await settingsApi.chooseBackupFolder();
        if (c.token === '') return; // dialog cancelled
        token = c.token;
      }
      onSaved(await settingsApi.setBackupFolder(token));
      toast.success(t('backupFolderSaved'));
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="path-field" data-testid="backup-folder">
      <TextField
        label={t('settingsBackupFolder')}
        value={folder}
        onChange={() => undefined}
        readOnly
        hint={folder === '' ? t('settingsBackupFolderDefault') : undefined}
        error={error}
        ltr
        className="path-input"
        data-testid="backup-folder-path"
      />
      <Button icon="file" busy={busy} onClick={() => void set(true)} data-testid="backup-folder-choose">
        {t('backupFolderChange')}
      </Button>
      {folder !== '' && (
        <Button busy={busy} onClick={() => void set(false)} data-testid="backup-folder-default">
          {t('backupFolderDefault')}
        </Button>
      )}
    </div>
  );
}

/** useSnapshotNow runs Settings.SnapshotNow with its progress and Cancel. */
function useSnapshotNow() {
  const op = useOpProgress('snapshot:progress');
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  async function run(): Promise<string> {
    setRunning(true);
    setCancelling(false);
    op.track('*');
    try {
      return await settingsApi.snapshotNow();
    } finally {
      op.track(null);
      setRunning(false);
    }
  }
  function cancel() {
    const id = op.currentId();
    if (id === null) return;
    setCancelling(true);
    void settingsApi.cancelSnapshot(id);
  }
  return { run, cancel, running, cancelling, done: op.done, total: op.total };
}

function Snapshots({ onRestore }: { onRestore: (path: string) => void }) {
  const { t, lang, err } = useI18n();
  const toast = useToast();
  const list = useLoad(() => settingsApi.listSnapshots(), []);
  const snap = useSnapshotNow();
  return (
    <div className="subsection">
      <div className="card-row">
        <h3>{t('snapshots')}</h3>
        <Button
          icon="download"
          busy={snap.running}
          data-testid="snapshot-now"
          onClick={() => {
            snap.run().then(
              (p) => {
                toast.success(t('snapshotDone', { path: ltr(p) }));
                void list.reload();
              },
              (e: unknown) => {
                const ae = toApiError(e);
                // Cancelled: nothing was written, which Go's message says.
                if (ae.code === 'backup.cancelled') toast.info(err(ae));
                else toast.error(err(ae));
              },
            );
          }}
        >
          {t('snapshotNow')}
        </Button>
      </div>
      {snap.running && (
        <ProgressBar label={t('snapshotProgress')} done={snap.done} total={snap.total} onCancel={snap.cancel} cancelling={snap.cancelling} />
      )}
      {list.error ? (
        <Banner kind="error">{err(list.error)}</Banner>
      ) : (list.data ?? []).length === 0 ? (
        <p className="muted small">{list.data === undefined ? t('loading') : t('snapshotsEmpty')}</p>
      ) : (
        <ul className="snap-list">
          {[...(list.data ?? [])].reverse().map((sn) => (
            <li key={sn.path} data-testid="snapshot-row">
              <span className="num" dir="ltr">
                {formatDateTime(sn.time) || sn.name}
              </span>
              <span className="muted small">{sn.auto === true ? t('snapshotAuto') : t('snapshotManual')}</span>
              <span className="muted small num">{formatBytes(sn.size, lang)}</span>
              <span className="mono small muted" dir="ltr" title={sn.path}>
                {sn.name}
              </span>
              <Button small onClick={() => onRestore(sn.path)} data-testid="snapshot-restore">
                {t('snapshotRestore')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** PreviousCopies lists the data each restore replaced (kept until the user removes it). */
function PreviousCopies() {
  const { t, lang, err } = useI18n();
  const list = useLoad(() => settingsApi.listPrevious(), []);
  const rows = list.data ?? [];
  return (
    <section className="card" aria-labelledby="set-previous" data-testid="previous-copies">
      <h2 id="set-previous">{t('previousTitle')}</h2>
      <p className="muted small">{t('previousIntro')}</p>
      {list.error ? (
        <Banner kind="error">{err(list.error)}</Banner>
      ) : rows.length === 0 ? (
        <p className="muted small">{list.data === undefined ? t('loading') : t('previousEmpty')}</p>
      ) : (
        <ul className="snap-list">
          {rows.map((p) => (
            <li key={p.path} data-testid="previous-row">
              <span className="num" dir="ltr">
                {formatDateTime(p.time)}
              </span>
              <span className="muted small num">{formatBytes(p.size, lang)}</span>
              <span className="mono small muted" dir="ltr">
                {p.path}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * RecoveryCodeView shows a recovery code group by group (a group never
 * wraps in the middle), with Copy and Print buttons.
 */
export function RecoveryCodeView({ code }: { code: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const groups = code.split('-');
  return (
    <div className="recovery-block">
      <p className="recovery-code" dir="ltr" data-testid="recovery-code" aria-label={code}>
        {groups.map((g, i) => (
          <span key={i} className="recovery-group" style={{ whiteSpace: 'nowrap', display: 'inline-block' }}>
            {g}
            {i < groups.length - 1 ? '-' : ''}
          </span>
        ))}
      </p>
      <div className="form-actions">
        <Button
          icon="file"
          data-testid="recovery-copy"
          onClick={() => {
            const cb = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
            if (cb === undefined) return;
            cb.writeText(code).then(
              () => toast.success(t('recoveryCopied')),
              () => undefined,
            );
          }}
        >
          {t('copy')}
        </Button>
        <Button data-testid="recovery-print" onClick={() => printRecoveryCode(code, t('recoveryPrintTitle'))}>
          {t('recoveryPrint')}
        </Button>
      </div>
    </div>
  );
}

/** printRecoveryCode prints only the code (a hidden frame), not the screen. */
export function printRecoveryCode(code: string, title: string) {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  document.body.appendChild(frame);
  const doc = frame.contentDocument;
  const win = frame.contentWindow;
  if (doc === null || win === null) {
    frame.remove();
    return;
  }
  const h = doc.createElement('h1');
  h.textContent = title;
  const p = doc.createElement('p');
  p.textContent = code;
  p.style.fontFamily = 'monospace';
  p.style.fontSize = '20pt';
  p.style.whiteSpace = 'nowrap';
  doc.body.append(h, p);
  try {
    win.focus();
    win.print();
  } finally {
    setTimeout(() => frame.remove(), 1000);
  }
}

/** useRekey runs Session.Rekey with its progress and cancel. */
function useRekey() {
  const op = useOpProgress('rekey:progress');
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  async function run(current: string, next: string): Promise<string> {
    setRunning(true);
    setCancelling(false);
    op.track('*');
    try {
      return await session.rekey(current, next);
    } finally {
      op.track(null);
      setRunning(false);
    }
  }
  function cancel() {
    const id = op.currentId();
    if (id === null) return;
    setCancelling(true);
    void session.cancelRekey(id);
  }
  return { run, cancel, running, cancelling, done: op.done, total: op.total };
}

function RekeyProgress({ r }: { r: ReturnType<typeof useRekey> }) {
  const { t } = useI18n();
  if (!r.running) return null;
  return <ProgressBar label={t('rekeyProgress')} done={r.done} total={r.total} onCancel={r.cancel} cancelling={r.cancelling} />;
}

function NewCodeDialog({ code, onClose }: { code: string; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('recoveryTitle')} onClose={onClose} dismissible={false} footer={<Button kind="primary" onClick={onClose}>{t('continue')}</Button>}>
      <p>{t('recoveryIntro')}</p>
      <RecoveryCodeView code={code} />
    </Dialog>
  );
}

/** useStrength gives live feedback on a new passphrase. */
function useStrength(next: string) {
  const { err } = useI18n();
  const [strength, setStrength] = useState<{ error?: string; ok?: boolean }>({});
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
  return strength;
}

export function VaultSettings({ status }: { status: SessionStatus }) {
  const { t, err } = useI18n();
  const toast = useToast();
  // Opened with the recovery code (now spent): no current passphrase to
  // ask, the new one is set by a re-key.
  const byRecovery = status.method === 'recovery' || status.recovery_pending === true;
  const [cur, setCur] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const strength = useStrength(next);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [remember, setRemember] = useState(status.remembered);
  const [rkCur, setRkCur] = useState('');
  const [rkNext, setRkNext] = useState('');
  const [rkConfirm, setRkConfirm] = useState('');
  const rkStrength = useStrength(rkNext);
  const rk = useRekey();

  async function change() {
    setBusy(true);
    try {
      if (byRecovery) {
        setCode(await rk.run(cur, next));
      } else {
        await session.changePassphrase(cur, next);
        toast.success(t('passphraseChanged'));
      }
      setCur('');
      setNext('');
      setConfirm('');
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    } finally {
      setBusy(false);
    }
  }

  async function rekey() {
    try {
      const c = await rk.run(rkCur, rkNext);
      setRkCur('');
      setRkNext('');
      setRkConfirm('');
      setCode(c);
      toast.success(t('rekeyDone'));
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    }
  }

  const mismatch = confirm !== '' && confirm !== next;
  const rkMismatch = rkConfirm !== rkNext;
  return (
    <section className="card" aria-labelledby="set-vault" data-testid="vault-settings">
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
      {byRecovery ? <Banner kind="warning">{t('recoveryModeIntro')}</Banner> : <p className="small muted">{t('passphraseProtects')}</p>}
      <div className="form-grid">
        {!byRecovery && <SecretField label={t('currentSecret')} value={cur} onChange={setCur} testId="current-passphrase" />}
        <SecretField label={t('newPassphrase')} value={next} onChange={setNext} error={strength.error} ok={strength.ok ? t('passphraseOk') : undefined} testId="new-passphrase" />
        <SecretField label={t('passphraseConfirm')} value={confirm} onChange={setConfirm} error={mismatch ? t('passphraseMismatch') : undefined} testId="confirm-passphrase" />
      </div>
      <div className="form-actions">
        <Button
          kind="primary"
          busy={busy}
          disabled={(!byRecovery && cur === '') || next === '' || confirm !== next || strength.error !== undefined || rk.running}
          onClick={() => void change()}
          data-testid="change-passphrase"
        >
          {t('changePassphrase')}
        </Button>
      </div>

      {!byRecovery && (
        <>
          <h3>{t('rekeyTitle')}</h3>
          <p className="small muted">{t('rekeyIntro')}</p>
          <p className="small muted">{t('newRecoveryWarn')}</p>
          <div className="form-grid">
            <SecretField label={t('currentSecret')} value={rkCur} onChange={setRkCur} testId="rekey-current" />
            <SecretField label={t('rekeyNewOptional')} value={rkNext} onChange={setRkNext} error={rkStrength.error} ok={rkStrength.ok ? t('passphraseOk') : undefined} testId="rekey-new" />
            {rkNext !== '' && (
              <SecretField label={t('passphraseConfirm')} value={rkConfirm} onChange={setRkConfirm} error={rkConfirm !== '' && rkMismatch ? t('passphraseMismatch') : undefined} testId="rekey-confirm" />
            )}
          </div>
          <div className="form-actions">
            <Button
              kind="danger"
              busy={rk.running}
              disabled={rkCur === '' || (rkNext !== '' && (rkMismatch || rkStrength.error !== undefined)) || busy}
              onClick={() => void rekey()}
              data-testid="rekey-run"
            >
              {t('rekeyRun')}
            </Button>
          </div>
        </>
      )}
      <RekeyProgress r={rk} />
      {code !== null && <NewCodeDialog code={code} onClose={() => setCode(null)} />}
    </section>
  );
}

function Restore({ file, setFile }: { file: Chosen | null; setFile: (c: Chosen | null) => void }) {
  const { t, err } = useI18n();
  const [secret, setSecret] = useState('');
  const [isRecovery, setIsRecovery] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const op = useOpProgress('restore:progress');
  const [cancelling, setCancelling] = useState(false);

  async function run() {
    setConfirm(false);
    setBusy(true);
    setFailure(null);
    setCancelling(false);
    op.track('*');
    try {
      // Go locks the session first, then restores, and emits session:locked:
      // the app goes back to the unlock screen on the restored data.
      // The file's token is spent by the call: choose it again to retry.
      const token = file?.token ?? '';
      setFile(null);
      await settingsApi.restore(token, secret, isRecovery);
      setSecret('');
    } catch (x: unknown) {
      setFailure(err(toApiError(x)));
    } finally {
      op.track(null);
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="set-restore" data-testid="restore-section">
      <h2 id="set-restore">{t('restoreTitle')}</h2>
      <p className="muted">{t('restoreIntro')}</p>
      <ChosenField label={t('restoreFile')} value={file} onChange={setFile} choose={settingsApi.chooseBackupFile} testId="restore-file" />
      <div className="form-grid">
        <SecretField label={t('restoreSecret')} value={secret} onChange={setSecret} testId="restore-secret" />
      </div>
      <Checkbox label={t('restoreUseRecovery')} checked={isRecovery} onChange={setIsRecovery} />
      {busy && (
        <ProgressBar
          label={t('restoreTitle')}
          done={op.done}
          total={op.total}
          cancelling={cancelling}
          onCancel={() => {
            const id = op.currentId();
            if (id === null) return;
            setCancelling(true);
            void settingsApi.cancelRestore(id);
          }}
        />
      )}
      {failure !== null && <Banner kind="error">{failure}</Banner>}
      <div className="form-actions">
        <Button kind="danger" busy={busy} disabled={file === null || secret === ''} onClick={() => setConfirm(true)} data-testid="restore-run">
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
              <Button kind="danger" onClick={() => void run()} data-testid="restore-confirm">
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
 * AfterRecovery: the vault was opened with the recovery code, which is now
 * spent. The user chooses a new passphrase (no current one is asked): the
 * data is re-keyed and a new recovery code shown. "Later" closes the dialog
 * for now; it comes back at every unlock until done (recovery_pending).
 */
export function AfterRecovery({ onDone }: { onDone: () => void }) {
  const { t, err } = useI18n();
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const strength = useStrength(next);
  const [failure, setFailure] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const rk = useRekey();

  async function change() {
    setFailure(null);
    try {
      setCode(await rk.run('', next));
      setNext('');
      setConfirm('');
    } catch (x: unknown) {
      setFailure(err(toApiError(x)));
    }
  }

  if (code !== null) return <NewCodeDialog code={code} onClose={onDone} />;
  const mismatch = confirm !== '' && confirm !== next;
  return (
    <Dialog
      title={t('afterRecoveryTitle')}
      onClose={onDone}
      testId="after-recovery"
      footer={
        <>
          <Button onClick={onDone} disabled={rk.running}>
            {t('later')}
          </Button>
          <Button
            kind="primary"
            busy={rk.running}
            disabled={next === '' || confirm !== next || strength.error !== undefined}
            onClick={() => void change()}
            data-testid="after-recovery-save"
          >
            {t('changePassphrase')}
          </Button>
        </>
      }
    >
      <p>{t('afterRecoveryIntro')}</p>
      <SecretField label={t('newPassphrase')} value={next} onChange={setNext} error={strength.error} ok={strength.ok ? t('passphraseOk') : undefined} hint={t('passphraseHint')} autoFocus testId="after-recovery-new" />
      <SecretField label={t('passphraseConfirm')} value={confirm} onChange={setConfirm} error={mismatch ? t('passphraseMismatch') : undefined} testId="after-recovery-confirm" />
      <RekeyProgress r={rk} />
      {failure !== null && <Banner kind="error">{failure}</Banner>}
    </Dialog>
  );
}
