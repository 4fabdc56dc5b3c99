// Errors of bound Go calls. Go's app.FormatError turns every error into the
// JSON text of {code, message, fields} (message in the user's language);
// the promise of a failed call rejects with an Error carrying that text.
// Wails itself may also reject with a plain string (bad arguments) or an
// Error (time-out). The UI switches on `code`, never on `message`.

import type { app } from '../../wailsjs/go/models';
import type { Json } from './types';

/** One field's error in the payload (Go's app.FieldError). */
export type FieldError = Json<app.FieldError>;

/** Code used when the rejection did not come from Go's ErrorFormatter. */
export const CODE_BRIDGE = 'bridge.failed';

export class ApiError extends Error {
  readonly code: string;
  readonly fields: readonly FieldError[];

  constructor(code: string, message: string, fields: readonly FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = fields;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isFieldError(v: unknown): v is FieldError {
  return (
    isRecord(v) &&
    typeof v['field'] === 'string' &&
    typeof v['code'] === 'string' &&
    typeof v['message'] === 'string'
  );
}

function fromPayload(v: unknown): ApiError | undefined {
  if (isRecord(v) && typeof v['code'] === 'string' && typeof v['message'] === 'string') {
    const raw = v['fields'];
    const fields = Array.isArray(raw) ? raw.filter(isFieldError) : [];
    return new ApiError(v['code'], v['message'], fields);
  }
  return undefined;
}

/** fromJSON reads a payload sent as JSON text; undefined when s is not one. */
function fromJSON(s: string): ApiError | undefined {
  const t = s.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    return fromPayload(JSON.parse(t));
  } catch {
    return undefined;
  }
}

/**
 * toApiError normalises whatever a bound call rejected with. Go's
 * ErrorFormatter sends the JSON text of {code, message, fields}: Wails v2.15
 * rejects with new Error(thatText) (an object would be lost as "[object
 * Object]"), so the payload is read back from the Error's message; a plain
 * object or string payload is accepted too.
 */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  const direct = fromPayload(reason);
  if (direct !== undefined) return direct;
  if (reason instanceof Error) return fromJSON(reason.message) ?? new ApiError(CODE_BRIDGE, reason.message);
  if (typeof reason === 'string') return fromJSON(reason) ?? new ApiError(CODE_BRIDGE, reason);
  return new ApiError(CODE_BRIDGE, 'unknown error');
}

/** call runs a bound method and turns its rejection into an ApiError. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e: unknown) {
    throw toApiError(e);
  }
}
