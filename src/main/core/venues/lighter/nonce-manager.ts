import type { Logger } from '../../log/logger';
import { InvalidNonceError, VenueUnavailableError } from '../venue-errors';

/**
 * Nonces of one (account index, API key index) pair (lighter.md §4): the
 * first value comes from `GET /api/v1/nextNonce`, later ones are counted
 * locally (+1 per transaction).
 *
 * - Serialized: a per-key mutex is held from signing through the send, so two
 *   transactions never carry the same nonce and reach the sequencer in order.
 * - A send that fails without consuming the nonce (a definite rejection)
 *   leaves the counter where it was ("step back"). A send whose outcome is
 *   unknown (VenueUnavailable: timeout, reset, 5xx) forgets the counter, so
 *   the next transaction starts from a fresh `nextNonce`.
 * - An invalid-nonce rejection (21104/21105 → InvalidNonceError) triggers one
 *   hard refresh from `nextNonce`; the transaction is re-signed with the new
 *   value and sent once more (the Python SDK's recipe, §4).
 */
export class NonceManager {
  private next: number | null = null;
  private lock: Promise<void> = Promise.resolve();

  /**
   * @param fetchNextNonce reads `nextNonce` for this key (may throw VenueError).
   */
  constructor(
    private readonly fetchNextNonce: () => Promise<number>,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs `send` with the next nonce while holding this key's lock; `send`
   * signs with the nonce it is given and sends. Counts one nonce on success.
   * @returns what `send` returned.
   * @throws whatever `send` or `nextNonce` threw (InvalidNonceError when the retry also failed).
   */
  withNonce<T>(send: (nonce: number) => Promise<T>): Promise<T> {
    return this.withNonces(1, send);
  }

  /**
   * Like {@link withNonce} for a batch: reserves `count` consecutive nonces
   * starting at the one given to `send` (sendTxBatch, §1.10).
   * @throws RangeError when count < 1.
   */
  withNonces<T>(count: number, send: (firstNonce: number) => Promise<T>): Promise<T> {
    if (!(count >= 1)) return Promise.reject(new RangeError('count must be at least 1'));
    const run = this.lock.then(() => this.attempt(count, send));
    this.lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async attempt<T>(count: number, send: (firstNonce: number) => Promise<T>): Promise<T> {
    const first = await this.current();
    try {
      return await this.sendAndCount(first, count, send);
    } catch (err) {
      if (!(err instanceof InvalidNonceError)) throw err;
      this.next = null;
      const fresh = await this.current();
      this.logger.warn({ rejected: first, fresh }, 'Lighter rejected the nonce; refreshed from nextNonce and retrying once');
      return this.sendAndCount(fresh, count, send);
    }
  }

  private async sendAndCount<T>(first: number, count: number, send: (firstNonce: number) => Promise<T>): Promise<T> {
    try {
      const result = await send(first);
      this.next = first + count;
      return result;
    } catch (err) {
      // Definite rejection: the nonce was not used, keep `first` for the next tx.
      // Unknown outcome: it may have been used, refetch next time.
      this.next = err instanceof VenueUnavailableError ? null : first;
      throw err;
    }
  }

  private async current(): Promise<number> {
    if (this.next === null) this.next = await this.fetchNextNonce();
    return this.next;
  }
}
