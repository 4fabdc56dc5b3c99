import { useCallback, useEffect, useMemo, useState } from 'react';
import { toApiError, type ApiError } from '../api/errors';
import { receiptsApi } from '../api/receipts';
import type { AuditEntry } from '../api/types';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useI18n } from '../i18n/context';
import { formatDateTime, normalizeSearch } from '../lib/format';

/** Entries per call (Go's Receipts.Audit returns at most 1 000 from a sequence number). */
const PAGE = 1000;
/** Pages read at once; beyond, "load more". */
const PAGES = 20;

/**
 * AuditScreen: the hash-chained audit log, newest first. Go returns it in
 * order from a sequence number; the screen reads it page by page and shows
 * it reversed, with a filter on the action and the object. Each action and
 * object is shown by Go's label in the user's language (the store's
 * catalogue), the raw code only as a small hint; a code Go has no label for
 * is shown raw.
 */
export function AuditScreen() {
  const { t, err, pick } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [q, setQ] = useState('');

  const load = useCallback(async (from: number, keep: AuditEntry[]) => {
    setBusy(true);
    try {
      const got = [...keep];
      let seq = from;
      let more = true;
      for (let i = 0; i < PAGES && more; i++) {
        const page = (await receiptsApi.audit(seq, PAGE)) ?? [];
        got.push(...page);
        more = page.length === PAGE;
        if (page.length > 0) seq = page[page.length - 1]!.seq + 1;
      }
      setEntries(got);
      setNext(more ? seq : null);
      setError(null);
    } catch (x: unknown) {
      setError(toApiError(x));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void load(1, []);
  }, [load]);

  const shown = useMemo(() => {
    const words = normalizeSearch(q).split(/\s+/).filter(Boolean);
    const list = (entries ?? []).filter((e) => {
      const text = normalizeSearch(`${pick(e.action_label)} ${e.action} ${pick(e.entity_label)} ${e.entity} ${e.who}`).toLowerCase();
      return words.every((w) => text.includes(w));
    });
    return list.reverse();
  }, [entries, q, pick]);

  const columns: Column<AuditEntry>[] = [
    { key: 'seq', header: t('colSeq'), width: '5rem', align: 'end', render: (e) => <span className="num">{e.seq}</span> },
    { key: 'time', header: t('colDateCasablanca'), width: '10rem', render: (e) => <span className="num">{formatDateTime(e.time)}</span> },
    { key: 'who', header: t('colWho'), width: '9rem', render: (e) => <bdi>{e.who}</bdi> },
    { key: 'action', header: t('colWhat'), width: 'minmax(12rem, 1fr)', render: (e) => <Labelled label={pick(e.action_label)} code={e.action} testId="audit-action" /> },
    {
      key: 'entity',
      header: t('colEntity'),
      width: 'minmax(12rem, 1fr)',
      render: (e) => <Labelled label={pick(e.entity_label)} code={`${e.entity} ${e.entity_id.slice(0, 12)}`.trim()} testId="audit-entity" />,
    },
    {
      key: 'hash',
      header: 'SHA-256',
      width: '9rem',
      render: (e) => (
        <span className="mono small muted" dir="ltr" title={e.hash ?? undefined}>
          {(e.hash ?? '').slice(0, 12)}
        </span>
      ),
    },
  ];

  return (
    <div className="page page-fill" data-testid="audit-screen">
      <div className="page-head">
        <div>
          <h1>{t('auditTitle')}</h1>
          <p className="page-sub">{t('auditIntro')}</p>
        </div>
        <div className="head-actions">
          {next !== null && (
            <Button onClick={() => void load(next, entries ?? [])} busy={busy}>
              {t('auditMore')}
            </Button>
          )}
          <Button icon="refresh" onClick={() => void load(1, [])} busy={busy}>
            {t('refresh')}
          </Button>
        </div>
      </div>
      {error !== null && <Banner kind="error">{err(error)}</Banner>}
      <div className="toolbar">
        <div className="search">
          <Icon name="search" />
          <input type="search" className="input" placeholder={t('search')} aria-label={t('search')} value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <span className="toolbar-count muted">{t('employeesShown', { shown: shown.length, total: entries?.length ?? 0 })}</span>
      </div>
      {entries === null && error === null ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <VirtualTable rows={shown} columns={columns} getKey={(e) => String(e.seq)} label={t('auditTitle')} rowHeight={38} empty={<p className="muted">{t('auditEmpty')}</p>} />
      )}
    </div>
  );
}

/**
 * Labelled: Go's label of a code in the user's language with the raw code as
 * a small monospace hint; the raw code alone when Go sent no label.
 */
function Labelled({ label, code, testId }: { label: string; code: string; testId: string }) {
  if (label === '') {
    return (
      <span className="mono small" dir="ltr" data-testid={testId}>
        {code}
      </span>
    );
  }
  return (
    <span data-testid={testId}>
      <bdi>{label}</bdi>{' '}
      <span className="mono small muted" dir="ltr" data-testid="audit-code">
        {code}
      </span>
    </span>
  );
}
