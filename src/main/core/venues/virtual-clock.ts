import type { Clock } from '../clock';

/**
 * A {@link Clock} for tests of venue clients: time stands still until
 * someone sleeps, and a sleep advances time by its length at once (virtual
 * time). Sleeps are recorded, so a test can assert on backoff delays and
 * rate-limit waits without waiting for them.
 */
export class VirtualClock implements Clock {
  /** Every sleep requested, in order (ms). */
  readonly sleeps: number[] = [];

  constructor(private t = 1_700_000_000_000) {}

  /** Current virtual time, Unix ms. */
  now(): number {
    return this.t;
  }

  /** Advances virtual time by `ms` and resolves on the next microtask; rejects with the signal's reason when aborted. */
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.t += ms;
  }

  /** Moves virtual time forward without a sleep. */
  advance(ms: number): void {
    this.t += ms;
  }
}
