/** Default collateral of a new paper account, USDC. */
export const DEFAULT_PAPER_COLLATERAL = '10000';

/**
 * One built-in venue simulator for the process and the simulator account of
 * each HedgeDesk paper account: the simulator starts on first use (a failed
 * start may be retried), an account is opened on it the first time the paper
 * account is used, and both live until {@link close}. Venue-agnostic: how
 * the simulator starts and what a simulator account is (`A`: an index, a
 * key…) are the caller's.
 */
export class PaperSimulatorHost<S extends { close(): Promise<void> }, A> {
  private starting: Promise<S> | null = null;
  private readonly accounts = new Map<string, A>();

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

  /** The simulator account of a HedgeDesk paper account, once it was used. */
  account(accountId: string): A | undefined {
    return this.accounts.get(accountId);
  }

  /**
   * The running simulator and the simulator account of `accountId`, opened
   * with `open` on first use.
   * @throws Error when the simulator cannot start; whatever `open` throws.
   */
  async accountOn(accountId: string, open: (sim: S) => A): Promise<{ sim: S; account: A }> {
    const sim = await this.simulator();
    let account = this.accounts.get(accountId);
    if (account === undefined) {
      account = open(sim);
      this.accounts.set(accountId, account);
    }
    return { sim, account };
  }

  /** Stops the simulator (if it was started) and forgets the accounts. */
  async close(): Promise<void> {
    const running = this.starting;
    this.starting = null;
    this.accounts.clear();
    if (running) await (await running.catch(() => null))?.close();
  }
}
