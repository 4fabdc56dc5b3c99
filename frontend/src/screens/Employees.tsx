import { useDeferredValue, useEffect, useMemo, useState, type FormEvent } from 'react';
import { employeesApi } from '../api/employees';
import { toApiError, type FieldError } from '../api/errors';
import type { Employee, EmployeeVersion } from '../api/types';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox, TextField } from '../components/Field';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { useToast } from '../components/Toast';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/errors';
import { formatAmount, formatDate, formatDateTime, formatPeriod, ltr, normalizeSearch, parseDate, parseMoney, todayDate8 } from '../lib/format';
import { useDebounced } from '../lib/useDebounced';
import { useLoad } from '../lib/useLoad';
import { ImportDialog } from '../components/ImportDialog';
import { useWork } from '../state/work';

/** fullName: "NOM Prénom". */
export function fullName(e: Pick<Employee, 'last_name' | 'first_name'>): string {
  return e.first_name ? `${e.last_name} ${e.first_name}` : e.last_name;
}

export type Moves = 'all' | 'in' | 'out';

/**
 * searchEmployees keeps the employees whose name, number or CIN contain
 * every word; moves keeps those hired ("in") or gone ("out") in period
 * (AAAAMM), whatever showExited says.
 */
export function searchEmployees(list: readonly Employee[], q: string, showExited: boolean, today: string, moves: Moves = 'all', period = ''): Employee[] {
  const words = normalizeSearch(q).split(/\s+/).filter((x) => x !== '');
  return list.filter((e) => {
    if (moves === 'in' && !e.hire_date.startsWith(period)) return false;
    if (moves === 'out' && !e.exit_date.startsWith(period)) return false;
    if (moves === 'all' && !showExited && e.exit_date !== '' && e.exit_date < today) return false;
    if (words.length === 0) return true;
    const hay = `${normalizeSearch(fullName(e))} ${e.immatriculation ?? ''} ${normalizeSearch(e.cin ?? '')}`;
    return words.every((w) => hay.includes(w));
  });
}

export function EmployeesScreen() {
  const { t, lang, err } = useI18n();
  const w = useWork();
  const employerId = w.employerId ?? '';
  const list = useLoad(() => employeesApi.list(employerId), [employerId]);
  const [q, setQ] = useState('');
  const [showExited, setShowExited] = useState(false);
  const [moves, setMoves] = useState<Moves>('all');
  const [editing, setEditing] = useState<Employee | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const deferredQ = useDeferredValue(q);
  const all = useMemo(() => list.data ?? [], [list.data]);
  const today = todayDate8();
  const shown = useMemo(() => {
    const out = searchEmployees(all, deferredQ, showExited, today, moves, w.period);
    return out.sort((a, b) => fullName(a).localeCompare(fullName(b), 'fr', { sensitivity: 'base' }));
  }, [all, deferredQ, showExited, today, moves, w.period]);

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
        <div className="segmented" role="group" aria-label={t('movesLabel')}>
          <button type="button" aria-pressed={moves === 'all'} onClick={() => setMoves('all')}>
            {t('movesAll')}
          </button>
          <button type="button" aria-pressed={moves === 'in'} onClick={() => setMoves('in')} data-testid="moves-in">
            {t('movesIn', { period: formatPeriod(w.period, lang, true) })}
          </button>
          <button type="button" aria-pressed={moves === 'out'} onClick={() => setMoves('out')}>
            {t('movesOut', { period: formatPeriod(w.period, lang, true) })}
          </button>
        </div>
        {moves === 'all' && <Checkbox label={t('showExited')} checked={showExited} onChange={setShowExited} />}
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
          kind="employees"
          api={{
            choose: employeesApi.chooseImportFile,
            preview: (path) => employeesApi.importPreview(employerId, path),
            apply: employeesApi.importApply,
            discard: employeesApi.importDiscard,
            cancel: employeesApi.cancel,
          }}
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

