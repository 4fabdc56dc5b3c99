// Typed subscription to the events Go emits (Wails runtime events). Outside
// the app (unit tests, a plain browser) there is no runtime: subscribing is
// then a no-op, so components need no special case.

import type { BatchResult, Progress, Submission, Text } from './types';

/** The events of the contract and their payloads. */
export interface EventMap {
  /** reason: idle | user | restore | exit */
  'session:locked': { reason?: string };
  'session:unlocked': { method?: string };
  /** phase: preview | apply */
  'import:progress': Progress;
  'batch:progress': Progress;
  'batch:done': { op_id: string; results?: BatchResult[] | null; cancelled?: boolean; error_code?: string };
  'zip:progress': Progress;
  /** A re-key of the data (Session.Rekey): records copied then checked. */
  'rekey:progress': Progress;
  /** A restore (Settings.Restore): bytes of the backup checked then loaded. */
  'restore:progress': Progress;
  /** A snapshot taken now (Settings.SnapshotNow): records read twice (hashed, then encrypted). */
  'snapshot:progress': Progress;
  'zip:done': { op_id: string; path?: string; entries?: number; cancelled?: boolean; error?: unknown };
  'outbox:event': OutboxEvent;
  'outbox:login_required': { profile: string };
  'sandbox:otp': { login: string };
  'receipt:created': { receipt_id: string; declaration_id: string };
  /** A firm sync (Firm.StartSync): dossiers done of total. */
  'firm:sync_progress': Progress;
  'firm:sync_done': { op_id: string; result?: { applied: number; published: number; proposed?: number; at: string }; cancelled?: boolean; error_code?: string; message?: Text };
  /** The window is closing: save what is pending, then System.ReadyToClose(). */
  'app:closing': Record<string, never>;
}

/** One change in the outbox (outbox.Event): a submission moved. */
export interface OutboxEvent {
  kind: string;
  submission_id: string;
  declaration_id: string;
  employer_id: string;
  profile: string;
  state: Submission['state'];
  attempt: number;
  next_attempt_at?: string;
  deposit_id?: string;
  error?: { code: string; message: Text; retryable: boolean };
  at: string;
}

interface RuntimeWindow {
  runtime?: {
    EventsOnMultiple?: (name: string, cb: (...data: unknown[]) => void, max: number) => () => void;
  };
}

/** on subscribes to a Go event; it returns the unsubscribe function. */
export function on<K extends keyof EventMap>(name: K, cb: (payload: EventMap[K]) => void): () => void {
  const rt = typeof window === 'undefined' ? undefined : (window as unknown as RuntimeWindow).runtime;
  if (rt?.EventsOnMultiple === undefined) return () => undefined;
  return rt.EventsOnMultiple(name, (...data: unknown[]) => cb((data[0] ?? {}) as EventMap[K]), -1);
}
