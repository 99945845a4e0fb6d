import type { Clock } from '../clock';

/** Sizing of a {@link WeightedRateLimiter}. */
export interface WeightedRateLimiterOptions {
  /** Total weight allowed inside any window of `windowMs`. */
  capacity: number;
  /** Length of the rolling window, ms. */
  windowMs: number;
  clock: Clock;
}

/**
 * A client-side weighted limiter over a rolling window: at any instant the
 * weights granted during the last `windowMs` sum to at most `capacity`.
 * Callers are served first come, first served; a caller that does not fit
 * waits (on the injected clock) until enough earlier grants leave the window.
 * Venue-generic: each venue client sizes it to its venue's published limits.
 */
export class WeightedRateLimiter {
  private readonly grants: { at: number; weight: number }[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly opts: WeightedRateLimiterOptions) {
    if (!(opts.capacity > 0) || !(opts.windowMs > 0)) throw new RangeError('capacity and windowMs must be positive');
  }

  /**
   * Waits until `weight` fits in the window, then records it.
   * @throws RangeError when `weight` is not positive or exceeds the capacity.
   * @throws the signal's reason when aborted while waiting.
   */
  acquire(weight: number, signal?: AbortSignal): Promise<void> {
    if (!(weight > 0) || weight > this.opts.capacity) {
      return Promise.reject(new RangeError(`weight ${weight} outside 1…${this.opts.capacity}`));
    }
    const turn = this.queue.then(() => this.waitFor(weight, signal));
    // The next caller waits for this one whatever its outcome.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitFor(weight: number, signal?: AbortSignal): Promise<void> {
    // Each pass either grants or sleeps until the oldest grant leaves the
    // window, which frees weight; at most `grants.length` passes.
    for (;;) {
      signal?.throwIfAborted();
      const now = this.opts.clock.now();
      this.expire(now);
      const used = this.grants.reduce((sum, g) => sum + g.weight, 0);
      if (used + weight <= this.opts.capacity) {
        this.grants.push({ at: now, weight });
        return;
      }
      const oldest = this.grants[0]!;
      await this.opts.clock.sleep(Math.max(1, oldest.at + this.opts.windowMs - now), signal);
    }
  }

  private expire(now: number): void {
    while (this.grants.length > 0 && this.grants[0]!.at + this.opts.windowMs <= now) this.grants.shift();
  }
}
