// The one place that reaches Go. Each service module (session.ts,
// employers.ts, …) calls the generated bindings of wailsjs/go/app through
// bound(); this file adds what every call needs: errors normalised to
// ApiError (by code), and a clear code when the running binary does not have
// a method (an older build, or a page opened outside the app).

import { ApiError, call } from './errors';
import type { Json } from './types';

/** Code of a call to a method the running Go side does not provide. */
export const CODE_UNAVAILABLE = 'bridge.unavailable';

type Fn = (...args: never[]) => Promise<unknown>;

interface GoWindow {
  go?: { app?: Record<string, Record<string, Fn> | undefined> };
}

function goApp(): GoWindow['go'] {
  return typeof window === 'undefined' ? undefined : (window as unknown as GoWindow).go;
}

/** available reports whether the Go side binds service.method. */
export function available(service: string, method: string): boolean {
  return typeof goApp()?.app?.[service]?.[method] === 'function';
}

/**
 * bound runs a generated binding (a function of wailsjs/go/app/<Service>.js,
 * which calls window.go.app.<Service>.<Method>) and normalises its failure.
 * The service and method names only serve the "unavailable" check: a binding
 * missing from the running binary fails with CODE_UNAVAILABLE instead of a
 * TypeError.
 *
 * Its result is typed Json<T> (see types.ts): the generated type with enum
 * values as their strings and a nil pointer as null, which is what the JSON
 * carries; every T is assignable to Json<T>.
 */
export function bound<T>(service: string, method: string, run: () => Promise<T>): Promise<Json<T>> {
  if (!available(service, method)) {
    return Promise.reject(
      new ApiError(CODE_UNAVAILABLE, `${service}.${method} is not available in this build of Tasrih`),
    );
  }
  // T is assignable to Json<T> for every T, which TypeScript cannot prove for
  // a generic T: this widening is the only conversion of a result.
  return call(run) as Promise<Json<T>>;
}

/**
 * toGo passes a value the page built, typed Json<T> (enum fields written as
 * their string values), where a generated binding expects T. The JSON is the
 * same; only TypeScript's enums are nominal ('fr' is not an i18n.Lang to
 * tsc). The value is checked against T's fields: a renamed Go field is still
 * a tsc error here.
 */
export function toGo<T>(v: Json<T>): T {
  return v as unknown as T;
}
