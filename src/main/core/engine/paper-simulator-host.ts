/** Default collateral of a new paper account, USDC. */
export const DEFAULT_PAPER_COLLATERAL = '10000';

/**
 * The built-in venue simulator of one paper venue for the process: started
 * on first use (a failed start may be retried), stopped by {@link close}.
 * Venue-agnostic: how the simulator starts is the caller's.
 */
export class PaperSimulatorHost<S extends { close(): Promise<void> }> {
  private starting: Promise<S> | null = null;

  /** @param start starts the simulator (called again after a failed start). */
  constructor(private readonly start: () => Promise<S>) {}

  /** The running simulator, started on first call. @throws Error when it cannot start. */
  simulator(): Promise<S> {
    this.starting ??= this.start().catch((err: unknown) => {
      this.starting = null;
      throw err;
    });
    return this.starting;
  }

  /** Stops the simulator (if it was started); it writes its state a last time when it keeps one. */
  async close(): Promise<void> {
    const running = this.starting;
    this.starting = null;
    if (running) await (await running.catch(() => null))?.close();
  }
}
