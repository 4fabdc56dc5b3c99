// Colour tones of every status the interface shows. The text always goes
// with the colour (Badge), so colour is never the only signal.

import type { Tone } from '../components/Badge';
import type { BatchState, DeclStatus, PeriodState, SubmissionState, Urgency } from '../api/types';

export const STATE_TONE: Readonly<Record<PeriodState, Tone>> = {
  not_started: 'muted',
  preetabli_imported: 'info',
  in_progress: 'progress',
  errors: 'danger',
  ready: 'success',
  queued: 'info',
  submitted: 'info',
  accepted: 'success',
  rejected: 'danger',
  manual: 'success',
};

export const URGENCY_TONE: Readonly<Record<Urgency, Tone>> = {
  overdue: 'danger',
  urgent: 'warning',
  soon: 'info',
  ok: 'neutral',
  done: 'success',
};

export const DECL_TONE: Readonly<Record<DeclStatus, Tone>> = {
  draft: 'muted',
  ready: 'success',
  outdated: 'warning',
  queued: 'info',
  submitted: 'info',
  accepted: 'success',
  rejected: 'danger',
  manual: 'success',
};

export const SUB_TONE: Readonly<Record<SubmissionState, Tone>> = {
  queued: 'info',
  sending: 'progress',
  received: 'progress',
  processing: 'progress',
  accepted: 'success',
  rejected: 'danger',
  failed: 'danger',
  cancelled: 'muted',
};

export const BATCH_TONE: Readonly<Record<BatchState, Tone>> = {
  ready: 'success',
  errors: 'danger',
  no_preetabli: 'warning',
  frozen: 'muted',
  failed: 'danger',
  cancelled: 'muted',
};

/** Submission states after which the outbox does nothing more. */
export function subFinal(s: SubmissionState): boolean {
  return s === 'accepted' || s === 'rejected' || s === 'failed' || s === 'cancelled';
}

/** Why a pending submission waits to be sent again, from its last error. */
export type RetryReason = 'down' | 'maintenance' | 'network';

const RETRY_REASONS: Readonly<Record<string, RetryReason>> = {
  'platform.internal': 'down',
  'platform.bad_response': 'down',
  'platform.maintenance': 'maintenance',
  'platform.network': 'network',
};

/**
 * retryReason: the platform did not take a pending submission (it answered
 * an error of its own, is under maintenance, or did not answer) and the
 * outbox will send it again by itself; null otherwise.
 */
export function retryReason(s: { state: SubmissionState; last_error?: string | null | undefined }): RetryReason | null {
  if (subFinal(s.state) || !s.last_error) return null;
  return RETRY_REASONS[s.last_error] ?? null;
}
