// The one place that reaches Go. Each service module (session.ts,
// employers.ts, …) calls the generated bindings of wailsjs/go/app through
// bound(); this file adds what every call needs: errors normalised to
// ApiError (by code), and a clear code when the running binary does not have
// a method (an older build, or a page opened outside the app).

import { ApiError, call } from './errors';

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
 */
export function bound<T>(service: string, method: string, run: () => Promise<T>): Promise<T> {
  if (!available(service, method)) {
    return Promise.reject(
      new ApiError(CODE_UNAVAILABLE, `${service}.${method} is not available in this build of Tasrih`),
    );
  }
  return call(run);
}

/**
 * as<T> reads what a generated binding resolved with as the shape of types.ts
 * (the generated classes describe Go structs field by field, not the JSON
 * forms of Period, Date and Money: see types.ts).
 */
export function as<T>(p: Promise<unknown>): Promise<T> {
  return p as Promise<T>;
}

/** arg passes one of our plain objects where a binding expects a generated class. */
export function arg<T>(v: unknown): T {
  return v as T;
}
