import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { employersApi } from '../api/employers';
import { toApiError } from '../api/errors';
import { on } from '../api/events';
import { session } from '../api/session';
import { readyToClose } from '../api/system';
import type { Dashboard, SessionStatus } from '../api/types';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Icon, type IconName } from '../components/Icon';
import { useToast } from '../components/Toast';
import { useI18n } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import type { MsgKey } from '../i18n/messages';
import { addMonths, currentPeriod, formatPeriod } from '../lib/format';
import { BEFORE_LOCK, type BeforeLockDetail, type Place, type Screen, type Work, WorkContext, useWork } from '../state/work';
import { AuditScreen } from './Audit';
import { BatchScreen } from './Batch';
import { EmployeesScreen } from './Employees';
import { EmployerScreen } from './Employer';
import { FirmScreen } from './Firm';
import { MonthScreen } from './Month';
import { PortfolioScreen } from './Portfolio';
import { ReceiptsScreen } from './Receipts';
import { SettingsScreen } from './Settings';
import { SubmitScreen } from './Submit';
import { AfterRecovery } from './Settings';

const NAV: ReadonlyArray<{ screen: Screen; label: MsgKey; icon: IconName; needsEmployer?: boolean }> = [
  { screen: 'portfolio', label: 'navPortfolio', icon: 'portfolio' },
  { screen: 'employer', label: 'navEmployer', icon: 'employer', needsEmployer: true },
  { screen: 'employees', label: 'navEmployees', icon: 'employees', needsEmployer: true },
  { screen: 'month', label: 'navMonth', icon: 'month', needsEmployer: true },
  { screen: 'submit', label: 'navSubmit', icon: 'submit', needsEmployer: true },
  { screen: 'batch', label: 'navBatch', icon: 'batch' },
  { screen: 'receipts', label: 'navReceipts', icon: 'receipts' },
  { screen: 'audit', label: 'navAudit', icon: 'audit' },
  { screen: 'firm', label: 'navFirm', icon: 'employees' },
  { screen: 'settings', label: 'navSettings', icon: 'settings' },
];

/** Activity is reported to Go (which runs the idle timer) at most this often. */
const TOUCH_EVERY_MS = 30_000;

export interface ShellProps {
  status: SessionStatus;
  lang: Lang;
  onLang: (l: Lang) => void;
  onLocked: (reason: string) => void;
  /** The vault was opened with the recovery code: ask for a new passphrase. */
  afterRecovery?: boolean;
  onRecoveryDone?: () => void;
  /** Where the user was when the session locked: the shell opens there. */
  place?: Place | undefined;
  /** Told of every move, so that the next unlock comes back to it. */
  onPlace?: (p: Place) => void;
}

/** Shell: the unlocked application — navigation, header selectors and the current screen. */
export function Shell({ status, lang, onLang, onLocked, afterRecovery, onRecoveryDone, place, onPlace }: ShellProps) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [screen, setScreen] = useState<Screen>(() => (place !== undefined && (place.employerId !== null || !NAV.find((n) => n.screen === place.screen)?.needsEmployer) ? place.screen : 'portfolio'));
  const [employerId, setEmployerId] = useState<string | null>(place?.employerId ?? null);
  const [creatingEmployer, setCreatingEmployer] = useState(false);
  const [declarationId, setDeclarationId] = useState<string | null>(null);
  const [period, setPeriod] = useState<string>(() => place?.period ?? currentPeriod());
  useEffect(() => onPlace?.({ screen, employerId, period }), [onPlace, screen, employerId, period]);
  const [dashboard, setDashboard] = useState<Dashboard | undefined>(undefined);
  const [dashboardError, setDashboardError] = useState<unknown>(undefined);
  const gen = useRef(0);

  const reloadDashboard = useCallback(async () => {
    const my = ++gen.current;
    try {
      const d = await employersApi.dashboard(period);
      if (my === gen.current) {
        setDashboard(d);
        setDashboardError(undefined);
      }
    } catch (e: unknown) {
      if (my === gen.current) setDashboardError(toApiError(e));
    }
  }, [period]);

  useEffect(() => {
    void reloadDashboard();
  }, [reloadDashboard]);

  // User activity keeps the session open (Go's idle timer), throttled.
  useEffect(() => {
    let last = 0;
    const touch = () => {
      const now = Date.now();
      if (now - last < TOUCH_EVERY_MS) return;
      last = now;
      void session.touch().catch(() => undefined);
    };
    const evs = ['pointerdown', 'keydown', 'wheel', 'mousemove'] as const;
    for (const e of evs) window.addEventListener(e, touch, { passive: true });
    return () => {
      for (const e of evs) window.removeEventListener(e, touch);
    };
  }, []);

  const lock = useCallback(() => {
    // Let screens save what is pending (they answer this event), then lock.
    const pending: Promise<unknown>[] = [];
    const detail: BeforeLockDetail = { wait: (p) => pending.push(p) };
    window.dispatchEvent(new CustomEvent(BEFORE_LOCK, { detail }));
    const saved = Promise.allSettled(pending);
    const atMost = new Promise((r) => setTimeout(r, 3000));
    void Promise.race([saved, atMost]).then(() =>
      session.lock().then(
        () => onLocked('manual'),
        (e: unknown) => toast.error(err(toApiError(e))),
      ),
    );
  }, [onLocked, toast, err]);

  // The window is closing: the same saves as before a lock, then tell Go.
  useEffect(
    () =>
      on('app:closing', () => {
        const pending: Promise<unknown>[] = [];
        const detail: BeforeLockDetail = { wait: (p) => pending.push(p) };
        window.dispatchEvent(new CustomEvent(BEFORE_LOCK, { detail }));
        void Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, 3000))]).then(readyToClose);
      }),
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);

  // The window title says where the user is (the taskbar, screen readers).
  const label = NAV.find((n) => n.screen === screen)?.label;
  useEffect(() => {
    document.title = label ? `${t(label)} — Tasrih` : 'Tasrih';
    return () => {
      document.title = 'Tasrih';
    };
  }, [label, t]);

  const rows = dashboard?.rows ?? [];
  const employer = rows.find((r) => r.employer_id === employerId);

  // Keep a selection when there is only one employer: the common case of a company.
  useEffect(() => {
    if (employerId === null && rows.length === 1) setEmployerId(rows[0]!.employer_id);
  }, [rows, employerId]);

  const work = useMemo<Work>(
    () => ({
      screen,
      go: (s, opts) => {
        if (opts?.employerId !== undefined) setEmployerId(opts.employerId);
        if (opts?.declarationId !== undefined) setDeclarationId(opts.declarationId);
        setCreatingEmployer(s === 'employer' && opts?.newEmployer === true);
        setScreen(s);
      },
      creatingEmployer,
      employerId,
      setEmployerId,
      period,
      setPeriod,
      declarationId,
      dashboard,
      dashboardError,
      reloadDashboard,
      employer,
      lock,
    }),
    [screen, creatingEmployer, employerId, period, declarationId, dashboard, dashboardError, reloadDashboard, employer, lock],
  );

  const sortedEmployers = useMemo(
    () => [...rows].sort((a, b) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' })),
    [rows],
  );
  const periods = useMemo(() => {
    const cur = currentPeriod();
    const out: string[] = [];
    for (let i = 1; i >= -24; i--) out.push(addMonths(cur, i));
    if (!out.includes(period)) out.push(period);
    return out;
  }, [period]);

  return (
    <WorkContext.Provider value={work}>
      <div className="app" data-testid="app-shell">
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <nav className="sidebar" aria-label={t('navMain')} data-testid="sidebar">
          <div className="sidebar-brand">
            <img src="/appicon.png" alt="" width={32} height={32} />
            <span>{t('appName')}</span>
          </div>
          <ul className="nav-list">
            {NAV.map((n) => (
              <li key={n.screen}>
                <button
                  type="button"
                  className={screen === n.screen ? 'nav-item nav-item-active' : 'nav-item'}
                  aria-current={screen === n.screen ? 'page' : undefined}
                  onClick={() => work.go(n.screen, n.screen === 'employer' && employerId === null ? { newEmployer: true } : undefined)}
                  data-testid={`nav-${n.screen}`}
                >
                  <Icon name={n.icon} />
                  <span>{t(n.label)}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="sidebar-foot">
            <button type="button" className="nav-item" onClick={lock} title={t('lockTitle')} data-testid="lock">
              <Icon name="lock" />
              <span>{t('lock')}</span>
            </button>
          </div>
        </nav>
        <div className="main">
          <header className="topbar">
            <div className="topbar-selectors">
              <label className="topbar-field">
                <span className="topbar-label">{t('headerEmployer')}</span>
                <select
                  className="input"
                  value={employerId ?? ''}
                  onChange={(e) => {
                    setCreatingEmployer(false);
                    setEmployerId(e.target.value === '' ? null : e.target.value);
                  }}
                  data-testid="employer-select"
                >
                  <option value="">{t('selectEmployer')}</option>
                  {sortedEmployers.map((r) => (
                    <option key={r.employer_id} value={r.employer_id}>
                      {r.name} — {r.affiliation}
                    </option>
                  ))}
                </select>
              </label>
              <div className="topbar-field">
                <span className="topbar-label" id="period-label">
                  {t('headerPeriod')}
                </span>
                <div className="period-picker" role="group" aria-labelledby="period-label">
                  <button type="button" className="icon-btn" onClick={() => setPeriod(addMonths(period, -1))} aria-label={t('prevPeriod')} title={t('prevPeriod')}>
                    <Icon name="chevronStart" />
                  </button>
                  <select className="input" value={period} onChange={(e) => setPeriod(e.target.value)} aria-labelledby="period-label" data-testid="period-select">
                    {periods.map((p) => (
                      <option key={p} value={p}>
                        {formatPeriod(p, lang)}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="icon-btn" onClick={() => setPeriod(addMonths(period, 1))} aria-label={t('nextPeriod')} title={t('nextPeriod')}>
                    <Icon name="chevronEnd" />
                  </button>
                </div>
              </div>
            </div>
            <p className="topbar-hint" aria-label={t('shortcutsHint')}>
              <span>
                <kbd>Ctrl+S</kbd> {t('scSave')}
              </span>
              <span>
                <kbd>Enter</kbd> {t('scNext')}
              </span>
              <span>
                <kbd>Ctrl+L</kbd> {t('scLock')}
              </span>
            </p>
          </header>
          {status.keyring_banner !== '' && (
            <div className="main-banner">
              <Banner kind="warning" testId="keyring-banner">
                {t('keyringBanner')}
              </Banner>
            </div>
          )}
          {afterRecovery === true && <AfterRecovery onDone={() => onRecoveryDone?.()} />}
          <main className="screen" id="main" tabIndex={-1} data-testid={`screen-${screen}`}>
            <ErrorBoundary
              key={screen}
              fallback={(retry) => (
                <div className="page">
                  <Banner kind="error" action={<Button onClick={retry}>{t('reloadScreen')}</Button>}>
                    {t('screenCrashed')}
                  </Banner>
                </div>
              )}
            >
              <CurrentScreen screen={screen} lang={lang} onLang={onLang} status={status} needsEmployer={NAV.find((n) => n.screen === screen)?.needsEmployer === true} />
            </ErrorBoundary>
          </main>
        </div>
      </div>
    </WorkContext.Provider>
  );
}

function CurrentScreen({ screen, lang, onLang, status, needsEmployer }: { screen: Screen; lang: Lang; onLang: (l: Lang) => void; status: SessionStatus; needsEmployer: boolean }) {
  const { t } = useI18n();
  const w = useWork();
  if (needsEmployer && w.employerId === null && !(screen === 'employer' && w.creatingEmployer)) {
    return (
      <div className="empty-state">
        <Icon name="employer" size={40} />
        <p>{t('noEmployerSelected')}</p>
      </div>
    );
  }
  switch (screen) {
    case 'portfolio':
      return <PortfolioScreen />;
    case 'employer':
      // Creation is keyed apart: selecting an employer meanwhile does not remount the form.
      return w.creatingEmployer ? <EmployerScreen key="new" /> : <EmployerScreen key={w.employerId ?? ''} />;
    case 'employees':
      return <EmployeesScreen key={w.employerId ?? ''} />;
    case 'month':
      return <MonthScreen key={`${w.employerId ?? ''}-${w.period}`} />;
    case 'submit':
      return <SubmitScreen key={`${w.employerId ?? ''}-${w.period}`} />;
    case 'batch':
      return <BatchScreen key={w.period} />;
    case 'receipts':
      return <ReceiptsScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'firm':
      return <FirmScreen />;
    case 'settings':
      return <SettingsScreen lang={lang} onLang={onLang} status={status} />;
  }
}

