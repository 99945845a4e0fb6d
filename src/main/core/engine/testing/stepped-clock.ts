import type { Clock } from '../../clock';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A {@link Clock} for tests of concurrent loops (test support only): time
 * stands still while anything is runnable; when every task is waiting, it
 * jumps to the earliest pending sleep and wakes it (one macrotask turn per
 * wake-up). Several loops sleeping at once thus interleave as they would in
 * real time — a 21-minute hold next to a 2-second poll — but a whole run
 * takes milliseconds. Times are whole ms.
 */
export class SteppedClock implements Clock {
  private readonly timers: Timer[] = [];
  private seq = 0;
  private scheduled = false;

  constructor(private t = 1_700_000_000_000) {}

  /** Current simulated time, Unix ms. */
  now(): number {
    return this.t;
  }

  /** Resolves when simulated time reaches now + `ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = { at: this.t + Math.max(0, Math.round(ms)), seq: this.seq++, resolve: () => undefined };
      const onAbort = () => {
        this.timers.splice(this.timers.indexOf(timer), 1);
        reject(signal?.reason);
      };
      timer.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.timers.shift();
      if (!next) return;
      this.t = Math.max(this.t, next.at);
      next.resolve();
      if (this.timers.length > 0) this.schedule();
    });
  }
}
