import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../api/errors';
import { receiptsApi } from '../api/receipts';
import type { AuditEntry } from '../api/types';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useI18n } from '../i18n/context';
import { formatDateTime } from '../lib/format';

const PAGE = 200;

/** AuditScreen: the hash-chained audit log, newest first, loaded by pages. */
export function AuditScreen() {
  const { t, err } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [more, setMore] = useState(true);
  const [busy, setBusy] = useState(false);

  async function load(from: number) {
    setBusy(true);
    try {
      const page = (await receiptsApi.audit(from, PAGE)) ?? [];
      setEntries((old) => (from === 0 ? page : [...(old ?? []), ...page]));
      setMore(page.length === PAGE);
      setError(null);
    } catch (x: unknown) {
      setError(toApiError(x));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void load(0);
  }, []);

  const columns: Column<AuditEntry>[] = [
    { key: 'seq', header: t('colSeq'), width: '5rem', align: 'end', render: (e) => <span className="num">{e.seq}</span> },
    { key: 'time', header: t('colDate'), width: '10rem', render: (e) => <span className="num">{formatDateTime(e.time)}</span> },
    { key: 'who', header: t('colWho'), width: '9rem', render: (e) => <bdi>{e.who}</bdi> },
    { key: 'action', header: t('colWhat'), width: 'minmax(12rem, 1fr)', render: (e) => <span className="mono" dir="ltr">{e.action}</span> },
    {
      key: 'entity',
      header: t('colEntity'),
      width: 'minmax(12rem, 1fr)',
      render: (e) => (
        <span className="mono small" dir="ltr">
          {e.entity} {e.entity_id.slice(0, 12)}
        </span>
      ),
    },
    {
      key: 'hash',
      header: 'SHA-256',
      width: '9rem',
      render: (e) => (
        <span className="mono small muted" dir="ltr" title={e.hash}>
          {(e.hash ?? '').slice(0, 12)}
        </span>
      ),
    },
  ];

  const list = entries ?? [];
  return (
    <div className="page page-fill" data-testid="audit-screen">
      <div className="page-head">
        <div>
          <h1>{t('auditTitle')}</h1>
          <p className="page-sub">{t('auditIntro')}</p>
        </div>
        <div className="head-actions">
          <Button icon="refresh" onClick={() => void load(0)} busy={busy}>
            {t('refresh')}
          </Button>
        </div>
      </div>
      {error !== null && <Banner kind="error">{err(error)}</Banner>}
      {entries === null && error === null ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <VirtualTable rows={list} columns={columns} getKey={(e) => String(e.seq)} label={t('auditTitle')} rowHeight={38} empty={<p className="muted">{t('auditEmpty')}</p>} />
      )}
      {more && list.length > 0 && (
        <div className="form-actions">
          <Button onClick={() => void load(list[list.length - 1]!.seq)} busy={busy}>
            {t('auditOlder')}
          </Button>
        </div>
      )}
    </div>
  );
}
