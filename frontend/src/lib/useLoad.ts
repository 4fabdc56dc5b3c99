import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../api/errors';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (d: T | undefined | ((old: T | undefined) => T | undefined)) => void;
}

/**
 * useLoad runs fn when deps change and keeps its result. A result that comes
 * back after deps changed again (or after unmount) is dropped, so a slow
 * answer for the previous employer never shows on the next one.
 */
export function useLoad<T>(fn: () => Promise<T>, deps: readonly unknown[], enabled = true): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState<boolean>(enabled);
  const gen = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  const reload = useCallback(async () => {
    const my = ++gen.current;
    setLoading(true);
    setError(undefined);
    try {
      const d = await fnRef.current();
      if (gen.current === my) setData(d);
    } catch (e: unknown) {
      if (gen.current === my) setError(toApiError(e));
    } finally {
      if (gen.current === my) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (!enabled) {
      gen.current++;
      setLoading(false);
      return;
    }
    setData(undefined);
    void reload();
    return () => {
      gen.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps]);

  return { data, error, loading, reload, setData };
}
