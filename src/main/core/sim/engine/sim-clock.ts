/**
 * Time as the simulators see it: the current time and timers. Injected so a
 * test can step the synthetic liquidity, order expiries, WebSocket pings and
 * ack delays deterministically ({@link ManualSimClock}); the CLI and paper mode
 * use {@link systemSimClock}. All values are Unix ms.
 */
export interface SimClock {
  /** Current time, Unix ms. */
  now(): number;
  /** Runs `task` every `intervalMs` ms until the returned function is called. */
  every(intervalMs: number, task: () => void): () => void;
  /** Runs `task` once after `delayMs` ms unless the returned function is called first. */
  after(delayMs: number, task: () => void): () => void;
}

/** The wall clock, with unref'd Node timers (they never keep a process alive on their own). */
export const systemSimClock: SimClock = {
  now: () => Date.now(),
  every(intervalMs, task) {
    const timer = setInterval(task, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  },
  after(delayMs, task) {
    const timer = setTimeout(task, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

interface ManualTimer {
  id: number;
  due: number;
  intervalMs: number | null;
  task: () => void;
}

/** Most timer firings one {@link ManualSimClock.advance} call runs (guards against runaway 0 ms intervals). */
const MAX_FIRINGS_PER_ADVANCE = 100_000;

/**
 * A clock that only moves when told to. `advance(ms)` runs every timer that
 * falls due in the window, in due-time order (ties in creation order), with
 * `now()` set to each timer's due time while it runs.
 */
export class ManualSimClock implements SimClock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, ManualTimer>();

  /** @param start Initial time, Unix ms (default 2026-01-01T00:00:00Z). */
  constructor(start = 1_767_225_600_000) {
    this.current = start;
  }

  /** Current time, Unix ms. */
  now(): number {
    return this.current;
  }

  /** Registers a repeating timer; `intervalMs` must be positive. */
  every(intervalMs: number, task: () => void): () => void {
    if (!(intervalMs > 0)) throw new RangeError(`interval must be positive, got ${intervalMs}`);
    return this.add(intervalMs, intervalMs, task);
  }

  /** Registers a one-shot timer. */
  after(delayMs: number, task: () => void): () => void {
    return this.add(Math.max(0, delayMs), null, task);
  }

  /**
   * Moves time forward by `ms`, firing due timers on the way.
   * @throws RangeError for a negative `ms`, or when more than 100,000 timers fire in one call.
   */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError(`cannot go back in time (${ms} ms)`);
    const target = this.current + ms;
    for (let fired = 0; ; fired++) {
      if (fired >= MAX_FIRINGS_PER_ADVANCE) throw new RangeError('too many timer firings in one advance()');
      const next = this.nextDue(target);
      if (!next) break;
      this.current = next.due;
      if (next.intervalMs === null) this.timers.delete(next.id);
      else next.due += next.intervalMs;
      next.task();
    }
    this.current = target;
  }

  private add(delayMs: number, intervalMs: number | null, task: () => void): () => void {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.current + delayMs, intervalMs, task });
    return () => {
      this.timers.delete(id);
    };
  }

  private nextDue(limit: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers.values()) {
      if (t.due > limit) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
    }
    return best;
  }
}
