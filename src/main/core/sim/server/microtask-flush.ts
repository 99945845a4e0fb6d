/**
 * Coalesces many changes into one flush: however often {@link schedule} is
 * called during a synchronous burst (one matching step), `flush` runs once,
 * on the next microtask.
 */
export class MicrotaskFlush {
  private scheduled = false;

  /** `flush` is called with nothing; it reads what changed from its owner. */
  constructor(private readonly flush: () => void) {}

  /** Asks for a flush on the next microtask, unless one is already pending. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }
}
