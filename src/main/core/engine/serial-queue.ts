/**
 * Runs async tasks one at a time, in the order they were pushed: a strategy
 * handles one account event completely (e.g. a fill and the hedge it
 * triggers) before it looks at the next. A task that throws is reported to
 * `onError` and the queue goes on with the next one.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Queues `task`; the returned promise settles when it has run (never rejects). */
  push(task: () => Promise<void> | void): Promise<void> {
    this.pending++;
    const run = this.tail.then(async () => {
      try {
        await task();
      } catch (err) {
        this.onError(err);
      } finally {
        this.pending--;
      }
    });
    this.tail = run;
    return run;
  }

  /** Tasks queued or running (inside a task: 1 when no other task waits). */
  get size(): number {
    return this.pending;
  }

  /**
   * Resolves once every task queued so far has run (a barrier: tasks queued
   * later, even by those tasks, are not waited for, so a steady stream of
   * events cannot starve the caller).
   */
  async idle(): Promise<void> {
    await this.tail;
  }
}
