import { useCallback, useEffect, useRef, useState } from 'react';
import { on, type EventMap } from '../api/events';
import type { Progress } from '../api/types';

type ProgressEvent = { [K in keyof EventMap]: EventMap[K] extends Progress ? K : never }[keyof EventMap];

export interface OpState {
  opId: string | null;
  done: number;
  total: number;
  phase: string;
}

/**
 * useOpProgress follows the progress events of one long operation: only the
 * events of the operation id set with track() are kept (another window's or
 * an older operation's are ignored). track('*') adopts the id of the
 * first event that comes, for calls that return their id only at the end.
 */
export function useOpProgress(event: ProgressEvent, onEvent?: (p: Progress) => void) {
  const [state, setState] = useState<OpState>({ opId: null, done: 0, total: -1, phase: '' });
  const current = useRef<string | null>(null);
  const cb = useRef(onEvent);
  cb.current = onEvent;

  useEffect(
    () =>
      on(event, (p) => {
        if (current.current === null) return;
        // '*': the operation was started by a call that returns its id only
        // at the end (an import preview); its first event tells the id.
        if (current.current === '*') current.current = p.op_id;
        if (p.op_id !== current.current) return;
        setState({ opId: p.op_id, done: p.done, total: p.total, phase: p.phase ?? '' });
        cb.current?.(p);
      }),
    [event],
  );

  const track = useCallback((opId: string | null) => {
    current.current = opId;
    setState({ opId: opId === '*' ? null : opId, done: 0, total: -1, phase: '' });
  }, []);

  /** The id of the operation followed, once known. */
  const currentId = useCallback(() => (current.current === '*' ? null : current.current), []);

  return { ...state, track, currentId };
}
