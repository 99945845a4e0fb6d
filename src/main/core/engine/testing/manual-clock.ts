import type { Clock } from '../../clock';

interface Timer {
  at: number;
  resolve: () => void;
}

/**
 * A {@link Clock} that moves only when the test says so (test support only):
 * sleeps wait until {@link advance} carries time past their end. For
 * periodic engine timers (reconciliation, snapshots) that must fire exactly
 * when a test wants them. Times are Unix ms.
 */
export class ManualClock implements Clock {
  private readonly timers: Timer[] = [];

  constructor(private t = 1_700_000_000_000) {}

  /** Current time, Unix ms. */
  now(): number {
    return this.t;
  }

  /** Resolves once {@link advance} reaches now + `ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = { at: this.t + Math.max(0, ms), resolve: () => undefined };
      const onAbort = () => {
        const i = this.timers.indexOf(timer);
        if (i >= 0) this.timers.splice(i, 1);
        reject(signal?.reason);
      };
      timer.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** How many sleeps are waiting. */
  get waiting(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms` and wakes every sleep that ended, earliest first. */
  advance(ms: number): void {
    this.t += ms;
    const due = this.timers.filter((t) => t.at <= this.t).sort((a, b) => a.at - b.at);
    for (const timer of due) {
      this.timers.splice(this.timers.indexOf(timer), 1);
      timer.resolve();
    }
  }
}
