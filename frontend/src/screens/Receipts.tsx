import { useEffect, useState } from 'react';
import { toApiError } from '../api/errors';
import * as RS from '../../wailsjs/go/app/Receipts';
import { bound } from '../api/bridge';
import { receiptsApi } from '../api/receipts';
import type { ReceiptInfo } from '../api/types';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { DeadlineExtensionPanel } from '../components/DeadlineExtension';
import { DocLangSelect } from '../components/DocLangSelect';
import { Icon } from '../components/Icon';
import { PdfViewer } from '../components/PdfViewer';
import { ProgressBar } from '../components/ProgressBar';
import { useToast } from '../components/Toast';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useI18n } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { formatDateTime, formatPeriod, ltr } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { useOpProgress } from '../lib/useOp';
import { useWork } from '../state/work';

export function ReceiptsScreen() {
  const { t, lang, err } = useI18n();
  const w = useWork();
  const toast = useToast();
  const [scope, setScope] = useState<'current' | 'all'>(w.employerId !== null ? 'current' : 'all');
  const ids = scope === 'current' && w.employerId !== null ? [w.employerId] : [];
  const list = useLoad(() => receiptsApi.list(w.period, ids), [w.period, ids.join()]);
  const [open, setOpen] = useState<ReceiptInfo | null>(null);
  // The language of the documents: the UI language unless the user picks another.
  const [docLang, setDocLang] = useState<Lang>(lang);
  const [zipping, setZipping] = useState(false);
  const zip = useOpProgress('zip:progress');
  const names = new Map((w.dashboard?.rows ?? []).map((r) => [r.employer_id, r.name]));

  async function exportZip() {
    setZipping(true);
    try {
      const op = await receiptsApi.exportZIP(w.period, ids, docLang);
      if (op === '') {
        setZipping(false);
        return;
      }
      zip.track(op);
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
      setZipping(false);
    }
  }
  async function exportEvidence() {
    try {
      const path = await bound('Receipts', 'ExportEvidence', () => RS.ExportEvidence(w.period, ids, docLang));
      if (path !== '') toast.success(t('evidenceExported', { path: ltr(path) }));
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    }
  }
  useEffect(() => {
    if (zipping && zip.opId !== null && zip.total > 0 && zip.done >= zip.total) {
      setZipping(false);
      zip.track(null);
      toast.success(t('zipDone'));
    }
  }, [zipping, zip, toast, t]);

  const rows = list.data ?? [];
  const columns: Column<ReceiptInfo>[] = [
    {
      key: 'employer',
      header: t('colEmployer'),
      width: 'minmax(12rem, 2fr)',
      render: (r) => (
        <div className="cell-stack">
          <bdi className="cell-main">{r.name || names.get(r.employer_id) || ''}</bdi>
          <span className="cell-sub num" dir="ltr">
            {r.affiliation}
          </span>
        </div>
      ),
    },
    { key: 'period', header: t('colPeriod'), width: '9rem', render: (r) => formatPeriod(r.period || w.period, lang) },
    {
      key: 'kind',
      header: t('colKind'),
      width: '10rem',
      render: (r) => (
        <span>
          {r.sequence > 0 ? t('kindComplementary', { n: r.sequence }) : t('kindPrincipal')}
          {r.sandbox && (
            <>
              {' '}
              <Badge tone="warning">{t('sandboxBadge')}</Badge>
            </>
          )}
        </span>
      ),
    },
    {
      key: 'file',
      header: t('colFile'),
      width: 'minmax(12rem, 1fr)',
      render: (r) => (
        <span className="mono small" dir="ltr">
          {r.file_name}
        </span>
      ),
    },
    { key: 'date', header: t('colDate'), width: '9.5rem', render: (r) => <span className="num">{formatDateTime(r.created_at)}</span> },
    {
      key: 'actions',
      header: t('actions'),
      width: '12rem',
      render: (r) => (
        <span className="row-actions">
          <Button small icon="eye" onClick={(e) => (e.stopPropagation(), setOpen(r))} data-testid="receipt-open">
            {t('open')}
          </Button>
          <Button
            small
            kind="ghost"
            icon="download"
            onClick={(e) => {
              e.stopPropagation();
              receiptsApi.export(r.receipt_id, docLang).then(
                (p) => p !== '' && toast.success(t('exportedTo', { path: ltr(p) })),
                (x: unknown) => toast.error(err(toApiError(x))),
              );
            }}
          >
            {t('export')}
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div className="page page-fill" data-testid="receipts-screen">
      <div className="page-head">
        <div>
          <h1>{t('receiptsTitle')}</h1>
          <p className="page-sub">{formatPeriod(w.period, lang)}</p>
        </div>
        <div className="head-actions">
          <DocLangSelect value={docLang} onChange={setDocLang} />
          <div className="segmented" role="group" aria-label={t('receiptsScope')}>
            <button type="button" aria-pressed={scope === 'current'} disabled={w.employerId === null} onClick={() => setScope('current')}>
              {t('receiptsScopeCurrent')}
            </button>
            <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
              {t('receiptsScopeAll')}
            </button>
          </div>
          <Button icon="download" disabled={rows.length === 0 || zipping} onClick={() => void exportZip()}>
            {t('exportZip')}
          </Button>
          <Button kind="ghost" icon="download" onClick={() => void exportEvidence()} data-testid="evidence-export">
            {t('evidenceExport')}
          </Button>
        </div>
      </div>
      {zipping && zip.opId !== null && (
        <ProgressBar label={t('exportZip')} done={zip.done} total={zip.total} onCancel={() => void receiptsApi.cancel(zip.opId ?? '').catch(() => undefined)} />
      )}
      {list.error && <Banner kind="error">{err(list.error)}</Banner>}
      {list.data === undefined && !list.error ? (
        <p className="muted">{t('loading')}</p>
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <Icon name="receipts" size={40} />
          <p>{t('receiptsEmpty')}</p>
        </div>
      ) : (
        <VirtualTable rows={rows} columns={columns} getKey={(r) => r.receipt_id} label={t('receiptsTitle')} onActivate={(r) => setOpen(r)} testId="receipts-table" />
      )}
      <DeadlineExtensionPanel period={w.period} />
      {open !== null && <ReceiptDialog info={{ id: open.receipt_id, name: open.name }} docLang={docLang} onClose={() => setOpen(null)} />}
    </div>
  );
}

/**
 * ReceiptDialog loads a receipt's PDF from Go, in the document language
 * (docLang, else the UI language; a selector in the viewer changes it), and
 * shows it in the app.
 */
export function ReceiptDialog({
  info,
  docLang,
  onClose,
}: {
  info: { id: string; name?: string | undefined };
  docLang?: Lang;
  onClose: () => void;
}) {
  const { t, lang, err } = useI18n();
  const toast = useToast();
  const [pdfLang, setPdfLang] = useState<Lang>(docLang ?? lang);
  const r = useLoad(() => receiptsApi.get(info.id, pdfLang), [info.id, pdfLang]);
  if (r.error) {
    return (
      <PdfErrorDialog onClose={onClose} message={err(r.error)} />
    );
  }
  if (r.data === undefined) return null;
  return (
    <PdfViewer
      title={t('pdfTitle', { name: info.name ?? '' })}
      base64={r.data.pdf_base64}
      onClose={onClose}
      actions={
        <>
          <DocLangSelect value={pdfLang} onChange={setPdfLang} />
          <Button
            small
            icon="download"
            onClick={() =>
              receiptsApi.export(info.id, pdfLang).then(
                (p) => p !== '' && toast.success(t('exportedTo', { path: ltr(p) })),
                (x: unknown) => toast.error(err(toApiError(x))),
              )
            }
          >
            {t('export')}
          </Button>
        </>
      }
    />
  );
}

function PdfErrorDialog({ onClose, message }: { onClose: () => void; message: string }) {
  const { t } = useI18n();
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-label={t('pdfError')}>
        <div className="dialog-body">
          <Banner kind="error">{message}</Banner>
        </div>
        <footer className="dialog-footer">
          <Button onClick={onClose}>{t('close')}</Button>
        </footer>
      </div>
    </div>
  );
}

/** ReceiptForDeclaration finds the receipt of a declaration (in its period) and opens it. */
export function ReceiptForDeclaration({ declarationId, onClose }: { declarationId: string; onClose: () => void }) {
  const { err } = useI18n();
  const w = useWork();
  const list = useLoad(() => receiptsApi.forDeclaration(declarationId), [declarationId]);
  if (list.error) return <PdfErrorDialog onClose={onClose} message={err(list.error)} />;
  if (list.data === undefined) return null;
  const all = list.data ?? [];
  const r = all[all.length - 1];
  if (r === undefined) return <PdfErrorDialog onClose={onClose} message={err({ code: 'store.not_found', message: '' })} />;
  return <ReceiptDialog info={{ id: r.id, name: w.employer?.name }} onClose={onClose} />;
}
