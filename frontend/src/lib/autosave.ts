// A debounced saver: edits schedule a save after a quiet delay; a save that
// is running is never overlapped — changes made meanwhile are saved right
// after it. flush() saves at once (Ctrl+S, leaving the screen, closing the
// window). Nothing is kept but the latest value to save.

export type SaveState = 'idle' | 'pending' | 'saving' | 'error';

export interface AutosaverOptions<T, R> {
  save: (value: T) => Promise<R>;
  delayMs: number;
  onState?: (s: SaveState, err?: unknown) => void;
  /** Called with the result of each successful save, and the value saved. */
  onSaved?: (result: R, saved: T) => void;
}

export class Autosaver<T, R> {
  private readonly opts: AutosaverOptions<T, R>;
  private pending: { value: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private state: SaveState = 'idle';
  private disposed = false;

  constructor(opts: AutosaverOptions<T, R>) {
    this.opts = opts;
  }

  /** schedule records the latest value and (re)starts the quiet delay. */
  schedule(value: T): void {
    if (this.disposed) return;
    this.pending = { value };
    this.setState(this.running !== null ? 'saving' : 'pending');
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.opts.delayMs);
  }

  /** hasPending reports whether there is something not yet saved. */
  hasPending(): boolean {
    return this.pending !== null || this.running !== null;
  }

  getState(): SaveState {
    return this.state;
  }

  /** flush saves what is pending now and resolves when everything is saved (or failed). */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.running !== null || this.pending !== null) {
      if (this.running !== null) await this.running;
      else await this.run();
      if (this.state === 'error') return;
    }
  }

  /** dispose stops the timer; nothing more is saved (call flush first to keep edits). */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    if (this.running !== null) return this.running; // the running save chains the next one
    const p = this.pending;
    if (p === null) return Promise.resolve();
    this.pending = null;
    this.setState('saving');
    this.running = this.opts
      .save(p.value)
      .then(
        (r) => {
          this.running = null;
          if (!this.disposed) this.opts.onSaved?.(r, p.value);
          if (this.pending !== null) {
            // Edited during the save: save again (flush waits for it too).
            if (this.timer === null) return this.run();
            this.setState('pending');
          } else this.setState('idle');
          return undefined;
        },
        (err: unknown) => {
          this.running = null;
          // Keep the value so that a retry (next edit or flush) saves it.
          if (this.pending === null) this.pending = p;
          this.setState('error', err);
        },
      );
    return this.running;
  }

  private setState(s: SaveState, err?: unknown): void {
    if (this.state === s && err === undefined) return;
    this.state = s;
    this.opts.onState?.(s, err);
  }
}
