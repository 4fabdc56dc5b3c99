import { useEffect, useMemo, useState } from 'react';
import { batchApi } from '../api/batch';
import { toApiError } from '../api/errors';
import { on } from '../api/events';
import { submissionsApi } from '../api/submissions';
import type { BatchResult, DashboardRow, Profile } from '../api/types';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { SelectField } from '../components/Field';
import { Icon } from '../components/Icon';
import { ProgressBar } from '../components/ProgressBar';
import { useToast } from '../components/Toast';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { LoginNeeded } from '../components/PlatformLogin';
import { useI18n } from '../i18n/context';
import { formatPeriod, normalizeSearch } from '../lib/format';
import { isSettled, sortRows } from '../lib/portfolio';
import { BATCH_TONE, STATE_TONE } from '../lib/status';
import { useLoad } from '../lib/useLoad';
import { useOpProgress } from '../lib/useOp';
import { useWork } from '../state/work';

/** Results of a batch run, by employer. */
type Results = Map<string, BatchResult>;

export function BatchScreen() {
  const { t, lang, err, pick } = useI18n();
  const w = useWork();
  const toast = useToast();
  const rows = useMemo(() => sortRows(w.dashboard?.rows ?? []), [w.dashboard]);
  const [sel, setSel] = useState<Set<string>>(new Set());
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Results>(new Map());
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [profile, setProfile] = useState('sandbox');
  const [submitting, setSubmitting] = useState(false);
  const profiles = useLoad(() => submissionsApi.profiles(), []);
  const op = useOpProgress('batch:progress', (p) => {
    const r = p.result as BatchResult | undefined;
    if (r?.employer_id) setResults((m) => new Map(m).set(r.employer_id, r));
  });

  useEffect(
    () =>
      on('batch:done', (d) => {
        if (d.op_id !== op.currentId()) return;
        if (Array.isArray(d.results)) {
          const m = new Map<string, BatchResult>();
          for (const r of d.results as BatchResult[]) m.set(r.employer_id, r);
          setResults(m);
        }
        setRunning(false);
        setCancelling(false);
        void w.reloadDashboard();
      }),
    [op, w],
  );

  const shown = useMemo(() => {
    const words = normalizeSearch(q).split(/\s+/).filter(Boolean);
    return rows.filter((r) => words.every((x) => `${normalizeSearch(r.name)} ${r.affiliation}`.includes(x)));
  }, [rows, q]);

  async function start() {
    setRunning(true);
    setResults(new Map());
    op.track('*');
    try {
      const id = await batchApi.start([...sel], w.period);
      op.track(id);
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
      setRunning(false);
      op.track(null);
    }
  }

  function cancel() {
    const id = op.currentId();
    if (id === null) return;
    setCancelling(true);
    void batchApi.cancel(id).catch(() => undefined);
  }

  const ready = [...results.values()].filter((r) => r.state === 'ready' && r.declaration_id);
  const readyFromDashboard = rows.filter((r) => r.state === 'ready' && r.declaration_id && sel.has(r.employer_id));
  const toSubmit = ready.length > 0 ? ready.map((r) => r.declaration_id!) : readyFromDashboard.map((r) => r.declaration_id!);

  async function submitReady() {
    setSubmitting(true);
    try {
      const out = await batchApi.submitReady(toSubmit, profile);
      const results = out.results ?? [];
      const queued = results.filter((r) => r.error === null).length;
      toast.success(t('batchSubmitted', { n: queued }));
      for (const r of results) if (r.error !== null) toast.error(err(r.error));
      void w.reloadDashboard();
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    } finally {
      setSubmitting(false);
    }
  }

  const toggle = (id: string, on: boolean) =>
    setSel((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  const columns: Column<DashboardRow>[] = [
    {
      key: 'sel',
      header: <span className="sr-only">{t('selectAll')}</span>,
      width: '2.75rem',
      render: (r) => (
        <input type="checkbox" checked={sel.has(r.employer_id)} disabled={running} onChange={(e) => toggle(r.employer_id, e.target.checked)} aria-label={r.name} onClick={(e) => e.stopPropagation()} />
      ),
    },
    {
      key: 'name',
      header: t('colEmployer'),
      width: 'minmax(14rem, 2fr)',
      render: (r) => (
        <div className="cell-stack">
          <bdi className="cell-main">{r.name}</bdi>
          <span className="cell-sub num" dir="ltr">
            {r.affiliation}
          </span>
        </div>
      ),
    },
    { key: 'state', header: t('colState'), width: '11rem', render: (r) => <Badge tone={STATE_TONE[r.state]}>{t(`state_${r.state}` as const)}</Badge> },
    {
      key: 'result',
      header: t('colResult'),
      width: 'minmax(14rem, 2fr)',
      render: (r) => {
        const res = results.get(r.employer_id);
        if (res === undefined) return running && sel.has(r.employer_id) ? <span className="muted small">{t('batch_pending')}</span> : null;
        return (
          <div className="cell-stack">
            <Badge tone={BATCH_TONE[res.state]} testId="batch-result">
              {t(`batch_${res.state}` as const)}
            </Badge>
            {res.state === 'errors' && <span className="small text-danger">{t('errorsCount', { n: res.errors })}</span>}
            {pick(res.message) !== '' && <span className="small muted">{pick(res.message)}</span>}
          </div>
        );
      },
    },
  ];

  const counts = { ready: 0, errors: 0, other: 0 };
  for (const r of results.values()) {
    if (r.state === 'ready') counts.ready++;
    else if (r.state === 'errors') counts.errors++;
    else counts.other++;
  }
  const profileList: Profile[] = profiles.data ?? [];

  return (
    <div className="page page-fill" data-testid="batch-screen">
      <div className="page-head">
        <div>
          <h1>{t('batchTitle')}</h1>
          <p className="page-sub">
            {formatPeriod(w.period, lang)} — {t('batchIntro')}
          </p>
        </div>
        <div className="head-actions">
          <Button kind="primary" icon="batch" disabled={sel.size === 0 || running} busy={running} onClick={() => void start()} data-testid="batch-start">
            {t('batchStart')}
          </Button>
        </div>
      </div>
      <LoginNeeded onLoggedIn={() => void w.reloadDashboard()} />
      {w.dashboardError !== undefined && <Banner kind="error">{err(w.dashboardError)}</Banner>}
      <div className="toolbar">
        <div className="search">
          <Icon name="search" />
          <input type="search" className="input" placeholder={t('searchEmployers')} aria-label={t('searchEmployers')} value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <Button small disabled={running} onClick={() => setSel(new Set(shown.map((r) => r.employer_id)))} data-testid="select-all">
          {t('selectAll')}
        </Button>
        <Button small disabled={running} onClick={() => setSel(new Set(shown.filter((r) => !isSettled(r.state)).map((r) => r.employer_id)))}>
          {t('selectNeedsWork')}
        </Button>
        <Button small kind="ghost" disabled={running} onClick={() => setSel(new Set())}>
          {t('selectNone')}
        </Button>
        <span className="toolbar-count muted">{t('selectedCount', { n: sel.size })}</span>
      </div>
      {running && <ProgressBar label={t('batchRunning')} done={op.done} total={op.total > 0 ? op.total : sel.size} onCancel={cancel} cancelling={cancelling} />}
      {!running && results.size > 0 && (
        <Banner kind={counts.errors > 0 ? 'warning' : counts.ready > 0 ? 'success' : 'info'} testId="batch-summary">
          {t('batchDone', counts)}
        </Banner>
      )}
      {!running && toSubmit.length > 0 && (
        <div className="toolbar submit-bar">
          <SelectField
            label={t('submitProfile')}
            value={profile}
            onChange={setProfile}
            options={(profileList.length > 0 ? profileList.filter((p) => p.kind !== 'manual').map((p) => p.id) : ['sandbox']).map((id) => ({ value: id, label: id === 'sandbox' ? t('profileSandboxShort') : id }))}
          />
          <Button kind="primary" icon="submit" busy={submitting} onClick={() => void submitReady()} data-testid="batch-submit">
            {t('batchSubmitReady', { n: toSubmit.length })}
          </Button>
        </div>
      )}
      <VirtualTable rows={shown} columns={columns} getKey={(r) => r.employer_id} label={t('batchTitle')} rowHeight={52} onActivate={(r) => !running && toggle(r.employer_id, !sel.has(r.employer_id))} testId="batch-table" empty={<p className="muted">{t('emptyPortfolio')}</p>} />
    </div>
  );
}
