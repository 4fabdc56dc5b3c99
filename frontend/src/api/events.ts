// Typed subscription to the events Go emits (Wails runtime events). Outside
// the app (unit tests, a plain browser) there is no runtime: subscribing is
// then a no-op, so components need no special case.
//
// The events and their payloads are generated from Go: app.EventPayloads
// has one field per event, named by the event and typed with its payload
// (app/events.go; the Go services' tests fail when an event is emitted with
// another payload), and app.EventName is the enum of their names.

import type { app, outbox } from '../../wailsjs/go/models';

/** The events of the contract and their payloads (app.EventPayloads). */
export type EventMap = app.EventPayloads;

/** The name of an event (the values of the enum app.EventName). */
export type EventName = keyof EventMap;

/** One change in the outbox (outbox.Event): a submission moved. */
export type OutboxEvent = outbox.Event;

interface RuntimeWindow {
  runtime?: {
    EventsOnMultiple?: (name: string, cb: (...data: unknown[]) => void, max: number) => () => void;
  };
}

/** on subscribes to a Go event; it returns the unsubscribe function. */
export function on<K extends EventName>(name: K, cb: (payload: EventMap[K]) => void): () => void {
  const rt = typeof window === 'undefined' ? undefined : (window as unknown as RuntimeWindow).runtime;
  if (rt?.EventsOnMultiple === undefined) return () => undefined;
  // The runtime passes what Go emitted for this name: EventPayloads[name].
  return rt.EventsOnMultiple(name, (...data: unknown[]) => cb((data[0] ?? {}) as EventMap[K]), -1);
}
