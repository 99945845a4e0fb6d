import type { Clock } from '../clock';

/**
 * How urgent a request is. `urgent`: a hedge or flatten order (or what it
 * needs), which must never queue behind discretionary traffic; `normal`:
 * everything else (entry slices, cancels, reads).
 */
export type RequestPriority = 'urgent' | 'normal';

/** Sizing of a {@link WeightedRateLimiter}. */
export interface WeightedRateLimiterOptions {
  /** Total weight allowed inside any window of `windowMs`. */
  capacity: number;
  /** Length of the rolling window, ms. */
  windowMs: number;
  /**
   * Share of the capacity (0 ≤ share < 1) kept for urgent requests: normal
   * requests are granted only while the window's used weight stays at or
   * below capacity × (1 − share). Default 0 (no reserve).
   */
  reservedShare?: number;
  clock: Clock;
}

interface Waiter {
  weight: number;
  priority: RequestPriority;
  signal?: AbortSignal;
  resolve(): void;
  reject(reason: unknown): void;
  onAbort?: () => void;
}

/**
 * A client-side weighted limiter over a rolling window: at any instant the
 * weights granted during the last `windowMs` sum to at most `capacity`.
 * Urgent callers are served before any normal caller and may use the whole
 * capacity; normal callers may use only what the reserve leaves them, so a
 * burst of discretionary requests can never take the budget a hedge needs.
 * Within a priority callers are served first come, first served; a caller
 * that does not fit waits (on the injected clock) until enough earlier grants
 * leave the window — an urgent arrival cuts that wait short to be looked at
 * at once. Venue-generic: each venue client sizes it to its venue's published
 * limits.
 */
export class WeightedRateLimiter {
  private readonly grants: { at: number; weight: number }[] = [];
  private readonly urgent: Waiter[] = [];
  private readonly normal: Waiter[] = [];
  private readonly normalLimit: number;
  private pumping = false;
  /** Aborts the pump's current sleep so a new arrival is looked at. */
  private wake: AbortController | null = null;

  constructor(private readonly opts: WeightedRateLimiterOptions) {
    if (!(opts.capacity > 0) || !(opts.windowMs > 0)) throw new RangeError('capacity and windowMs must be positive');
    const share = opts.reservedShare ?? 0;
    if (!(share >= 0 && share < 1)) throw new RangeError(`reservedShare must be in [0, 1), got ${share}`);
    this.normalLimit = opts.capacity * (1 - share);
  }

  /** The weight granted inside the current window. */
  used(): number {
    this.expire(this.opts.clock.now());
    return this.grants.reduce((sum, g) => sum + g.weight, 0);
  }

  /**
   * Waits until `weight` fits in the window for `priority`, then records it.
   * @throws RangeError when `weight` is not positive or exceeds what the priority may use.
   * @throws the signal's reason when aborted while waiting.
   */
  acquire(weight: number, signal?: AbortSignal, priority: RequestPriority = 'normal'): Promise<void> {
    const limit = this.limitOf(priority);
    if (!(weight > 0) || weight > limit) return Promise.reject(new RangeError(`weight ${weight} outside 1…${limit}`));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { weight, priority, signal, resolve, reject };
      if (signal) {
        waiter.onAbort = () => {
          const queue = this.queueOf(priority);
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(signal.reason);
          this.wake?.abort();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queueOf(priority).push(waiter);
      this.wake?.abort();
      void this.pump();
    });
  }

  private limitOf(priority: RequestPriority): number {
    return priority === 'urgent' ? this.opts.capacity : this.normalLimit;
  }

  private queueOf(priority: RequestPriority): Waiter[] {
    return priority === 'urgent' ? this.urgent : this.normal;
  }

  /** Grants waiters in order (urgent first) while they fit; sleeps until the head fits; one pump at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      // Each pass grants the head or sleeps until enough weight leaves the window (or an arrival wakes it).
      let yielded = false;
      for (;;) {
        const head = this.urgent[0] ?? this.normal[0];
        if (!head) return;
        const now = this.opts.clock.now();
        this.expire(now);
        const wait = this.waitFor(head.weight, this.limitOf(head.priority), now);
        if (wait === 0) {
          this.queueOf(head.priority).shift();
          this.grants.push({ at: now, weight: head.weight });
          if (head.onAbort) head.signal?.removeEventListener('abort', head.onAbort);
          head.resolve();
          yielded = false;
          continue;
        }
        if (!yielded) {
          // Let callers granted so far start their requests before time moves on.
          yielded = true;
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        this.wake = new AbortController();
        try {
          await this.opts.clock.sleep(wait, this.wake.signal);
        } catch {
          // woken by an arrival or an abort: look again
        } finally {
          this.wake = null;
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Ms until `weight` fits under `limit` as grants leave the window (0: fits now). */
  private waitFor(weight: number, limit: number, now: number): number {
    let used = this.grants.reduce((sum, g) => sum + g.weight, 0);
    if (used + weight <= limit) return 0;
    for (const g of this.grants) {
      used -= g.weight;
      if (used + weight <= limit) return Math.max(1, g.at + this.opts.windowMs - now);
    }
    return 1;
  }

  private expire(now: number): void {
    while (this.grants.length > 0 && this.grants[0]!.at + this.opts.windowMs <= now) this.grants.shift();
  }
}
