import type { Clock } from '../../../clock';
import type { LighterOrderFields, LighterSigner, SignedTx } from './lighter-signer';
import {
  cancelAllOrdersArgs,
  cancelOrderArgs,
  createAuthTokenArgs,
  createOrderArgs,
  modifyOrderArgs,
  type PinnedSignerFunction,
  type SignerClientParams,
} from './signer-abi';

/** The pinned functions that sign a transaction (all but CreateClient and CreateAuthToken). */
export type PinnedSignFunction = Exclude<PinnedSignerFunction, 'CreateClient' | 'CreateAuthToken'>;

/**
 * What both official signer builds (WASM and shared library) share: the
 * {@link LighterSigner} methods mapped to the positional argument lists of
 * signer-abi.ts, with `orderExpiry` −1 and an auth-token deadline of 0
 * resolved from the injected clock. A subclass only says how one call reaches
 * its build ({@link sign}, {@link authToken}).
 */
export abstract class OfficialSigner implements LighterSigner {
  readonly kind = 'official' as const;
  /** Which official build flavour this is. */
  abstract readonly flavor: 'wasm' | 'shared-library';
  readonly accountIndex: number;
  readonly apiKeyIndex: number;

  constructor(
    params: SignerClientParams,
    private readonly clock: Clock,
    /** The binary in use: the shared library file, or the `.wasm` file. */
    readonly binaryPath: string,
  ) {
    this.accountIndex = params.accountIndex;
    this.apiKeyIndex = params.apiKeyIndex;
  }

  /**
   * Calls the build's sign function `name` with its positional arguments.
   * @throws LighterSignerError
   */
  protected abstract sign(name: PinnedSignFunction, args: readonly number[]): SignedTx;

  /**
   * Calls the build's `CreateAuthToken(deadline, apiKeyIndex, accountIndex)`.
   * @throws LighterSignerError
   */
  protected abstract authToken(args: readonly number[]): string;

  /** Signs a CreateOrder (tx type 14). @throws LighterTxValidationError, LighterSignerError */
  async signCreateOrder(order: LighterOrderFields, nonce: number): Promise<SignedTx> {
    return this.sign('SignCreateOrder', createOrderArgs(order, nonce, this.apiKeyIndex, this.accountIndex, this.clock.now()));
  }

  /** Signs a CancelOrder (tx type 15). @throws LighterTxValidationError, LighterSignerError */
  async signCancelOrder(marketIndex: number, orderIndex: number, nonce: number): Promise<SignedTx> {
    return this.sign('SignCancelOrder', cancelOrderArgs(marketIndex, orderIndex, nonce, this.apiKeyIndex, this.accountIndex));
  }

  /** Signs a CancelAllOrders (tx type 16) over all markets. @throws LighterTxValidationError, LighterSignerError */
  async signCancelAllOrders(timeInForce: 0 | 1 | 2, time: number, nonce: number): Promise<SignedTx> {
    return this.sign('SignCancelAllOrders', cancelAllOrdersArgs(timeInForce, time, nonce, this.apiKeyIndex, this.accountIndex));
  }

  /** Signs a ModifyOrder (tx type 17). @throws LighterTxValidationError, LighterSignerError */
  async signModifyOrder(marketIndex: number, index: number, baseAmount: number, price: number, triggerPrice: number, nonce: number): Promise<SignedTx> {
    return this.sign('SignModifyOrder', modifyOrderArgs(marketIndex, index, baseAmount, price, triggerPrice, nonce, this.apiKeyIndex, this.accountIndex));
  }

  /** `<deadline>:<account>:<apiKey>:<signature-hex>` (lighter.md §2); deadline 0 = now + 7 h on the injected clock. @throws LighterSignerError */
  async createAuthToken(deadlineSeconds: number): Promise<string> {
    return this.authToken(createAuthTokenArgs(deadlineSeconds, this.apiKeyIndex, this.accountIndex, this.clock.now()));
  }
}
