// The platform login, in two dialogs (login and password, then the
// one-time code), shared by every screen that can meet a submission waiting
// for a login: Dépôt, the portfolio and the batch close.
import { useCallback, useEffect, useState } from 'react';
import { employersApi } from '../api/employers';
import { toApiError } from '../api/errors';
import { on } from '../api/events';
import { submissionsApi } from '../api/submissions';
import type { InboxMessage, LoginResult, Profile, Submission } from '../api/types';
import { useI18n } from '../i18n/context';
import { formatDateTime, ltr } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { Banner } from './Banner';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { Checkbox, TextField } from './Field';
import { SecretField } from './PassphraseInput';

/** Code of a one-time-code challenge the platform no longer accepts. */
export const CODE_CHALLENGE_DEAD = 'platform.challenge_expired';
/** Code the outbox records on a submission parked until a login. */
export const CODE_LOGIN_REQUIRED = 'platform.login_required';

/** waitsForLogin: the outbox parked this submission until the user logs in. */
export function waitsForLogin(s: Submission): boolean {
  return s.last_error === CODE_LOGIN_REQUIRED && s.state !== 'accepted' && s.state !== 'rejected' && s.state !== 'failed' && s.state !== 'cancelled';
}

/**
 * PlatformLogin runs the whole login of a platform profile: the login dialog,
 * then the one-time code, and back to the login when the challenge died.
 * onDone once the session is open (the outbox then resumes what waited).
 */
export function PlatformLogin({ profile, onClose, onDone }: { profile: string; onClose: () => void; onDone: () => void }) {
  const profiles = useLoad(() => submissionsApi.profiles(), []);
  const [otp, setOtp] = useState<{ login: string; info: LoginResult } | null>(null);
  const demo = (profiles.data ?? []).find((p) => p.id === profile);
  if (otp !== null) {
    return <OtpDialog profile={profile} login={otp.login} info={otp.info} onClose={onClose} onVerified={onDone} onRestart={() => setOtp(null)} />;
  }
  return <LoginDialog profile={profile} demo={demo} onClose={onClose} onOtp={(login, info) => setOtp({ login, info })} />;
}

/**
 * LoginNeeded shows one line per platform profile whose submissions wait for
 * a login, with a "Se connecter" action (nothing when none waits). It follows
 * the outbox's events.
 */
export function LoginNeeded({ onLoggedIn }: { onLoggedIn?: () => void }) {
  const { t } = useI18n();
  const pending = useLoad(() => submissionsApi.pending(), []);
  const [login, setLogin] = useState<string | null>(null);
  const reload = pending.reload;
  useEffect(() => on('outbox:login_required', () => void reload()), [reload]);
  useEffect(() => on('outbox:event', () => void reload()), [reload]);
  const byProfile = new Map<string, number>();
  for (const s of pending.data ?? []) if (waitsForLogin(s)) byProfile.set(s.profile, (byProfile.get(s.profile) ?? 0) + 1);
  if (byProfile.size === 0 && login === null) return null;
  return (
    <>
      {[...byProfile].map(([profile, n]) => (
        <Banner
          key={profile}
          kind="warning"
          testId="login-needed"
          action={
            <Button icon="key" onClick={() => setLogin(profile)} data-testid="login-needed-action">
              {t('login')}
            </Button>
          }
        >
          {t('loginNeededN', { n, profile })}
        </Banner>
      ))}
      {login !== null && (
        <PlatformLogin
          profile={login}
          onClose={() => setLogin(null)}
          onDone={() => {
            setLogin(null);
            void reload();
            onLoggedIn?.();
          }}
        />
      )}
    </>
  );
}

export function LoginDialog({ profile, demo, onClose, onOtp }: { profile: string; demo: Profile | undefined; onClose: () => void; onOtp: (login: string, info: LoginResult) => void }) {
  const { t, err } = useI18n();
  const saved = useLoad(() => employersApi.logins(profile), [profile]);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const logins = saved.data ?? [];

  useEffect(() => {
    if (login === '' && logins.length > 0) setLogin(logins[0]!);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [logins.length]);

  async function go() {
    setBusy(true);
    setFailure(null);
    try {
      const info = await submissionsApi.login(profile, login.trim(), password, remember);
      setPassword('');
      onOtp(login.trim(), info);
    } catch (x: unknown) {
      setFailure(err(toApiError(x)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('submitLoginTitle')}
      onClose={onClose}
      testId="login-dialog"
      footer={
        <>
          <Button onClick={onClose} data-testid="login-cancel">
            {t('cancel')}
          </Button>
          <Button kind="primary" icon="key" busy={busy} disabled={login.trim() === ''} onClick={() => void go()} data-testid="login-submit">
            {busy ? t('loggingIn') : t('login')}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void go();
        }}
      >
        <p className="muted">{t('submitLoginIntro')}</p>
        {demo?.demo_login && (
          <Banner kind="info" testId="demo-account">
            {t('demoAccount', { login: demo.demo_login, password: demo.demo_password ?? '' })}
          </Banner>
        )}
        {logins.length > 0 && <p className="small muted">{t('savedLogins', { list: logins.join(', ') })}</p>}
        <TextField label={t('credLogin')} value={login} onChange={setLogin} ltr autoComplete="off" list="saved-logins" data-testid="login-user" />
        <datalist id="saved-logins">
          {logins.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        <SecretField
          label={t('credPassword')}
          value={password}
          onChange={setPassword}
          testId="login-password"
          hint={logins.includes(login.trim()) ? t('passwordSavedHint') : undefined}
        />
        <Checkbox label={t('rememberPassword')} checked={remember} onChange={setRemember} />
        {failure !== null && <Banner kind="error">{failure}</Banner>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

export function OtpDialog({
  profile,
  login,
  info,
  onClose,
  onVerified,
  onRestart,
}: {
  profile: string;
  login: string;
  info: LoginResult;
  onClose: () => void;
  onVerified: () => void;
  /** Start again from the login (a new challenge, a new code). */
  onRestart: () => void;
}) {
  const { t, err } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The platform killed the challenge (too many wrong codes, too late): no
  // code can pass any more, only a new login.
  const [dead, setDead] = useState(false);
  const [inbox, setInbox] = useState<InboxMessage[] | null>(null);
  const refreshInbox = useCallback(() => {
    submissionsApi.sandboxInbox(login).then(
      (c) => setInbox(c ?? []),
      (e: unknown) => setFailure(err(toApiError(e))),
    );
  }, [login, err]);
  // The embedded sandbox announces each code it sends (sandbox:otp).
  useEffect(() => {
    if (profile !== 'sandbox') return undefined;
    refreshInbox();
    return on('sandbox:otp', (e) => e.login === login && refreshInbox());
  }, [profile, login, refreshInbox]);

  async function verify() {
    setBusy(true);
    setFailure(null);
    try {
      await submissionsApi.verifyOTP(profile, code.trim());
      onVerified();
    } catch (x: unknown) {
      const ae = toApiError(x);
      if (ae.code === CODE_CHALLENGE_DEAD) setDead(true);
      setFailure(err(ae));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('otpTitle')}
      onClose={onClose}
      testId="otp-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('cancel')}</Button>
          {dead && (
            <Button icon="refresh" onClick={onRestart} data-testid="otp-restart">
              {t('otpRestart')}
            </Button>
          )}
          <Button kind="primary" icon="check" busy={busy} disabled={dead || code.trim() === ''} onClick={() => void verify()} data-testid="otp-verify">
            {t('verify')}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!dead) void verify();
        }}
      >
        <p>
          {t('otpIntro', {
            channel: info.otp_channel === 'sms' ? t('channel_sms') : info.otp_channel === 'email' ? t('channel_email') : info.otp_channel,
            destination: ltr(info.otp_destination),
          })}
        </p>
        <TextField label={t('otpCode')} value={code} onChange={setCode} ltr inputMode="numeric" autoComplete="one-time-code" className="otp" data-testid="otp-code" />
        {failure !== null && <Banner kind="error" testId="otp-failure">{failure}</Banner>}
        {dead && <Banner kind="warning" testId="otp-dead">{t('otpDead')}</Banner>}
        {profile === 'sandbox' && !dead && (
          <div className="subsection">
            <Button
              small
              icon="refresh"
              onClick={refreshInbox}
              data-testid="sandbox-inbox"
            >
              {t('sandboxInbox')}
            </Button>
            {inbox !== null &&
              (inbox.length === 0 ? (
                <p className="small muted">{t('sandboxInboxEmpty')}</p>
              ) : (
                <ul className="inbox">
                  {inbox.slice(0, 5).map((m) => (
                    <li key={m.challenge_id + m.code}>
                      <span className="mono" dir="ltr" data-testid="inbox-code">
                        {m.code}
                      </span>
                      <span className="muted small num">{formatDateTime(m.sent_at)}</span>
                      <Button small kind="ghost" onClick={() => setCode(m.code)} data-testid="use-code">
                        {t('useCode')}
                      </Button>
                    </li>
                  ))}
                </ul>
              ))}
          </div>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
