import { useState } from 'react';
import * as S from '../../wailsjs/go/app/Receipts';
import type { store } from '../../wailsjs/go/models';
import { bound } from '../api/bridge';
import type { Json } from '../api/types';
import { toApiError } from '../api/errors';
import { useI18n } from '../i18n/context';
import type { MsgKey } from '../i18n/messages';
import { useLoad } from '../lib/useLoad';
import { Badge, type Tone } from './Badge';
import { Banner } from './Banner';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { useToast } from './Toast';

/** One attempt to deposit a declaration (Go's store.DepositAttempt, without screenshot). */
export type DepositAttempt = Json<store.DepositAttempt>;

const N = 'Receipts';
export const attemptsApi = {
  list: (declarationID: string) => bound(N, 'Attempts', () => S.Attempts(declarationID)),
  portalFailure: (declarationID: string, note: string, screenshotBase64: string) =>
    bound(N, 'RecordPortalFailure', () => S.RecordPortalFailure(declarationID, note, screenshotBase64)),
};

/** The largest screenshot accepted (Go's store.MaxAttemptScreenshot). */
export const MAX_SCREENSHOT = 5 << 20;

const TONES: Readonly<Record<DepositAttempt['outcome'], Tone>> = {
  received: 'progress',
  accepted: 'success',
  rejected: 'danger',
  network_error: 'warning',
  platform_error: 'warning',
  portal_down: 'warning',
};

/** Casablanca wall-clock time "JJ/MM/AAAA HH:MM" of an RFC 3339 time. */
export function casablancaTime(rfc3339: string): string {
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Africa/Casablanca',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(t);
  const get = (k: string) => parts.find((p) => p.type === k)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/**
 * DepositAttempts lists every attempt to deposit a declaration (through the
 * API and by hand) and offers "the portal does not work". Month and Submit
 * include it with one line: <DepositAttempts declarationId={d.id} />.
 */
export function DepositAttempts({ declarationId }: { declarationId: string }) {
  const { t, err } = useI18n();
  const list = useLoad(() => attemptsApi.list(declarationId), [declarationId]);
  const [recording, setRecording] = useState(false);
  const rows = list.data ?? [];
  return (
    <section className="panel" aria-label={t('attemptsTitle')} data-testid="deposit-attempts">
      <div className="panel-head">
        <h3>{t('attemptsTitle')}</h3>
        <Button small kind="ghost" icon="alert" onClick={() => setRecording(true)} data-testid="portal-down">
          {t('portalDown')}
        </Button>
      </div>
      {list.error && <Banner kind="error">{err(list.error)}</Banner>}
      {list.data !== undefined && rows.length === 0 && <p className="muted">{t('attemptsEmpty')}</p>}
      {rows.length > 0 && (
        <table className="table-compact" data-testid="attempts-table">
          <thead>
            <tr>
              <th>{t('colDate')}</th>
              <th />
              <th />
              <th>{t('attemptAnswer')}</th>
              <th>{t('attemptOperator')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} data-testid="attempt-row" data-outcome={a.outcome}>
                <td className="num" dir="ltr">
                  {casablancaTime(a.at)}
                </td>
                <td>{a.channel === 'api' ? t('attemptApi') : t('attemptManual')}</td>
                <td>
                  <Badge tone={TONES[a.outcome]}>{t(`outcome_${a.outcome}` as MsgKey)}</Badge>
                </td>
                <td>
                  {a.answer !== undefined && a.answer !== '' && (
                    <span className="mono small" dir="ltr">
                      {a.answer}
                    </span>
                  )}
                  {a.note !== undefined && a.note !== '' && <bdi className="small"> {a.note}</bdi>}
                </td>
                <td>
                  <bdi>{a.operator}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {recording && (
        <PortalDownDialog
          declarationId={declarationId}
          onClose={(done) => {
            setRecording(false);
            if (done) void list.reload();
          }}
        />
      )}
    </section>
  );
}

/** PortalDownDialog records a failed manual attempt with a note and a screenshot. */
function PortalDownDialog({ declarationId, onClose }: { declarationId: string; onClose: (done: boolean) => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [note, setNote] = useState('');
  const [shot, setShot] = useState<File | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function record() {
    setError('');
    if (shot !== null && shot.size > MAX_SCREENSHOT) {
      setError(t('attemptTooBig'));
      return;
    }
    setBusy(true);
    try {
      const b64 = shot === null ? '' : await toBase64(shot);
      await attemptsApi.portalFailure(declarationId, note, b64);
      toast.success(t('attemptRecorded'));
      onClose(true);
    } catch (x: unknown) {
      setError(err(toApiError(x)));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('portalDown')}
      onClose={() => onClose(false)}
      testId="portal-down-dialog"
      footer={
        <>
          <Button kind="ghost" onClick={() => onClose(false)}>
            {t('cancel')}
          </Button>
          <Button disabled={busy} onClick={() => void record()} data-testid="attempt-record">
            {t('attemptRecord')}
          </Button>
        </>
      }
    >
      <p className="muted">{t('portalDownHint')}</p>
      {error !== '' && <Banner kind="error">{error}</Banner>}
      <label className="field">
        <span>{t('attemptNote')}</span>
        <textarea value={note} maxLength={2000} rows={3} onChange={(e) => setNote(e.target.value)} data-testid="attempt-note" />
      </label>
      <label className="field">
        <span>{t('attemptScreenshot')}</span>
        <input type="file" accept="image/png,image/jpeg" onChange={(e) => setShot(e.target.files?.[0] ?? null)} data-testid="attempt-screenshot" />
      </label>
    </Dialog>
  );
}

/** toBase64 reads a file as base64 (without the data: prefix). */
function toBase64(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read'));
    r.readAsDataURL(f);
  });
}
