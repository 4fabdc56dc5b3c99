import { useDeferredValue, useEffect, useMemo, useState, type FormEvent } from 'react';
import { employeesApi } from '../api/employees';
import { toApiError, type FieldError } from '../api/errors';
import type { Employee, EmployeeVersion, ImportEmployeeRow, ImportPreview } from '../api/types';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox, TextField } from '../components/Field';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { PathField } from '../components/PathField';
import { ProgressBar } from '../components/ProgressBar';
import { useToast } from '../components/Toast';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/errors';
import { formatAmount, formatDate, formatDateTime, ltr, normalizeSearch, parseDate, parseMoney, todayDate8 } from '../lib/format';
import { useDebounced } from '../lib/useDebounced';
import { useLoad } from '../lib/useLoad';
import { useOpProgress } from '../lib/useOp';
import { useWork } from '../state/work';

/** fullName: "NOM Prénom". */
export function fullName(e: Pick<Employee, 'last_name' | 'first_name'>): string {
  return e.first_name ? `${e.last_name} ${e.first_name}` : e.last_name;
}

/** searchEmployees keeps the employees whose name, number or CIN contain every word. */
export function searchEmployees(list: readonly Employee[], q: string, showExited: boolean, today: string): Employee[] {
  const words = normalizeSearch(q).split(/\s+/).filter((x) => x !== '');
  return list.filter((e) => {
    if (!showExited && e.exit_date !== '' && e.exit_date < today) return false;
    if (words.length === 0) return true;
    const hay = `${normalizeSearch(fullName(e))} ${e.immatriculation ?? ''} ${normalizeSearch(e.cin ?? '')}`;
    return words.every((w) => hay.includes(w));
  });
}

export function EmployeesScreen() {
  const { t, err } = useI18n();
  const w = useWork();
  const employerId = w.employerId ?? '';
  const list = useLoad(() => employeesApi.list(employerId), [employerId]);
  const [q, setQ] = useState('');
  const [showExited, setShowExited] = useState(false);
  const [editing, setEditing] = useState<Employee | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const deferredQ = useDeferredValue(q);
  const all = useMemo(() => list.data ?? [], [list.data]);
  const today = todayDate8();
  const shown = useMemo(() => {
    const out = searchEmployees(all, deferredQ, showExited, today);
    return out.sort((a, b) => fullName(a).localeCompare(fullName(b), 'fr', { sensitivity: 'base' }));
  }, [all, deferredQ, showExited, today]);

  const columns: Column<Employee>[] = [
    {
      key: 'immat',
      header: t('colImmat'),
      width: '9.5rem',
      render: (e) => (
        <span className="num mono" dir="ltr">
          {e.immatriculation || '—'}
        </span>
      ),
    },
    {
      key: 'name',
      header: t('colName'),
      width: 'minmax(14rem, 2fr)',
      render: (e) => (
        <span className="cell-main">
          <bdi>{fullName(e)}</bdi>
          {e.exit_date !== '' && e.exit_date < today && (
            <>
              {' '}
              <Badge tone="muted">{t('exited')}</Badge>
            </>
          )}
        </span>
      ),
    },
    { key: 'cin', header: t('colCIN'), width: '8rem', render: (e) => <span className="mono" dir="ltr">{e.cin || '—'}</span> },
    { key: 'hire', header: t('colHire'), width: '7rem', render: (e) => <span className="num">{formatDate(e.hire_date) || '—'}</span> },
    { key: 'exit', header: t('colExit'), width: '7rem', render: (e) => <span className="num">{formatDate(e.exit_date) || '—'}</span> },
    { key: 'job', header: t('colJob'), width: 'minmax(8rem, 1fr)', render: (e) => <bdi>{e.job_title || ''}</bdi> },
    {
      key: 'gross',
      header: t('colGrossMonthly'),
      width: '9rem',
      align: 'end',
      render: (e) => <span className="num">{e.monthly_gross > 0 ? formatAmount(e.monthly_gross) : '—'}</span>,
    },
  ];

  return (
    <div className="page page-fill" data-testid="employees-screen">
      <div className="page-head">
        <div>
          <h1>{t('employeesTitle')}</h1>
          <p className="page-sub">
            <bdi>{w.employer?.name ?? ''}</bdi>
          </p>
        </div>
        <div className="head-actions">
          <Button icon="upload" onClick={() => setImporting(true)} data-testid="import-employees">
            {t('importEmployees')}
          </Button>
          <Button kind="primary" icon="plus" onClick={() => setEditing('new')} data-testid="add-employee">
            {t('addEmployee')}
          </Button>
        </div>
      </div>
      {list.error && <Banner kind="error">{err(list.error)}</Banner>}
      <div className="toolbar">
        <div className="search">
          <Icon name="search" />
          <input
            type="search"
            className="input"
            placeholder={t('searchEmployees')}
            aria-label={t('searchEmployees')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="employee-search"
          />
        </div>
        <Checkbox label={t('showExited')} checked={showExited} onChange={setShowExited} />
        <span className="toolbar-count muted" data-testid="employee-count">
          {t('employeesShown', { shown: shown.length, total: all.length })}
        </span>
      </div>
      {list.loading && list.data === undefined ? (
        <div className="loading-block" role="status">
          <span className="spinner" aria-hidden="true" /> {t('loading')}
        </div>
      ) : all.length === 0 && !list.error ? (
        <div className="empty-state">
          <Icon name="employees" size={40} />
          <p className="empty-title">{t('emptyEmployees')}</p>
          <p>{t('emptyEmployeesHint')}</p>
        </div>
      ) : (
        <VirtualTable
          rows={shown}
          columns={columns}
          getKey={(e) => e.id}
          label={t('employeesTitle')}
          rowHeight={40}
          onActivate={(e) => setEditing(e)}
          testId="employees-table"
          empty={<p className="muted">{t('noMatch')}</p>}
        />
      )}
      {editing !== null && (
        <EmployeeDialog
          employerId={employerId}
          employee={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            list.setData((l) => {
              const old = l ?? [];
              return old.some((x) => x.id === saved.id) ? old.map((x) => (x.id === saved.id ? saved : x)) : [...old, saved];
            });
            setEditing(null);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          employerId={employerId}
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            void list.reload();
            void w.reloadDashboard();
          }}
        />
      )}
    </div>
  );
}

interface EmpDraft {
  immatriculation: string;
  cin: string;
  last_name: string;
  first_name: string;
  birth: string;
  hire: string;
  exit: string;
  job: string;
  gross: string;
  children: string;
  rib: string;
}

function toDraft(e: Employee | null): EmpDraft {
  return {
    immatriculation: e?.immatriculation ?? '',
    cin: e?.cin ?? '',
    last_name: e?.last_name ?? '',
    first_name: e?.first_name ?? '',
    birth: formatDate(e?.birth_date),
    hire: formatDate(e?.hire_date),
    exit: formatDate(e?.exit_date),
    job: e?.job_title ?? '',
    gross: e && e.monthly_gross > 0 ? formatAmount(e.monthly_gross) : '',
    children: String(e?.children ?? 0),
    rib: e?.rib ?? '',
  };
}

/** fromDraft builds the Employee for Go; local holds what cannot even be sent (bad date or amount). */
export function fromDraft(d: EmpDraft, base: Employee): { employee: Employee; local: Record<string, string> } {
  const local: Record<string, string> = {};
  const date = (k: 'birth' | 'hire' | 'exit', field: string) => {
    const v = parseDate(d[k]);
    if (v === undefined) local[field] = 'date';
    return v ?? '';
  };
  let gross = 0;
  if (d.gross.trim() !== '') {
    const m = parseMoney(d.gross);
    if (m.ok) gross = m.centimes;
    else local['monthly_gross'] = m.code;
  }
  const children = d.children.trim() === '' ? 0 : Number(d.children);
  if (!Number.isInteger(children) || children < 0 || children > 99) local['children'] = 'children';
  const employee: Employee = {
    ...base,
    immatriculation: d.immatriculation.trim(),
    cin: d.cin.trim(),
    last_name: d.last_name.trim(),
    first_name: d.first_name.trim(),
    birth_date: date('birth', 'birth_date'),
    hire_date: date('hire', 'hire_date'),
    exit_date: date('exit', 'exit_date'),
    job_title: d.job.trim(),
    monthly_gross: gross,
    children: Number.isInteger(children) ? children : 0,
    rib: d.rib.trim(),
  };
  return { employee, local };
}

function EmployeeDialog({ employerId, employee, onClose, onSaved }: { employerId: string; employee: Employee | null; onClose: () => void; onSaved: (e: Employee) => void }) {
  const { t, lang, err } = useI18n();
  const toast = useToast();
  const [d, setD] = useState<EmpDraft>(() => toDraft(employee));
  const [touched, setTouched] = useState(false);
  const [server, setServer] = useState<readonly FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [tab, setTab] = useState<'form' | 'history'>('form');
  const base: Employee = employee ?? {
    id: '',
    employer_id: employerId,
    last_name: '',
    birth_date: '',
    hire_date: '',
    exit_date: '',
    monthly_gross: 0,
    children: 0,
  };
  const built = fromDraft(d, base);
  const debounced = useDebounced(built.employee, 350);
  const debouncedKey = JSON.stringify(debounced);

  useEffect(() => {
    if (!touched) return;
    let live = true;
    employeesApi.validate(debounced).then(
      (f) => live && setServer(f ?? []),
      (e: unknown) => live && setServer(toApiError(e).fields),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedKey, touched]);

  const set = (k: keyof EmpDraft) => (v: string) => {
    setTouched(true);
    setD((x) => ({ ...x, [k]: v }));
  };
  const fe = (field: string): string | undefined => {
    const l = built.local[field];
    if (l !== undefined) {
      if (l === 'date') return t('dateFormatError');
      if (l === 'children') return t('fChildren');
      return errorText({ code: l, message: '' }, lang);
    }
    const f = server.find((x) => x.field === field);
    return f ? errorText(f, lang) : undefined;
  };

  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (Object.keys(built.local).length > 0) {
      setFailure(t('fieldErrors'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const saved = employee === null ? await employeesApi.create(built.employee) : await employeesApi.update(built.employee);
      toast.success(employee === null ? t('employeeCreated') : t('employeeSaved'));
      onSaved(saved);
    } catch (x: unknown) {
      const ae = toApiError(x);
      setServer(ae.fields);
      setFailure(err(ae));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={employee === null ? t('employeeNew') : t('employeeEdit')}
      onClose={onClose}
      wide
      testId="employee-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button kind="primary" icon="check" busy={busy} onClick={() => void save()} data-testid="employee-save">
            {t('save')}
          </Button>
        </>
      }
    >
      {employee !== null && (
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'form'} className="tab" onClick={() => setTab('form')}>
            {t('details')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'history'} className="tab" onClick={() => setTab('history')}>
            {t('history')}
          </button>
        </div>
      )}
      {tab === 'history' && employee !== null ? (
        <History employerId={employerId} id={employee.id} />
      ) : (
        <form
          onSubmit={(e) => void save(e)}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
              e.preventDefault();
              void save();
            }
          }}
          noValidate
        >
          {failure !== null && <Banner kind="error">{failure}</Banner>}
          <div className="form-grid">
            <TextField label={t('fLastName')} required value={d.last_name} onChange={set('last_name')} error={fe('last_name')} data-testid="f-last-name" />
            <TextField label={t('fFirstName')} value={d.first_name} onChange={set('first_name')} error={fe('first_name')} data-testid="f-first-name" />
            <TextField label={t('fImmat')} hint={t('fImmatHint')} value={d.immatriculation} onChange={set('immatriculation')} error={fe('immatriculation')} ltr inputMode="numeric" maxLength={9} data-testid="f-immat" />
            <TextField label={t('fCIN')} value={d.cin} onChange={(v) => set('cin')(v.toUpperCase())} error={fe('cin')} ltr data-testid="f-cin" />
            <TextField label={t('fBirth')} value={d.birth} onChange={set('birth')} error={fe('birth_date')} ltr placeholder="JJ/MM/AAAA" />
            <TextField label={t('fHire')} value={d.hire} onChange={set('hire')} error={fe('hire_date')} ltr placeholder="JJ/MM/AAAA" data-testid="f-hire" />
            <TextField label={t('fExit')} hint={t('fExitHint')} value={d.exit} onChange={set('exit')} error={fe('exit_date')} ltr placeholder="JJ/MM/AAAA" data-testid="f-exit" />
            <TextField label={t('fJob')} value={d.job} onChange={set('job')} error={fe('job_title')} />
            <TextField label={t('fGross')} value={d.gross} onChange={set('gross')} error={fe('monthly_gross')} ltr inputMode="decimal" className="num-input" data-testid="f-gross" />
            <TextField label={t('fChildren')} value={d.children} onChange={set('children')} error={fe('children')} ltr inputMode="numeric" maxLength={2} />
            <TextField label={t('fRIB')} value={d.rib} onChange={set('rib')} error={fe('rib')} ltr className="span-2" />
          </div>
          <button type="submit" hidden />
        </form>
      )}
    </Dialog>
  );
}

function History({ employerId, id }: { employerId: string; id: string }) {
  const { t, err } = useI18n();
  const h = useLoad(() => employeesApi.history(employerId, id), [employerId, id]);
  if (h.error) return <Banner kind="error">{err(h.error)}</Banner>;
  if (h.data === undefined) return <p className="muted">{t('loading')}</p>;
  const list: EmployeeVersion[] = h.data ?? [];
  if (list.length === 0) return <p className="muted">{t('noHistory')}</p>;
  return (
    <ol className="history">
      {list.map((v, i) => {
        const e = v.previous;
        return (
          <li key={i}>
            <span className="num muted">{formatDateTime(v.at)}</span> — <bdi>{fullName(e)}</bdi>
            {e.exit_date ? ` · ${t('fExit')} ${ltr(formatDate(e.exit_date))}` : ''}
            {e.monthly_gross > 0 ? ` · ${ltr(`${formatAmount(e.monthly_gross)} MAD`)}` : ''}
          </li>
        );
      })}
    </ol>
  );
}

/** ImportDialog: file → preview (per-row errors) → apply with progress and cancel. */
function ImportDialog({ employerId, onClose, onDone }: { employerId: string; onClose: () => void; onDone: () => void }) {
  const { t, err, pick } = useI18n();
  const toast = useToast();
  const [path, setPath] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [opId, setOpId] = useState<string | null>(null);
  const [phase, setPhase] = useState<'idle' | 'previewing' | 'applying'>('idle');
  const [skip, setSkip] = useState(false);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const op = useOpProgress('import:progress');

  async function runPreview() {
    setPhase('previewing');
    setFailure(null);
    setPreview(null);
    op.track('*');
    try {
      const p = await employeesApi.importPreview(employerId, path.trim());
      setPreview(p.preview);
      setOpId(p.op_id);
      op.track(p.op_id);
    } catch (x: unknown) {
      setFailure(err(toApiError(x)));
      op.track(null);
    } finally {
      setPhase('idle');
      setCancelling(false);
    }
  }

  async function apply() {
    if (preview === null || opId === null) return;
    setPhase('applying');
    setFailure(null);
    op.track(opId);
    try {
      const r = await employeesApi.importApply(opId, skip);
      toast.success(t('importDone', { created: r.created, updated: r.updated, skipped: r.skipped }));
      onDone();
    } catch (x: unknown) {
      const ae = toApiError(x);
      if (ae.code === 'op.cancelled' || ae.code === 'import.cancelled') toast.info(t('cancelled'));
      else setFailure(err(ae));
      setPhase('idle');
    } finally {
      setCancelling(false);
    }
  }

  function cancel() {
    const id = op.currentId();
    if (id === null) return;
    setCancelling(true);
    void employeesApi.cancel(id).catch(() => undefined);
  }

  const rows = useMemo(() => {
    const all = preview?.employees ?? [];
    return onlyProblems ? all.filter((r) => (r.errors?.length ?? 0) + (r.warnings?.length ?? 0) > 0) : all;
  }, [preview, onlyProblems]);
  const hasErrors = (preview?.counts.errors ?? 0) > 0;
  const close = () => {
    if (opId !== null) void employeesApi.importDiscard(opId).catch(() => undefined);
    onClose();
  };

  const columns: Column<ImportEmployeeRow>[] = [
    { key: 'line', header: t('colLine'), width: '4.5rem', align: 'end', render: (r) => <span className="num">{r.line}</span> },
    {
      key: 'action',
      header: t('colAction'),
      width: '8rem',
      render: (r) => (
        <Badge tone={r.action === 'error' ? 'danger' : r.action === 'create' ? 'success' : r.action === 'update' ? 'info' : 'muted'}>
          {t(`action_${r.action}` as const)}
        </Badge>
      ),
    },
    { key: 'name', header: t('colName'), width: 'minmax(10rem, 1fr)', render: (r) => <bdi>{fullName(r.record)}</bdi> },
    { key: 'immat', header: t('colImmat'), width: '8.5rem', render: (r) => <span className="mono" dir="ltr">{r.record.immatriculation || '—'}</span> },
    {
      key: 'problems',
      header: t('colProblems'),
      width: 'minmax(16rem, 2fr)',
      render: (r) => (
        <ul className="issues">
          {(r.errors ?? []).map((i, k) => (
            <li key={`e${String(k)}`} className="text-danger">
              {pick(i.message)}
            </li>
          ))}
          {(r.warnings ?? []).map((i, k) => (
            <li key={`w${String(k)}`} className="text-warning">
              {pick(i.message)}
            </li>
          ))}
        </ul>
      ),
    },
  ];

  const busy = phase !== 'idle';
  return (
    <Dialog
      title={t('importTitle')}
      onClose={close}
      wide
      dismissible={!busy}
      testId="import-dialog"
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            {t('close')}
          </Button>
          <Button kind="primary" icon="upload" disabled={preview === null || busy || (hasErrors && !skip)} busy={phase === 'applying'} onClick={() => void apply()} data-testid="import-apply">
            {t('importApply')}
          </Button>
        </>
      }
    >
      <p className="muted">{t('importIntro')}</p>
      <div className="row-end">
        <PathField label={t('filePath')} value={path} onChange={setPath} choose={employeesApi.chooseImportFile} testId="import-path" />
        <Button kind="secondary" icon="eye" disabled={path.trim() === '' || busy} busy={phase === 'previewing'} onClick={() => void runPreview()} data-testid="import-preview">
          {t('importPreview')}
        </Button>
      </div>
      {busy && (
        <ProgressBar
          label={phase === 'previewing' ? t('importPreviewing') : t('importApplying')}
          done={op.done}
          total={op.total}
          onCancel={op.currentId() !== null ? cancel : undefined}
          cancelling={cancelling}
        />
      )}
      {failure !== null && <Banner kind="error">{failure}</Banner>}
      {preview !== null && (
        <div className="import-preview" data-testid="import-preview-result">
          <p className="strong" data-testid="import-counts">
            {t('importCounts', {
              rows: preview.counts.rows,
              create: preview.counts.create,
              update: preview.counts.update,
              unchanged: preview.counts.unchanged,
              errors: preview.counts.errors,
            })}
          </p>
          {(preview.notices ?? []).map((n, i) => (
            <Banner key={i} kind={n.severity === 'error' ? 'error' : n.severity === 'warning' ? 'warning' : 'info'}>
              {pick(n.message)}
            </Banner>
          ))}
          {hasErrors && <Banner kind="warning">{t('importHasErrors')}</Banner>}
          <div className="toolbar">
            {hasErrors && <Checkbox label={t('importSkipErrors')} checked={skip} onChange={setSkip} />}
            <Checkbox label={t('onlyErrors')} checked={onlyProblems} onChange={setOnlyProblems} />
          </div>
          <div className="import-table">
            <VirtualTable rows={rows} columns={columns} getKey={(r) => String(r.line)} label={t('importPreview')} rowHeight={48} />
          </div>
        </div>
      )}
    </Dialog>
  );
}
