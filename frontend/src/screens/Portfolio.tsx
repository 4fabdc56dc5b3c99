import { useEffect, useMemo, useRef, useState } from 'react';
import { PERIOD_STATES, type DashboardRow, type PeriodState, type Urgency } from '../api/types';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { Sparkline } from '../components/Sparkline';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { LoginNeeded } from '../components/PlatformLogin';
import { useI18n } from '../i18n/context';
import { formatDate, formatInt, formatMAD, formatPeriod, ltr } from '../lib/format';
import { DEFAULT_SORT, EMPTY_FILTER, type Filter, type Sort, type SortKey, summarize, view } from '../lib/portfolio';
import { STATE_TONE, URGENCY_TONE } from '../lib/status';
import { useWork } from '../state/work';
import { reportScreen } from '../api/system';
import { employersApi } from '../api/employers';
import { ImportDialog } from '../components/ImportDialog';
import { FirmHolder, FirmLeaseActions, useFirmDossiers } from '../components/FirmLease';

/** daysText: "J-5", "Aujourd'hui", "3 j de retard". */
export function useDaysText() {
  const { t } = useI18n();
  return (r: Pick<DashboardRow, 'days_left'>) =>
    r.days_left < 0 ? t('daysLate', { n: -r.days_left }) : r.days_left === 0 ? t('dueToday') : t('daysLeft', { n: r.days_left });
}

export function PortfolioScreen() {
  const { t, lang, err } = useI18n();
  const w = useWork();
  const [filter, setFilter] = useState<Filter>(EMPTY_FILTER);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [importing, setImporting] = useState(false);
  const daysText = useDaysText();
  const rows = useMemo(() => w.dashboard?.rows ?? [], [w.dashboard]);
  const shown = useMemo(() => view(rows, filter, sort), [rows, filter, sort]);
  const sum = useMemo(() => summarize(rows), [rows]);
  const marked = useRef(false);
  const firm = useFirmDossiers();

  // Measure unlock → dashboard on screen (read by the end-to-end test).
  useEffect(() => {
    if (marked.current || w.dashboard === undefined) return;
    marked.current = true;
    requestAnimationFrame(() => {
      performance.mark('tasrih:dashboard');
      reportScreen('dashboard');
      for (const start of ['tasrih:unlock-start', 'tasrih:unlocked']) {
        if (performance.getEntriesByName(start).length > 0) {
          try {
            performance.measure(`${start}→dashboard`, start, 'tasrih:dashboard');
          } catch {
            // A mark cleared by the browser: nothing to measure.
          }
        }
      }
    });
  }, [w.dashboard]);

  const toggleUrgency = (u: Urgency) =>
    setFilter((f) => ({ ...f, urgencies: f.urgencies.length === 1 && f.urgencies[0] === u ? [] : [u] }));
  const toggleStates = (s: readonly PeriodState[]) =>
    setFilter((f) => ({ ...f, states: f.states.join() === s.join() ? [] : s, urgencies: [] }));

  const onSort = (key: string) =>
    setSort((s) => (s.key === key ? { key: s.key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key: key as SortKey, dir: 'asc' }));

  const columns: Column<DashboardRow>[] = [
    {
      key: 'urgency',
      header: t('filterUrgency'),
      width: '8.5rem',
      sortable: true,
      sortLabel: t('sortBy', { column: t('filterUrgency') }),
      render: (r) => (
        <Badge tone={URGENCY_TONE[r.urgency]} testId="urgency">
          {t(`urgency_${r.urgency}`)}
        </Badge>
      ),
    },
    {
      key: 'name',
      header: t('colEmployer'),
      width: 'minmax(14rem, 2.2fr)',
      sortable: true,
      sortLabel: t('sortBy', { column: t('colEmployer') }),
      render: (r) => (
        <div className="cell-stack">
          <bdi className="cell-main">{r.name}</bdi>
          <span className="cell-sub num" dir="ltr">
            {r.affiliation}
          </span>
        </div>
      ),
    },
    {
      key: 'state',
      header: t('colState'),
      width: 'minmax(10rem, 1.2fr)',
      sortable: true,
      sortLabel: t('sortBy', { column: t('colState') }),
      render: (r) => (
        <>
          <Badge tone={STATE_TONE[r.state]} testId="state">
            {t(`state_${r.state}`)}
          </Badge>
          {r.attempts_failed && (
            <Badge tone="danger" testId="attempts-failed" title={t('attemptsFailedHint')}>
              {t('attemptsFailedBadge')}
            </Badge>
          )}
        </>
      ),
    },
    {
      key: 'days_left',
      header: t('colDue'),
      width: '9rem',
      sortable: true,
      sortLabel: t('sortBy', { column: t('colDue') }),
      render: (r) => (
        <div className="cell-stack">
          {r.urgency !== 'done' && <span className={`cell-main days days-${r.urgency}`}>{daysText(r)}</span>}
          <span className={r.urgency === 'done' ? 'cell-main' : 'cell-sub'}>
            <span className="num">{formatDate(r.due_date)}</span>
          </span>
        </div>
      ),
    },
    {
      key: 'employees',
      header: t('colEmployees'),
      width: '6.5rem',
      align: 'end',
      sortable: true,
      sortLabel: t('sortBy', { column: t('colEmployees') }),
      render: (r) => <span className="num">{formatInt(r.employees)}</span>,
    },
    {
      key: 'findings',
      header: t('colFindings'),
      width: '8.5rem',
      render: (r) =>
        r.errors > 0 || r.warnings > 0 ? (
          <div className="cell-stack">
            {r.errors > 0 && <span className="text-danger">{t('errorsCount', { n: r.errors })}</span>}
            {r.warnings > 0 && <span className="text-warning">{t('warningsCount', { n: r.warnings })}</span>}
          </div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: 'trend',
      header: t('colTrend'),
      width: '150px',
      render: (r) => {
        const h = r.history ?? [];
        const last = h[h.length - 1];
        return h.every((p) => p.real === 0 && p.headcount === 0) ? (
          <span className="muted small">{t('trendNone')}</span>
        ) : (
          <Sparkline points={h} label={t('trendLabel', { mass: ltr(formatMAD(last?.real ?? 0)), count: last?.headcount ?? 0 })} />
        );
      },
    },
  ];
  if (firm.enabled) {
    // The firm mode: who holds each dossier, what waits for whom, the lease actions.
    columns.splice(3, 0, {
      key: 'firm',
      header: t('firmColDossier'),
      width: 'minmax(16rem, 1.6fr)',
      render: (r) => {
        const d = firm.byEmployer.get(r.employer_id);
        return d === undefined ? (
          <span className="muted">—</span>
        ) : (
          <div className="cell-stack" data-testid="firm-cell">
            <FirmHolder d={d} />
            <FirmLeaseActions d={d} seats={firm.seats} onChange={firm.put} />
          </div>
        );
      },
    });
  }

  const open = (r: DashboardRow) => w.go('month', { employerId: r.employer_id });
  const filtered = filter.search !== '' || filter.states.length > 0 || filter.urgencies.length > 0;

  return (
    <div className="page page-fill" data-testid="portfolio">
      <div className="page-head">
        <div>
          <h1>{t('portfolioTitle')}</h1>
          <p className="page-sub">{t('portfolioSubtitle', { period: formatPeriod(w.period, lang) })}</p>
        </div>
        <div className="head-actions">
          <Button icon="upload" onClick={() => setImporting(true)} data-testid="import-employers">
            {t('importEmployers')}
          </Button>
          <Button kind="primary" icon="plus" onClick={() => w.go('employer', { newEmployer: true })} data-testid="add-employer">
            {t('addEmployer')}
          </Button>
        </div>
      </div>
      {importing && (
        <ImportDialog
          kind="employers"
          api={{
            choose: employersApi.chooseImportFile,
            preview: employersApi.importPreview,
            apply: employersApi.importApply,
            discard: employersApi.importDiscard,
            cancel: employersApi.cancel,
          }}
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            void w.reloadDashboard();
          }}
        />
      )}

      <LoginNeeded onLoggedIn={() => void w.reloadDashboard()} />
      {w.dashboardError !== undefined && (
        <Banner kind="error" action={<Button onClick={() => void w.reloadDashboard()}>{t('retry')}</Button>}>
          {err(w.dashboardError)}
        </Banner>
      )}

      <div className="tiles" role="group" aria-label={t('filterUrgency')}>
        <Tile label={t('tileTotal')} value={sum.total} tone="neutral" active={!filtered} onClick={() => setFilter(EMPTY_FILTER)} />
        <Tile label={t('tileOverdue')} value={sum.byUrgency.overdue} tone="danger" active={filter.urgencies.join() === 'overdue'} onClick={() => toggleUrgency('overdue')} testId="tile-overdue" />
        <Tile label={t('tileUrgent')} value={sum.byUrgency.urgent} tone="warning" active={filter.urgencies.join() === 'urgent'} onClick={() => toggleUrgency('urgent')} />
        <Tile label={t('tileSoon')} value={sum.byUrgency.soon} tone="info" active={filter.urgencies.join() === 'soon'} onClick={() => toggleUrgency('soon')} />
        <Tile label={t('tileReady')} value={sum.byState.ready ?? 0} tone="success" active={filter.states.join() === 'ready'} onClick={() => toggleStates(['ready'])} />
        <Tile label={t('tileDone')} value={sum.byUrgency.done} tone="muted" active={filter.urgencies.join() === 'done'} onClick={() => toggleUrgency('done')} />
      </div>

      <div className="toolbar">
        <div className="search">
          <Icon name="search" />
          <input
            type="search"
            className="input"
            placeholder={t('searchEmployers')}
            aria-label={t('searchEmployers')}
            value={filter.search}
            onChange={(e) => setFilter((f) => ({ ...f, search: e.target.value }))}
            data-testid="portfolio-search"
          />
        </div>
        <label className="inline-field">
          <span>{t('filterState')}</span>
          <select
            className="input"
            value={filter.states.length === 1 ? filter.states[0] : ''}
            onChange={(e) => setFilter((f) => ({ ...f, states: e.target.value === '' ? [] : [e.target.value as PeriodState] }))}
            data-testid="state-filter"
          >
            <option value="">{t('allStates')}</option>
            {PERIOD_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state_${s}`)}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <Button kind="ghost" small icon="x" onClick={() => setFilter(EMPTY_FILTER)}>
            {t('clearFilters')}
          </Button>
        )}
        <span className="toolbar-count muted">{t('employeesShown', { shown: shown.length, total: rows.length })}</span>
      </div>

      {w.dashboard === undefined && w.dashboardError === undefined ? (
        <div className="loading-block" role="status">
          <span className="spinner" aria-hidden="true" /> {t('loading')}
        </div>
      ) : rows.length === 0 && w.dashboardError === undefined ? (
        <div className="empty-state">
          <Icon name="portfolio" size={40} />
          <p className="empty-title">{t('emptyPortfolio')}</p>
          <p>{t('emptyPortfolioHint')}</p>
          <Button kind="primary" icon="plus" onClick={() => w.go('employer', { newEmployer: true })}>
            {t('addEmployer')}
          </Button>
        </div>
      ) : (
        <VirtualTable
          rows={shown}
          columns={columns}
          getKey={(r) => r.employer_id}
          label={t('portfolioTitle')}
          rowHeight={52}
          onActivate={open}
          rowClass={(r) => `urgency-row urgency-row-${r.urgency}${r.employer_id === w.employerId ? ' row-selected' : ''}`}
          sortKey={sort.key}
          sortDir={sort.dir}
          onSort={onSort}
          testId="portfolio-table"
          empty={<p className="muted">{t('noMatch')}</p>}
        />
      )}
    </div>
  );
}

function Tile({ label, value, tone, active, onClick, testId }: { label: string; value: number; tone: string; active: boolean; onClick: () => void; testId?: string }) {
  return (
    <button type="button" className={`tile tile-${tone}${active ? ' tile-active' : ''}`} aria-pressed={active} onClick={onClick} data-testid={testId}>
      <span className="tile-value num">{formatInt(value)}</span>
      <span className="tile-label">{label}</span>
    </button>
  );
}
