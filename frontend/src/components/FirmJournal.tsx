import { useState } from 'react';
import { toApiError } from '../api/errors';
import { type FirmDossier, type FirmJournalEntry, firmApi } from '../api/firm';
import { useI18n } from '../i18n/context';
import { formatDateTime } from '../lib/format';

/**
 * FirmJournal: the audit entries the other seats wrote about a dossier
 * (they travel with it, kept apart from this seat's own journal), each
 * with the seat that wrote it. Read when opened.
 */
export function FirmJournal({ d }: { d: FirmDossier }) {
  const { t, err, pick } = useI18n();
  const [list, setList] = useState<FirmJournalEntry[] | null>(null);
  const [error, setError] = useState('');
  const load = async () => {
    try {
      setList((await firmApi.journal(d.employer_id)) ?? []);
      setError('');
    } catch (e: unknown) {
      setError(err(toApiError(e)));
    }
  };
  return (
    <details
      className="small"
      data-testid={`firm-journal-${d.employer_id}`}
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) void load();
      }}
    >
      <summary>{t('firmJournalShow')}</summary>
      {error !== '' && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {list !== null && list.length === 0 && <p className="muted">{t('firmJournalEmpty')}</p>}
      {list !== null && list.length > 0 && (
        <ul className="plain-list" data-testid="firm-journal-list">
          {list.map((e) => (
            <li key={`${e.writer}/${e.seq}`} title={e.hash}>
              <bdi>
                {t('firmJournalLine', { at: formatDateTime(e.time), who: e.writer_name || e.writer, action: pick(e.action_label) || e.action, entity: pick(e.entity_label) || e.entity })}
              </bdi>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
