import { useState } from 'react';
import * as S from '../../wailsjs/go/app/Receipts';
import type { store } from '../../wailsjs/go/models';
import type { Json, Period } from '../api/types';
import { bound } from '../api/bridge';
import { toApiError } from '../api/errors';
import { useI18n } from '../i18n/context';
import { useLoad } from '../lib/useLoad';
import { Banner } from './Banner';
import { Button } from './Button';
import { useToast } from './Toast';

/** A CNSS deadline extension for a whole period (Go's store.DeadlineExtension). */
export type DeadlineExtension = Json<store.DeadlineExtension>;

const N = 'Receipts';
export const extensionsApi = {
  list: () => bound(N, 'Extensions', () => S.Extensions()),
  set: (p: Period, date: string, reference: string) => bound(N, 'SetExtension', () => S.SetExtension(p, date, reference)),
  remove: (p: Period) => bound(N, 'DeleteExtension', () => S.DeleteExtension(p)),
};

/** "2025-07-15" (an <input type=date>) → "20250715"; "" when empty. */
export function toDate8(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replaceAll('-', '') : '';
}

/** "20250715" → "15/07/2025". */
export function showDate8(d: string): string {
  return /^\d{8}$/.test(d) ? `${d.slice(6, 8)}/${d.slice(4, 6)}/${d.slice(0, 4)}` : d;
}

/**
 * DeadlineExtension shows and edits the CNSS's extension of a period's
 * deadline (date and communiqué reference), for every employer.
 */
export function DeadlineExtensionPanel({ period }: { period: Period }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const list = useLoad(() => extensionsApi.list(), [period]);
  const current = (list.data ?? []).find((e) => e.period === period);
  const [date, setDate] = useState('');
  const [ref, setRef] = useState('');
  const [error, setError] = useState('');

  async function save() {
    setError('');
    try {
      await extensionsApi.set(period, toDate8(date), ref.trim());
      toast.success(t('extensionSaved'));
      setDate('');
      setRef('');
      await list.reload();
    } catch (x: unknown) {
      setError(err(toApiError(x)));
    }
  }

  return (
    <section className="panel" aria-label={t('extensionTitle')} data-testid="deadline-extension">
      <div className="panel-head">
        <h3>{t('extensionTitle')}</h3>
      </div>
      <p className="muted">{t('extensionHint')}</p>
      {list.error && <Banner kind="error">{err(list.error)}</Banner>}
      {current === undefined ? (
        <p className="muted">{t('extensionNone')}</p>
      ) : (
        <p data-testid="extension-current">
          <span className="num" dir="ltr">
            {showDate8(current.date)}
          </span>{' '}
          — <bdi>{current.reference}</bdi>{' '}
          <Button small kind="ghost" onClick={() => void extensionsApi.remove(period).then(() => list.reload(), (x: unknown) => setError(err(toApiError(x))))}>
            {t('extensionRemove')}
          </Button>
        </p>
      )}
      {error !== '' && <Banner kind="error">{error}</Banner>}
      <div className="head-actions">
        <label className="field">
          <span>{t('extensionDate')}</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="extension-date" />
        </label>
        <label className="field">
          <span>{t('extensionRef')}</span>
          <input type="text" value={ref} maxLength={200} onChange={(e) => setRef(e.target.value)} data-testid="extension-ref" />
        </label>
        <Button small disabled={date === '' || ref.trim() === ''} onClick={() => void save()} data-testid="extension-save">
          {t('save')}
        </Button>
      </div>
    </section>
  );
}
