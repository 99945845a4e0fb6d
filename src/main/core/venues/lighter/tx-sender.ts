import type { RequestPriority } from '../rate-limiter';
import { InvalidOrderError } from '../venue-errors';
import type { NonceManager } from './nonce-manager';
import type { LighterRest } from './rest-client';
import type { SignedTx } from './signer/lighter-signer';
import { LighterTxValidationError } from './signer/signer-errors';
import type { SendTxBatchResponse, SendTxResponse } from './wire';

/** Signs one transaction with the nonce it is given (the nonce is always explicit, lighter.md §4). */
export type SignWithNonce = (nonce: number) => Promise<SignedTx>;

/** Largest batch sent at once (lighter.md §6.5: up to 50 txs per batch). */
export const MAX_BATCH = 50;

/**
 * Signs and sends transactions of one API key: each signing and its send run
 * under the key's nonce lock (nonce-manager.ts), so an invalid-nonce
 * rejection is followed by one re-sign with a fresh nonce (lighter.md §4);
 * sends go through `sendTx` / `sendTxBatch` (§1.10). A field the signer's
 * own validation refuses (LighterTxValidationError) surfaces as
 * InvalidOrderError; nothing is sent and the nonce is not used.
 */
export class TxSender {
  constructor(
    private readonly nonces: NonceManager,
    private readonly rest: LighterRest,
  ) {}

  /**
   * Signs and sends one transaction (`priority`: its place in the account's rate limiter).
   * @throws VenueError (typed) when Lighter refuses it or cannot be reached.
   */
  async send(sign: SignWithNonce, priority: RequestPriority = 'normal'): Promise<SendTxResponse> {
    // The budget first, then the nonce lock: a transaction waiting for the budget never blocks an urgent one.
    await this.rest.takeBudget('sendTx', priority);
    return this.nonces.withNonce(async (nonce) => this.rest.sendTx(await signChecked(sign, nonce), priority, true));
  }

  /**
   * Signs `signs.length` transactions with consecutive nonces and sends them
   * as one batch: all accepted or none (§1.10).
   * @throws RangeError for an empty batch or one above {@link MAX_BATCH}.
   * @throws VenueError (typed) when Lighter refuses the batch or cannot be reached.
   */
  async sendBatch(signs: SignWithNonce[], priority: RequestPriority = 'normal'): Promise<SendTxBatchResponse> {
    if (signs.length === 0 || signs.length > MAX_BATCH) throw new RangeError(`a batch holds 1…${MAX_BATCH} transactions`);
    await this.rest.takeBudget('sendTxBatch', priority);
    return this.nonces.withNonces(signs.length, async (first) => {
      const txs: SignedTx[] = [];
      for (const [i, sign] of signs.entries()) txs.push(await signChecked(sign, first + i));
      return this.rest.sendTxBatch(txs, priority, true);
    });
  }
}

/** Runs `sign`, turning a signer validation refusal into InvalidOrderError. */
async function signChecked(sign: SignWithNonce, nonce: number): Promise<SignedTx> {
  try {
    return await sign(nonce);
  } catch (err) {
    if (err instanceof LighterTxValidationError) throw new InvalidOrderError('lighter', err.message, err.field, undefined, { cause: err });
    throw err;
  }
}
