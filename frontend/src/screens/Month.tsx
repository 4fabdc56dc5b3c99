import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toApiError } from '../api/errors';
import { monthApi } from '../api/month';
import type { Category, Chosen, Finding, Generated, MonthDeclaration, MonthRow, ReportFinding, Workspace } from '../api/types';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { DepositAttempts } from '../components/DepositAttempts';
import { Checkbox, TextField } from '../components/Field';
import { FindingsPanel } from '../components/FindingsPanel';
import { Icon } from '../components/Icon';
import { MonthGrid, type MonthGridHandle } from '../components/MonthGrid';
import { ChosenField } from '../components/PathField';
import { PdfViewer } from '../components/PdfViewer';
import { useToast } from '../components/Toast';
import { receiptsApi } from '../api/receipts';
import { useI18n } from '../i18n/context';
import { Autosaver, type SaveState } from '../lib/autosave';
import { formatAmount, formatDate, formatDateTime, formatInt, formatMAD, formatPeriod, ltr } from '../lib/format';
import { applyEdit, cellSeverity, linesOf, mergeRows, parseDays, parseGross, targetCol, visibleRows } from '../lib/monthGrid';
import { DECL_TONE } from '../lib/status';
import { BEFORE_LOCK, type BeforeLockDetail, useWork } from '../state/work';

/** Quiet time after the last keystroke before the month is saved. */
export const AUTOSAVE_MS = 600;

type CatFilter = Category | 'all' | 'needs' | 'problems';

export function MonthScreen() {
  const { t, lang, err } = useI18n();
  const w = useWork();
  const toast = useToast();
  const employerId = w.employerId ?? '';
  const period = w.period;
  const [ws, setWs] = useState<Workspace | null>(null);
  const [rows, setRows] = useState<MonthRow[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [filter, setFilter] = useState<CatFilter>('all');
  const [generating, setGenerating] = useState(false);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const gridRef = useRef<MonthGridHandle>(null);
  const rowsRef = useRef<MonthRow[]>([]);
  rowsRef.current = rows;
  // The rows as last edited (set in the state updater, so a save never
  // misses a keystroke that React has not rendered yet).
  const latest = useRef<MonthRow[]>([]);
  const editGen = useRef(0);

  const load = useCallback(async () => {
    try {
      const x = await monthApi.load(employerId, period);
      setWs(x);
      setRows(x.rows ?? []);
      latest.current = x.rows ?? [];
      setLoadError(null);
    } catch (e: unknown) {
      setLoadError(toApiError(e));
    }
  }, [employerId, period]);

  useEffect(() => {
    void load();
  }, [load]);

  // The autosaver: SaveLines after a quiet delay; the answer brings the new findings.
  const saver = useMemo(
    () =>
      new Autosaver<{ gen: number }, Workspace>({
        // The lines are read when the save starts: typing only bumps a counter.
        save: () => monthApi.saveLines(employerId, period, linesOf(latest.current)),
        delayMs: AUTOSAVE_MS,
        onState: (s, e) => {
          setSaveState(s);
          setSaveError(s === 'error' ? err(toApiError(e)) : null);
        },
        onSaved: (x, saved) => {
          // Applied as a transition: a keystroke arriving meanwhile is served first.
          startTransition(() => {
            setWs(x);
            // Rows edited since this save started keep their newer values;
            // the next save brings their findings.
            if (saved.gen === editGen.current) {
              setRows((cur) => {
                const merged = mergeRows(cur, x.rows ?? []) as MonthRow[];
                latest.current = merged;
                return merged;
              });
            }
          });
        },
      }),
    [employerId, period, err],
  );

  // Save what is pending when leaving the screen, locking or closing the window.
  useEffect(() => {
    const flush = () => void saver.flush();
    const onVis = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const beforeLock = (e: Event) => (e as CustomEvent<BeforeLockDetail>).detail?.wait(saver.flush());
    window.addEventListener(BEFORE_LOCK, beforeLock);
    window.addEventListener('beforeunload', flush);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVis);
    return () => {
      window.removeEventListener(BEFORE_LOCK, beforeLock);
      window.removeEventListener('beforeunload', flush);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVis);
      void saver.flush().finally(() => saver.dispose());
    };
  }, [saver]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saver.flush();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saver]);

  const onEdit = useCallback(
    (i: number, patch: Partial<Pick<MonthRow, 'days' | 'gross' | 'situation'>>) => {
      setRows((cur) => {
        const old = cur[i];
        if (old === undefined) return cur;
        const next = cur.slice();
        next[i] = applyEdit(old, patch);
        latest.current = next;
        editGen.current++;
        saver.schedule({ gen: editGen.current });
        return next;
      });
      setGenerated(null);
    },
    [saver],
  );

  const findings = useMemo(() => ws?.findings ?? [], [ws]);
  const severity = useMemo(() => cellSeverity(findings, rows), [findings, rows]);
  const visible = useMemo(() => visibleRows(rows, filter, severity), [rows, filter, severity]);
  const decls = ws?.declarations ?? [];
  // The month's lifecycle flags come from Go (internal/lifecycle).
  const readOnly = ws?.lifecycle.frozen === true;
  const needs = rows.filter((r) => r.needs_situation).length;

  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  // Stable, so that the findings panel does not redraw at every keystroke.
  const onFinding = useCallback((f: Finding) => {
    if (f.row < 0) return;
    const col = targetCol(f, rowsRef.current[f.row]);
    if (!visibleRef.current.includes(f.row)) {
      setFilter('all');
      requestAnimationFrame(() => gridRef.current?.focusCell(f.row, col));
    } else gridRef.current?.focusCell(f.row, col);
  }, []);

  async function generate() {
    setGenerating(true);
    setGenerated(null);
    try {
      await saver.flush();
      const g = await monthApi.generate(employerId, period);
      setGenerated(g);
      if (g.valid) toast.success(t('generatedOk', { file: g.declaration.file_name }));
      await load();
      void w.reloadDashboard();
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    } finally {
      setGenerating(false);
    }
  }

  if (loadError !== null) {
    return (
      <div className="page">
        <Banner kind="error" action={<Button onClick={() => void load()}>{t('retry')}</Button>}>
          {err(loadError)}
        </Banner>
      </div>
    );
  }
  if (ws === null) {
    return (
      <div className="loading-block" role="status">
        <span className="spinner" aria-hidden="true" /> {t('loading')}
      </div>
    );
  }

  const counts = ws.counts ?? {};

  return (
    <div className="page page-fill month" data-testid="month-screen">
      <div className="page-head">
        <div>
          <h1>{t('monthTitle', { period: formatPeriod(period, lang) })}</h1>
          <p className="page-sub">
            <bdi>{w.employer?.name ?? ws.affiliation}</bdi> · {t('dueOn', { date: ltr(formatDate(ws.due_date)) })}
          </p>
        </div>
        <div className="head-actions">
          <SaveIndicator state={saveState} onSave={() => void saver.flush()} empty={ws.prefilled} />
          <Button
            kind="primary"
            icon="check"
            busy={generating}
            disabled={ws.preetabli === null || readOnly}
            onClick={() => void generate()}
            data-testid="generate"
          >
            {generating ? t('generating') : t('generate')}
          </Button>
        </div>
      </div>

      {saveError !== null && (
        <Banner kind="error" action={<Button onClick={() => void saver.flush()}>{t('retry')}</Button>} testId="save-error">
          {t('saveError')} {saveError}
        </Banner>
      )}
      {readOnly && <Banner kind="info">{t('frozenNote')}</Banner>}
      {ws.lifecycle.needs_regenerate && (
        <Banner kind="warning" testId="needs-regenerate">
          {t('needsRegenerate', { file: decls.find((d) => d.flags.needs_regenerate)?.file_name ?? '' })}
        </Banner>
      )}
      {generated !== null && (
        <Banner
          kind={generated.valid ? 'success' : 'error'}
          testId="generate-result"
          action={
            generated.valid ? (
              <Button kind="primary" icon="submit" onClick={() => w.go('submit', { declarationId: generated.declaration.id })} data-testid="go-submit">
                {t('goSubmit')}
              </Button>
            ) : undefined
          }
        >
          {generated.valid
            ? t('generatedOk', { file: generated.declaration.file_name })
            : t('generatedErrors', { n: (generated.findings ?? []).filter((f) => f.severity === 'error').length })}
        </Banner>
      )}

      <PreetabliCard ws={ws} readOnly={readOnly} onImported={() => void load()} />

      {ws.preetabli !== null && (
        <>
          <div className="chips" role="group" aria-label={t('reconciliation')}>
            <Chip active={filter === 'all'} onClick={() => setFilter('all')} label={t('catAll')} n={rows.length} />
            {(['current', 'entrant', 'leaver', 'unknown'] as const).map((c) => (
              <Chip key={c} active={filter === c} onClick={() => setFilter(c)} label={t(`cat_${c}` as const)} n={counts[c] ?? 0} title={t(`catHint_${c}` as const)} testId={`chip-${c}`} />
            ))}
            {severity.size > 0 && <Chip active={filter === 'problems'} onClick={() => setFilter('problems')} label={t('findingsTitle')} n={new Set(findings.filter((f) => f.row >= 0).map((f) => f.row)).size} tone="danger" />}
          </div>
          {needs > 0 && !readOnly && (
            <Banner kind="warning" testId="needs-situation" action={<Button small onClick={() => setFilter('needs')}>{t('details')}</Button>}>
              {t('needsSituation', { n: needs })}
            </Banner>
          )}
          {ws.prefilled && !readOnly && (
            <p className="muted small" data-testid="prefilled-note">
              {ws.previous_month === true ? t('prefilledNote') : t('prefilledNoteNoPrevious')}
            </p>
          )}
        </>
      )}

      <div className="month-body">
        <div className="month-grid">
          {ws.preetabli === null ? (
            <div className="empty-state">
              <Icon name="file" size={40} />
              <p>{t('noPreetabliGrid')}</p>
            </div>
          ) : (
            <MonthGrid ref={gridRef} rows={rows} visible={visible} severity={severity} readOnly={readOnly} onEdit={onEdit} maxDays={ws.max_days} />
          )}
        </div>
        <aside className="month-side">
          {ws.preetabli !== null && <FindingsPanel findings={findings} rows={rows} onSelect={onFinding} />}
          {ws.preetabli !== null && <EstimateCard ws={ws} />}
          <DeclarationsCard decls={decls} onSubmit={(d) => w.go('submit', { declarationId: d.id })} />
          {decls.filter((d) => d.status !== 'draft').slice(-1).map((d) => <DepositAttempts key={d.id} declarationId={d.id} />)}
          {ws.lifecycle.can_complement && (
            <ComplementaryCard rows={rows} onDone={() => void load()} />
          )}
        </aside>
      </div>
    </div>
  );
}

function SaveIndicator({ state, onSave, empty }: { state: SaveState; onSave: () => void; empty: boolean }) {
  const { t } = useI18n();
  // Nothing saved for the month yet: "Enregistré" would be untrue.
  const label = state === 'saving' ? t('saving') : state === 'pending' ? t('unsavedChanges') : state === 'error' ? t('saveError') : empty ? t('nothingSavedYet') : t('saved');
  return (
    <button type="button" className={`save-state save-${state}`} onClick={onSave} title={t('saveNow')} data-testid="save-state" data-state={state}>
      {state === 'saving' ? <span className="spinner" aria-hidden="true" /> : <Icon name={state === 'error' ? 'error' : state === 'pending' ? 'clock' : 'check'} size={16} />}
      <span role="status">{label}</span>
    </button>
  );
}

function Chip({ active, onClick, label, n, title, tone, testId }: { active: boolean; onClick: () => void; label: string; n: number; title?: string; tone?: string; testId?: string }) {
  return (
    <button type="button" className={`chip${active ? ' chip-active' : ''}${tone ? ` chip-${tone}` : ''}`} aria-pressed={active} onClick={onClick} title={title} data-testid={testId}>
      <span>{label}</span>
      <span className="chip-n num">{formatInt(n)}</span>
    </button>
  );
}

function PreetabliCard({ ws, readOnly, onImported }: { ws: Workspace; readOnly: boolean; onImported: () => void }) {
  const { t, err, pick } = useI18n();
  const toast = useToast();
  const [file, setFile] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState<'file' | 'fetch' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [open, setOpen] = useState(ws.preetabli === null);
  const [refused, setRefused] = useState<ReportFinding[]>([]);

  async function run(kind: 'file' | 'fetch') {
    setBusy(kind);
    setFailure(null);
    try {
      // A chosen file's token is spent by the call: choose it again to retry.
      const token = file?.token ?? '';
      if (kind === 'file') setFile(null);
      const r = kind === 'file' ? await monthApi.importPreetabli(ws.employer_id, ws.period, token) : await monthApi.fetchPreetabli(ws.employer_id, ws.period);
      if (!r.imported || !r.preetabli) {
        setRefused(r.findings ?? []);
        return;
      }
      setRefused([]);
      toast.success(t('preetabliImported', { n: r.preetabli.employees }));
      setOpen(false);
      onImported();
    } catch (x: unknown) {
      setFailure(err(toApiError(x)));
    } finally {
      setBusy(null);
    }
  }

  const p = ws.preetabli;
  return (
    <section className="card card-compact" aria-labelledby="pre-title" data-testid="preetabli-card">
      <div className="card-row">
        <h2 id="pre-title">{t('preetabliTitle')}</h2>
        {p ? (
          <p className="muted small" data-testid="preetabli-info">
            <Icon name="check" size={16} /> {t('preetabliInfo', { file: ltr(p.file_name ?? ''), n: p.employees, date: ltr(formatDateTime(p.imported_at)) })}
          </p>
        ) : (
          <p className="muted small">{t('preetabliNone')}</p>
        )}
        {p !== null && !readOnly && (
          <Button small kind="ghost" icon="refresh" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {t('importPreetabli')}
          </Button>
        )}
      </div>
      {open && !readOnly && (
        <div className="preetabli-import">
          {p === null && <p className="small muted">{t('preetabliWhat')}</p>}
          <div className="row-end">
            <ChosenField label={t('filePath')} value={file} onChange={setFile} choose={monthApi.choosePreetabli} testId="preetabli-path" />
            <Button kind="primary" icon="upload" busy={busy === 'file'} disabled={file === null || busy !== null} onClick={() => void run('file')} data-testid="preetabli-import">
              {t('importPreetabli')}
            </Button>
            <Button icon="download" busy={busy === 'fetch'} disabled={busy !== null} onClick={() => void run('fetch')}>
              {t('fetchPreetabli')}
            </Button>
          </div>
          {failure !== null && (
            <Banner kind="error" testId="preetabli-failure">
              {failure}
            </Banner>
          )}
          {refused.length > 0 && (
            <Banner kind="error" testId="preetabli-refused">
              <p className="strong">{t('preetabliRefused')}</p>
              <ul className="plain-list">
                {refused.slice(0, 20).map((f, i) => (
                  <li key={i}>
                    {f.line > 0 && <span className="num">{t('colLine')} {f.line} — </span>}
                    {pick(f.message)} {pick(f.hint)}
                  </li>
                ))}
              </ul>
            </Banner>
          )}
        </div>
      )}
    </section>
  );
}

function EstimateCard({ ws }: { ws: Workspace }) {
  const { t, pick } = useI18n();
  const e = ws.estimate;
  const tot = ws.totals;
  return (
    <section className="card card-compact" aria-labelledby="est-title" data-testid="estimate">
      <h2 id="est-title">{t('estimateTitle')}</h2>
      <p className="small muted num">
        {t('totalsLine', { count: formatInt(tot.employees), days: formatInt(tot.days), real: ltr(formatMAD(tot.real)) })}
      </p>
      <table className="table-compact">
        <thead>
          <tr>
            <th scope="col">{t('colBranch')}</th>
            <th scope="col" className="align-end">
              {t('colEmployerPartMAD')}
            </th>
            <th scope="col" className="align-end">
              {t('colEmployeePartMAD')}
            </th>
          </tr>
        </thead>
        <tbody>
          {(e.branches ?? []).map((b) => (
            <tr key={b.branch}>
              <th scope="row" title={pick(b.label)}>
                {b.branch} <span className="muted small branch-label">{pick(b.label)}</span>
              </th>
              <td className="align-end">
                <span className="num">{formatAmount(b.employer)}</span>
              </td>
              <td className="align-end">
                <span className="num">{formatAmount(b.employee)}</span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('totalLabel')}</th>
            <td className="align-end">
              <span className="num">{formatAmount(e.employer)}</span>
            </td>
            <td className="align-end">
              <span className="num">{formatAmount(e.employee)}</span>
            </td>
          </tr>
          <tr className="grand">
            <th scope="row" colSpan={2}>
              {t('totalLabel')}
            </th>
            <td className="align-end strong">
              <span className="num" data-testid="estimate-total">
                {formatMAD(e.total)}
              </span>
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="small muted">{t('estimateNote')}</p>
    </section>
  );
}

function DeclarationsCard({ decls, onSubmit }: { decls: readonly MonthDeclaration[]; onSubmit: (d: MonthDeclaration) => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [summary, setSummary] = useState<{ file: string; pdf: string } | null>(null);
  if (decls.length === 0) return null;
  return (
    <section className="card card-compact" aria-labelledby="decl-title" data-testid="declarations">
      <h2 id="decl-title">{t('declarations')}</h2>
      <ul className="decl-list">
        {decls.map((d) => (
          <li key={d.id}>
            <div className="decl-line">
              <span className="strong">{d.kind === 'principal' ? t('kindPrincipal') : t('kindComplementary', { n: d.sequence })}</span>
              <Badge tone={DECL_TONE[d.status]} testId="decl-status">
                {t(`decl_${d.status}` as const)}
              </Badge>
            </div>
            <div className="small muted mono" dir="ltr">
              {d.file_name}
            </div>
            {(d.errors > 0 || d.warnings > 0) && (
              <div className="small">
                {d.errors > 0 && <span className="text-danger">{t('errorsCount', { n: d.errors })}</span>} {d.warnings > 0 && <span className="text-warning">{t('warningsCount', { n: d.warnings })}</span>}
              </div>
            )}
            <div className="decl-actions">
              {d.status !== 'draft' && !d.flags.needs_regenerate && (
                <Button
                  small
                  kind="ghost"
                  icon="eye"
                  onClick={() =>
                    receiptsApi.summaryPDF(d.id).then(
                      (pdf) => setSummary({ file: d.file_name, pdf }),
                      (e: unknown) => toast.error(err(toApiError(e))),
                    )
                  }
                >
                  {t('summaryPdf')}
                </Button>
              )}
              {d.status !== 'draft' && !d.flags.needs_regenerate && (
                <Button
                  small
                  kind="ghost"
                  icon="download"
                  onClick={() =>
                    monthApi.exportDeclaration(d.id).then(
                      (p) => p !== '' && toast.success(t('exportedTo', { path: ltr(p) })),
                      (e: unknown) => toast.error(err(toApiError(e))),
                    )
                  }
                >
                  {t('exportFile')}
                </Button>
              )}
              {(d.flags.can_submit || (d.flags.frozen && d.status !== 'manual')) && (
                <Button small kind={d.flags.can_submit ? 'primary' : 'ghost'} icon="submit" onClick={() => onSubmit(d)}>
                  {t('navSubmit')}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {summary !== null && <PdfViewer title={`${t('summaryPdf')} — ${summary.file}`} base64={summary.pdf} onClose={() => setSummary(null)} />}
    </section>
  );
}

function ComplementaryCard({ rows, onDone }: { rows: readonly MonthRow[]; onDone: () => void }) {
  const { t, err } = useI18n();
  const w = useWork();
  const toast = useToast();
  const [sel, setSel] = useState<Set<string>>(new Set());
  // The month's grid is frozen: the days and pay of each forgotten employee are typed here.
  const [typed, setTyped] = useState<Record<string, { days: string; gross: string }>>({});
  const [busy, setBusy] = useState(false);
  const candidates = rows.filter((r) => r.employee_id !== '' && (r.category === 'entrant' || r.category === 'unknown'));
  const valueOf = (id: string) => typed[id] ?? { days: '', gross: '' };
  async function run() {
    if (sel.size === 0) {
      toast.error(t('complementaryNoneSelected'));
      return;
    }
    const lines = [];
    for (const id of sel) {
      const v = valueOf(id);
      const d = parseDays(v.days);
      const g = parseGross(v.gross);
      if (!d.ok || !g.ok) {
        toast.error(t('complementaryBadValue', { name: rows.find((r) => r.employee_id === id)?.name ?? '' }));
        return;
      }
      lines.push({ employee_id: id, days: d.days, gross: g.centimes, situation: '' });
    }
    setBusy(true);
    try {
      const g = await monthApi.generateComplementary(w.employerId ?? '', w.period, lines);
      if (g.valid) toast.success(t('generatedOk', { file: g.declaration.file_name }));
      else toast.error(t('generatedErrors', { n: (g.findings ?? []).filter((f) => f.severity === 'error').length }));
      onDone();
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card card-compact" aria-labelledby="comp-title">
      <h2 id="comp-title">{t('complementaryTitle')}</h2>
      <p className="small muted">{t('complementaryIntro')}</p>
      <div className="check-list">
        {candidates.map((r) => (
          <div key={r.employee_id} className="comp-line" data-testid="comp-line">
            <Checkbox
              label={r.name}
              checked={sel.has(r.employee_id)}
              onChange={(on) =>
                setSel((s) => {
                  const n = new Set(s);
                  if (on) n.add(r.employee_id);
                  else n.delete(r.employee_id);
                  return n;
                })
              }
            />
            {sel.has(r.employee_id) && (
              <div className="form-grid">
                <TextField label={t('colDays')} value={valueOf(r.employee_id).days} onChange={(v) => setTyped((m) => ({ ...m, [r.employee_id]: { ...valueOf(r.employee_id), days: v } }))} ltr inputMode="numeric" data-testid="comp-days" />
                <TextField label={t('colGross')} value={valueOf(r.employee_id).gross} onChange={(v) => setTyped((m) => ({ ...m, [r.employee_id]: { ...valueOf(r.employee_id), gross: v } }))} ltr data-testid="comp-gross" />
              </div>
            )}
          </div>
        ))}
      </div>
      <Button icon="plus" busy={busy} onClick={() => void run()} disabled={candidates.length === 0}>
        {t('complementaryGenerate')}
      </Button>
    </section>
  );
}
