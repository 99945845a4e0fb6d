/**
 * A simulator fault armed for the next `count` affected requests, each of
 * which consumes one and is given the fault's `detail` (e.g. the error to
 * answer with). Disarms itself when the count runs out.
 */
export class CountedFault<T> {
  private armed: { remaining: number; detail: T } | null = null;

  /** Arms the fault for `count` (≥ 1) requests, replacing any earlier arming. */
  arm(count: number, detail: T): void {
    this.armed = count > 0 ? { remaining: count, detail } : null;
  }

  /** Disarms the fault. */
  clear(): void {
    this.armed = null;
  }

  /** Consumes one: the detail when the fault was armed, else null. */
  take(): T | null {
    if (!this.armed) return null;
    const { detail } = this.armed;
    if (--this.armed.remaining <= 0) this.armed = null;
    return detail;
  }

  /** Requests still to be affected (0 when disarmed). */
  get remaining(): number {
    return this.armed?.remaining ?? 0;
  }

  /** The armed state, or null: for admin views. */
  peek(): { remaining: number; detail: T } | null {
    return this.armed && { ...this.armed };
  }
}
