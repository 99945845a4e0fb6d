/** Timers of a {@link ChangeThrottle}; tests inject fakes. */
export interface ThrottleTimers {
  /** Current time, ms. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Calls `flush` at most once per `intervalMs` however often {@link changed}
 * is called: the first change after a quiet period flushes at once (leading
 * edge), changes within the interval are merged into one flush at the end
 * of it (trailing edge), so the last change is never lost. For the
 * portfolio's `portfolio.changed` event: hundreds of book updates per second
 * become at most 1000 / `intervalMs` events.
 */
export class ChangeThrottle {
  private lastFlush = -Infinity;
  private pending: unknown = null;
  private closed = false;

  /**
   * @param flush called with no arguments; its errors propagate to the caller of `changed()` (leading edge) or the timer.
   * @param intervalMs the minimum time between two flushes, ms (> 0).
   * @throws RangeError when `intervalMs` is not a positive number.
   */
  constructor(
    private readonly flush: () => void,
    private readonly intervalMs: number,
    private readonly timers: ThrottleTimers = realTimers,
  ) {
    if (!(intervalMs > 0)) throw new RangeError(`throttle interval must be > 0 ms, got ${intervalMs}`);
  }

  /** Notes a change: flushes now, or schedules one flush at the end of the current interval. */
  changed(): void {
    if (this.closed || this.pending !== null) return;
    const wait = this.lastFlush + this.intervalMs - this.timers.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.pending = this.timers.setTimeout(() => {
      this.pending = null;
      this.run();
    }, wait);
  }

  /** Drops a scheduled flush; later changes are ignored. */
  close(): void {
    this.closed = true;
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    this.pending = null;
  }

  private run(): void {
    if (this.closed) return;
    this.lastFlush = this.timers.now();
    this.flush();
  }
}
