// Errors of bound Go calls. Go's app.FormatError turns every error into
// {code, message, fields}; the promise of a failed call rejects with that
// object. Wails itself may also reject with a plain string (bad arguments) or
// an Error (time-out). The UI switches on `code`, never on `message`.

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

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

/** toApiError normalises whatever a bound call rejected with. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isRecord(reason) && typeof reason['code'] === 'string' && typeof reason['message'] === 'string') {
    const raw = reason['fields'];
    const fields = Array.isArray(raw) ? raw.filter(isFieldError) : [];
    return new ApiError(reason['code'], reason['message'], fields);
  }
  if (reason instanceof Error) return new ApiError(CODE_BRIDGE, reason.message);
  return new ApiError(CODE_BRIDGE, typeof reason === 'string' ? reason : 'unknown error');
}

/** call runs a bound method and turns its rejection into an ApiError. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e: unknown) {
    throw toApiError(e);
  }
}
