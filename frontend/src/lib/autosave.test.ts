import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type SaveState } from './autosave';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, after a quiet delay, the latest value', async () => {
    const save = vi.fn((v: number) => Promise.resolve(v * 10));
    const saved: number[] = [];
    const a = new Autosaver({ save, delayMs: 600, onSaved: (r) => saved.push(r) });
    a.schedule(1);
    await vi.advanceTimersByTimeAsync(300);
    a.schedule(2);
    await vi.advanceTimersByTimeAsync(300);
    a.schedule(3);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(599);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(3);
    expect(saved).toEqual([30]);
    expect(a.getState()).toBe('idle');
  });

  it('never overlaps two saves: changes made meanwhile are saved right after', async () => {
    const calls: Array<ReturnType<typeof deferred<number>>> = [];
    const save = vi.fn(() => {
      const d = deferred<number>();
      calls.push(d);
      return d.promise;
    });
    const states: SaveState[] = [];
    const a = new Autosaver({ save, delayMs: 100, onState: (s) => states.push(s) });
    a.schedule(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    a.schedule(2); // while the first save runs
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledTimes(1); // still waiting for the first
    calls[0]!.resolve(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith(2);
    calls[1]!.resolve(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(a.getState()).toBe('idle');
    expect(states).toEqual(['pending', 'saving', 'idle']);
  });

  it('flush saves at once and waits for everything pending', async () => {
    const save = vi.fn((v: string) => Promise.resolve(v));
    const a = new Autosaver({ save, delayMs: 10_000 });
    a.schedule('x');
    expect(a.hasPending()).toBe(true);
    await a.flush();
    expect(save).toHaveBeenCalledWith('x');
    expect(a.hasPending()).toBe(false);
    await a.flush(); // nothing to do
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('keeps the value after a failure, and saves it with the next edit or flush', async () => {
    let fail = true;
    const save = vi.fn((v: number) => (fail ? Promise.reject(new Error('disk')) : Promise.resolve(v)));
    const errors: unknown[] = [];
    const a = new Autosaver({ save, delayMs: 50, onState: (s, e) => s === 'error' && errors.push(e) });
    a.schedule(7);
    await vi.advanceTimersByTimeAsync(50);
    expect(a.getState()).toBe('error');
    expect(errors).toHaveLength(1);
    expect(a.hasPending()).toBe(true);
    fail = false;
    await a.flush();
    expect(save).toHaveBeenLastCalledWith(7);
    expect(a.getState()).toBe('idle');
  });

  it('does nothing more once disposed', async () => {
    const save = vi.fn(() => Promise.resolve(0));
    const a = new Autosaver({ save, delayMs: 50 });
    a.schedule(1);
    a.dispose();
    a.schedule(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).not.toHaveBeenCalled();
  });
});
