import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { toApiError } from '../api/errors';
import { session } from '../api/session';
import type { SessionStatus } from '../api/types';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox, TextField } from '../components/Field';
import { SecretField } from '../components/PassphraseInput';
import { useI18n } from '../i18n/context';
import { useDebounced } from '../lib/useDebounced';
import { LanguageSwitch } from './LanguageSwitch';
import type { Lang } from '../i18n/lang';
import { RecoveryCodeView } from './Settings';

/** Frame of the screens shown while the vault is locked: brand, language, card. */
function LockFrame({ children, lang, onLang }: { children: ReactNode; lang: Lang; onLang: (l: Lang) => void }) {
  const { t } = useI18n();
  return (
    <div className="lock-page">
      <header className="lock-top">
        <div className="brand">
          <img className="brand-mark" src="/appicon.png" alt="" width={36} height={36} />
          <div>
            <div className="brand-name">{t('appName')}</div>
            <div className="brand-tagline">{t('tagline')}</div>
          </div>
        </div>
        <LanguageSwitch lang={lang} onChange={onLang} />
      </header>
      <main className="lock-main">{children}</main>
    </div>
  );
}

export interface VaultProps {
  status: SessionStatus;
  lang: Lang;
  onLang: (l: Lang) => void;
  /** Called once the vault is open, with how ("recovery" asks for a new passphrase). */
  onUnlocked: (method?: string) => void;
  /** Why the vault is locked now ("idle" after auto-lock). */
  lockReason?: string | null;
}

/** CreateVault: passphrase with live strength feedback, "remember me", then the recovery code. */
export function CreateVault({ status, lang, onLang, onUnlocked }: VaultProps) {
  const { t, err } = useI18n();
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [remember, setRemember] = useState(false);
  const [strength, setStrength] = useState<{ error?: string; ok?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<string | null>(null);
  const [keyringLost, setKeyringLost] = useState(false);
  const [ack, setAck] = useState(false);
  const debounced = useDebounced(pass, 250);

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

  const mismatch = confirm !== '' && confirm !== pass;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pass === '' || mismatch || confirm === '') return;
    setBusy(true);
    setFailure(null);
    try {
      const r = await session.create(pass, remember);
      setPass('');
      setConfirm('');
      setRecovery(r.recovery_code);
      setKeyringLost(remember && (r.keyring_banner ?? '') !== '');
    } catch (x: unknown) {
      const ae = toApiError(x);
      setFailure(err(ae));
      if (ae.code.startsWith('vault.passphrase')) setStrength({ error: err(ae) });
    } finally {
      setBusy(false);
    }
  }

  if (recovery !== null) {
    return (
      <LockFrame lang={lang} onLang={onLang}>
        <section className="lock-card" aria-labelledby="rec-title" data-testid="recovery-screen">
          <h1 id="rec-title">{t('recoveryTitle')}</h1>
          <p>{t('recoveryIntro')}</p>
          <RecoveryCodeView code={recovery} />
          {keyringLost && <Banner kind="warning">{t('keyringNotRemembered')}</Banner>}
          <Checkbox label={t('recoveryAck')} checked={ack} onChange={setAck} id="recovery-ack" />
          <div className="form-actions">
            <Button
              kind="primary"
              disabled={!ack}
              onClick={() => {
                setRecovery(null);
                onUnlocked();
              }}
              data-testid="recovery-continue"
            >
              {t('continue')}
            </Button>
          </div>
        </section>
      </LockFrame>
    );
  }

  return (
    <LockFrame lang={lang} onLang={onLang}>
      <form className="lock-card" onSubmit={(e) => void submit(e)} aria-labelledby="create-title" data-testid="create-vault">
        <p className="eyebrow">{t('vaultWelcome')}</p>
        <h1 id="create-title">{t('vaultCreateTitle')}</h1>
        <p>{t('vaultCreateIntro')}</p>
        {status.keyring_banner !== '' && <Banner kind="warning">{t('keyringBanner')}</Banner>}
        <SecretField
          label={t('passphrase')}
          value={pass}
          onChange={setPass}
          hint={t('passphraseHint')}
          error={strength.error}
          ok={strength.ok ? t('passphraseOk') : undefined}
          autoFocus
          testId="passphrase"
        />
        <SecretField
          label={t('passphraseConfirm')}
          value={confirm}
          onChange={setConfirm}
          error={mismatch ? t('passphraseMismatch') : undefined}
          testId="passphrase-confirm"
        />
        <Checkbox
          label={t('rememberComputer')}
          hint={t('rememberHint')}
          checked={remember}
          onChange={setRemember}
          disabled={status.keyring_banner !== ''}
        />
        {failure !== null && <Banner kind="error">{failure}</Banner>}
        <div className="form-actions">
          <Button kind="primary" type="submit" busy={busy} disabled={pass === '' || confirm === '' || mismatch || strength.error !== undefined} data-testid="create-vault-submit">
            {busy ? t('creating') : t('createVault')}
          </Button>
        </div>
        <p className="lock-foot">
          {t('dataFolder')} : <bdi dir="ltr">{status.data_dir}</bdi>
        </p>
      </form>
    </LockFrame>
  );
}

/** Unlock: keyring first when remembered, else passphrase; recovery code as a fallback. */
export function Unlock({ status, lang, onLang, onUnlocked, lockReason }: VaultProps) {
  const { t, err } = useI18n();
  // The OS keyring opens the vault at start only: after a lock (the user's,
  // or the idle timer's) the passphrase is asked, or locking would be moot.
  const [mode, setMode] = useState<'keyring' | 'passphrase' | 'recovery'>(
    status.remembered && status.keyring_banner === '' && (lockReason === null || lockReason === undefined) ? 'keyring' : 'passphrase',
  );
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [keyringDown, setKeyringDown] = useState(status.keyring_banner !== '');
  const [wait, setWait] = useState(status.retry_in_seconds ?? 0);
  const tried = useRef(false);

  useEffect(() => {
    if (mode !== 'keyring' || tried.current) return;
    tried.current = true;
    session.unlockKeyring().then(
      () => onUnlocked(),
      (e: unknown) => {
        const ae = toApiError(e);
        if (ae.code === 'keyring.unavailable') setKeyringDown(true);
        else if (ae.code !== 'vault.not_remembered') setFailure(err(ae));
        setMode('passphrase');
      },
    );
  }, [mode, onUnlocked, err]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (secret === '') return;
    setBusy(true);
    setFailure(null);
    performance.mark('tasrih:unlock-start');
    try {
      if (mode === 'recovery') await session.unlockRecovery(secret);
      else await session.unlockPassphrase(secret);
      onUnlocked(mode === 'recovery' ? 'recovery' : 'passphrase');
    } catch (x: unknown) {
      const ae = toApiError(x);
      setFailure(err(ae));
      // A wrong secret may start a wait: show its countdown at once, not
      // only at the next try.
      session.status().then(
        (st) => setWait(st.retry_in_seconds ?? 0),
        () => undefined,
      );
    } finally {
      // The secret does not stay in the page after the call, right or wrong.
      setSecret('');
      setBusy(false);
    }
  }

  // Count down the wait imposed after too many wrong secrets.
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);

  return (
    <LockFrame lang={lang} onLang={onLang}>
      <form className="lock-card" onSubmit={(e) => void submit(e)} aria-labelledby="unlock-title" data-testid="unlock-screen">
        <div className="lock-icon" aria-hidden="true">
          <svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
            <path d="M5 11h14v10H5zM8 11V7a4 4 0 0 1 8 0v4" />
          </svg>
        </div>
        <h1 id="unlock-title">{t('unlockTitle')}</h1>
        {lockReason === 'idle' && <Banner kind="info">{t('lockedIdle')}</Banner>}
        {lockReason === 'restore' && <Banner kind="success">{t('lockedRestore')}</Banner>}
        {keyringDown && (
          <Banner kind="warning" testId="keyring-banner">
            {t('keyringBanner')}
          </Banner>
        )}
        {mode === 'keyring' ? (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" /> {t('unlockingKeyring')}
          </p>
        ) : (
          <>
            <p>{mode === 'recovery' ? t('recoveryCodeHint') : t('unlockIntro')}</p>
            {mode === 'recovery' ? (
              <TextField
                label={t('recoveryCode')}
                value={secret}
                onChange={setSecret}
                ltr
                autoFocus
                autoComplete="off"
                spellCheck={false}
                className="mono"
              />
            ) : (
              <SecretField label={t('passphrase')} value={secret} onChange={setSecret} autoFocus testId="unlock-passphrase" />
            )}
            {wait > 0 ? (
              <Banner kind="warning">{t('tooManyWait', { seconds: wait })}</Banner>
            ) : (
              failure !== null && <Banner kind="error">{failure}</Banner>
            )}
            <div className="form-actions">
              <Button kind="primary" type="submit" busy={busy} disabled={secret === '' || wait > 0} icon="unlock" data-testid="unlock-submit">
                {busy ? t('unlocking') : t('unlock')}
              </Button>
            </div>
            <button
              type="button"
              className="link"
              onClick={() => {
                setSecret('');
                setFailure(null);
                setMode(mode === 'recovery' ? 'passphrase' : 'recovery');
              }}
            >
              {mode === 'recovery' ? t('usePassphrase') : t('useRecovery')}
            </button>
          </>
        )}
        <p className="lock-foot">
          {t('dataFolder')} : <bdi dir="ltr">{status.data_dir}</bdi>
        </p>
      </form>
    </LockFrame>
  );
}
