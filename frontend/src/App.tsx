import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from './api/errors';
import { on } from './api/events';
import { session } from './api/session';
import { settingsApi } from './api/settings';
import { reportScreen } from './api/system';
import type { SessionStatus } from './api/types';
import { Banner } from './components/Banner';
import { Button } from './components/Button';
import { RollbackBanner } from './components/RollbackBanner';
import { ToastProvider } from './components/Toast';
import { I18nProvider, makeI18n } from './i18n/context';
import { DEFAULT_LANG, type Lang, applyLanguage, parseLang } from './i18n/lang';
import { type Place, SCREENS } from './state/work';
import { Shell } from './screens/Shell';
import { CreateVault, Unlock } from './screens/Vault';

type Boot = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; status: SessionStatus };

/** persistLang saves the language choice in settings.json; a failure only costs the preference. */
async function persistLang(lang: Lang): Promise<void> {
  try {
    const s = await settingsApi.get();
    if (s.lang !== lang) await settingsApi.save({ ...s, lang });
  } catch {
    // Locked or unavailable: the choice stays for this run.
  }
}

/**
 * App: the session's state machine. Nothing personal is held here — only
 * the session status and the language. The unlocked part (Shell) is
 * mounted with a new key at every unlock and unmounted at every lock, which
 * drops every piece of data it loaded.
 */
// Go reloads the page after a lock (a fresh JavaScript heap). What must
// survive that reload — the reason of the lock and where the user was (screen,
// opaque employer id, period; nothing personal) — rides in the URL fragment,
// never in web storage.
function hashParams(): URLSearchParams {
  return new URLSearchParams(window.location.hash.replace(/^#/, ''));
}

function setHashParams(q: URLSearchParams) {
  try {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${q.toString()}`);
  } catch {
    /* no history (tests): nothing survives a reload */
  }
}

function rememberLockReason(reason: string) {
  const q = hashParams();
  q.set('lock', reason);
  setHashParams(q);
}

function takeLockReason(): string | null {
  const q = hashParams();
  const r = q.get('lock');
  if (r !== null) {
    q.delete('lock');
    setHashParams(q);
  }
  return r;
}

function rememberPlace(p: Place) {
  const q = hashParams();
  q.set('screen', p.screen);
  q.set('period', p.period);
  if (p.employerId) q.set('employer', p.employerId);
  else q.delete('employer');
  setHashParams(q);
}

function placeFromHash(): Place | undefined {
  const q = hashParams();
  const screen = q.get('screen');
  const period = q.get('period');
  const known = SCREENS.find((x) => x === screen);
  if (known === undefined || period === null || !/^\d{6}$/.test(period)) return undefined;
  return { screen: known, period, employerId: q.get('employer') };
}

export default function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [lang, setLangState] = useState<Lang>(DEFAULT_LANG);
  const [epoch, setEpoch] = useState(0);
  const [lockReason, setLockReason] = useState<string | null>(takeLockReason);
  const [afterRecovery, setAfterRecovery] = useState(false);
  // Where the user was: in memory only, so that an unlock comes back to it.
  const place = useRef<Place | undefined>(placeFromHash());
  const onPlace = useCallback((p: Place) => {
    place.current = p;
    rememberPlace(p);
  }, []);
  // Toasts may name what was done: they go when the session locks.
  const [locks, setLocks] = useState(0);
  // lockedHere: this page already showed the unlock screen for the current
  // lock (its own Lock call). Go's session:locked event that follows must
  // not remount the screen again: it would clear a passphrase already typed.
  const lockedHere = useRef(false);

  useEffect(() => {
    applyLanguage(document.documentElement, lang);
  }, [lang]);

  const refresh = useCallback(async () => {
    try {
      const st = await session.status();
      setBoot({ state: 'ready', status: st });
      return st;
    } catch (e: unknown) {
      setBoot({ state: 'error', error: toApiError(e) });
      return undefined;
    }
  }, []);

  useEffect(() => {
    void refresh().then((st) => {
      const l = parseLang(st?.lang);
      if (l !== undefined) setLangState(l);
    });
  }, [refresh]);

  // Auto-lock (Go's idle timer) and locks from elsewhere (restore).
  useEffect(
    () =>
      on('session:locked', (p) => {
        // Go reloads the page after a lock (a fresh JavaScript heap): the
        // reason is kept for the unlock screen of the new page.
        rememberLockReason(p.reason ?? 'manual');
        setLockReason(p.reason ?? 'manual');
        if (!lockedHere.current) setLocks((n) => n + 1);
        lockedHere.current = true;
        setBoot((b) => (b.state === 'ready' ? { state: 'ready', status: { ...b.status, unlocked: false } } : b));
        void refresh();
      }),
    [refresh],
  );

  const status = boot.state === 'ready' ? boot.status : undefined;
  const screen = status === undefined ? 'boot' : !status.has_vault ? 'create' : status.unlocked ? 'app' : 'unlock';

  useEffect(() => {
    if (screen === 'create' || screen === 'unlock') reportScreen(screen === 'create' ? 'create-vault' : 'unlock');
  }, [screen]);

  const setLang = useCallback(
    (l: Lang) => {
      setLangState(l);
      void persistLang(l);
    },
    [],
  );

  const onUnlocked = useCallback((method?: string) => {
    lockedHere.current = false;
    setAfterRecovery(method === 'recovery');
    setLockReason(null);
    setEpoch((n) => n + 1);
    performance.mark('tasrih:unlocked');
    setBoot((b) => (b.state === 'ready' ? { state: 'ready', status: { ...b.status, unlocked: true, has_vault: true } } : b));
    // The recovery code was used and no new passphrase set yet (even before
    // a restart, or with the keyring): ask again at every unlock.
    void refresh().then((st) => {
      if (st?.unlocked === true && st.recovery_pending === true) setAfterRecovery(true);
    });
    void persistLang(lang);
  }, [refresh, lang]);

  const onLocked = useCallback(
    (reason: string) => {
      lockedHere.current = true;
      setLockReason(reason);
      setLocks((n) => n + 1);
      setBoot((b) => (b.state === 'ready' ? { state: 'ready', status: { ...b.status, unlocked: false } } : b));
      void refresh();
    },
    [refresh],
  );

  const t = makeI18n(lang).t;

  return (
    <I18nProvider lang={lang}>
      <ToastProvider key={locks}>
        {boot.state === 'loading' && (
          <div className="boot" role="status">
            <span className="spinner" aria-hidden="true" /> {t('loading')}
          </div>
        )}
        {boot.state === 'error' && (
          <div className="boot">
            <Banner kind="error" action={<Button onClick={() => void refresh()}>{t('retry')}</Button>}>
              {makeI18n(lang).err(boot.error)}
            </Banner>
          </div>
        )}
        {status?.blocked && (
          <div className="boot">
            <Banner kind="error" testId="blocked">
              {makeI18n(lang).err(status.blocked)}
            </Banner>
          </div>
        )}
        {status !== undefined && !status.blocked && screen === 'create' && (
          <CreateVault status={status} lang={lang} onLang={setLang} onUnlocked={onUnlocked} />
        )}
        {status !== undefined && !status.blocked && screen === 'unlock' && (
          <Unlock key={`unlock-${String(epoch)}`} status={status} lang={lang} onLang={setLang} onUnlocked={onUnlocked} lockReason={lockReason} />
        )}
        {status?.rollback && screen === 'app' && <RollbackBanner status={status} onDone={() => void refresh()} />}
        {status !== undefined && screen === 'app' && (
          <Shell
            key={`shell-${String(epoch)}`}
            status={status}
            lang={lang}
            onLang={setLang}
            onLocked={onLocked}
            afterRecovery={afterRecovery}
            onRecoveryDone={() => setAfterRecovery(false)}
            place={place.current}
            onPlace={onPlace}
          />
        )}
      </ToastProvider>
    </I18nProvider>
  );
}
