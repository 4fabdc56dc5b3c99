import { useMemo, useState } from 'react';
import { toApiError } from '../api/errors';
import type { Chosen, Employee, Employer, ImportIssue, ImportPreview, ImportPreviewResult, ImportResult } from '../api/types';
import { useI18n } from '../i18n/context';
import { useOpProgress } from '../lib/useOp';
import { Badge } from './Badge';
import { Banner } from './Banner';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { Checkbox } from './Field';
import { ChosenField } from './PathField';
import { ProgressBar } from './ProgressBar';
import { useToast } from './Toast';
import { VirtualTable, type Column } from './VirtualTable';

/** What an import needs from Go (Employees.* or Employers.*). */
export interface ImportApi {
  choose: () => Promise<Chosen>;
  preview: (token: string) => Promise<ImportPreviewResult>;
  apply: (opID: string, skipErrors: boolean) => Promise<ImportResult>;
  discard: (opID: string) => Promise<void>;
  cancel: (opID: string) => Promise<boolean>;
}

interface Row {
  line: number;
  action: 'create' | 'update' | 'unchanged' | 'error';
  name: string;
  /** The immatriculation (employees) or affiliation (employers); never a CIN. */
  id: string;
  cin: string;
  errors: readonly ImportIssue[];
  warnings: readonly ImportIssue[];
}

function rowsOf(p: ImportPreview, kind: 'employees' | 'employers'): Row[] {
  if (kind === 'employees') {
    return (p.employees ?? []).map((r) => ({
      line: r.line,
      action: r.action,
      name: personName(r.record),
      id: r.record.immatriculation ?? '',
      cin: r.record.cin ?? '',
      errors: r.errors ?? [],
      warnings: r.warnings ?? [],
    }));
  }
  const rows = (p as ImportPreview & { employers?: Array<{ line: number; action: Row['action']; record: Employer; errors?: ImportIssue[] | null; warnings?: ImportIssue[] | null }> | null }).employers ?? [];
  return rows.map((r) => ({ line: r.line, action: r.action, name: r.record.name, id: r.record.affiliation, cin: '', errors: r.errors ?? [], warnings: r.warnings ?? [] }));
}

function personName(e: Pick<Employee, 'last_name' | 'first_name'>): string {
  return e.first_name ? `${e.last_name} ${e.first_name}` : e.last_name;
}

/**
 * ImportDialog: a CSV/XLSX file → the preview, row by row with each row's
 * errors and warnings → the import, with its progress and a Cancel button.
 * Nothing is written before "Import"; closing the dialog discards the preview.
 */
export function ImportDialog({ kind, api, onClose, onDone }: { kind: 'employees' | 'employers'; api: ImportApi; onClose: () => void; onDone: () => void }) {
  const { t, err, pick } = useI18n();
  const toast = useToast();
  const [file, setFile] = useState<Chosen | null>(null);
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
    if (opId !== null) void api.discard(opId).catch(() => undefined);
    setOpId(null);
    op.track('*');
    try {
      if (file === null || file.token === '') return;
      // The token is spent by this call (the name stays shown): choose the
      // file again to read it again.
      setFile({ token: '', name: file.name });
      const p = await api.preview(file.token);
      setPreview(p.preview ?? null);
      setOpId(p.op_id);
      op.track(p.op_id);
    } catch (x: unknown) {
      const ae = toApiError(x);
      setFailure(ae.code === 'op.cancelled' || ae.code === 'import.cancelled' ? t('cancelled') : err(ae));
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
      const r = await api.apply(opId, skip);
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
    void api.cancel(id).catch(() => undefined);
  }

  const close = () => {
    if (opId !== null) void api.discard(opId).catch(() => undefined);
    onClose();
  };

  const all = useMemo(() => (preview === null ? [] : rowsOf(preview, kind)), [preview, kind]);
  const rows = useMemo(() => (onlyProblems ? all.filter((r) => r.errors.length + r.warnings.length > 0) : all), [all, onlyProblems]);
  const hasErrors = (preview?.counts.errors ?? 0) > 0;
  // The row shows the line and the file is named above: each once (issue 15.8).
  const issueText = (i: ImportIssue) => pick(i.detail ?? i.message);

  const columns: Column<Row>[] = [
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
    { key: 'name', header: kind === 'employees' ? t('colName') : t('colEmployer'), width: 'minmax(10rem, 1fr)', render: (r) => <bdi>{r.name}</bdi> },
    {
      key: 'id',
      header: kind === 'employees' ? t('colImmat') : t('colAffiliation'),
      width: '8.5rem',
      render: (r) => (
        <span className="mono" dir="ltr">
          {r.id || '—'}
        </span>
      ),
    },
    ...(kind === 'employees'
      ? [
          {
            key: 'cin',
            header: t('colCIN'),
            width: '7.5rem',
            render: (r: Row) => (
              <span className="mono" dir="ltr">
                {r.cin || '—'}
              </span>
            ),
          },
        ]
      : []),
    {
      key: 'problems',
      header: t('colProblems'),
      width: 'minmax(16rem, 2fr)',
      render: (r) => (
        <ul className="issues">
          {r.errors.map((i, k) => (
            <li key={`e${String(k)}`} className="text-danger">
              {issueText(i)}
            </li>
          ))}
          {r.warnings.map((i, k) => (
            <li key={`w${String(k)}`} className="text-warning">
              {issueText(i)}
            </li>
          ))}
        </ul>
      ),
    },
  ];

  const busy = phase !== 'idle';
  return (
    <Dialog
      title={kind === 'employees' ? t('importTitle') : t('importEmployersTitle')}
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
      <p className="muted">{kind === 'employees' ? t('importIntro') : t('importEmployersIntro')}</p>
      <div className="row-end">
        <ChosenField label={t('filePath')} value={file} onChange={setFile} choose={api.choose} testId="import-path" />
        <Button kind="secondary" icon="eye" disabled={file === null || file.token === '' || busy} busy={phase === 'previewing'} onClick={() => void runPreview()} data-testid="import-preview">
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
              {issueText(n)}
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
