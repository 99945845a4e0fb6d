import type { Clock } from '../../../clock';
import type { LighterOrderFields, LighterSigner, ModifyOrderOptions, SignedTx } from './lighter-signer';
import {
  cancelAllOrdersValues,
  cancelOrderValues,
  createAuthTokenArgs,
  createOrderValues,
  modifyOrderValues,
  positionalArgs,
  type ArgValues,
  type SignerClientParams,
} from './signer-abi';
import { describeLayout, type SignerArgName, type SignerLayout, type SignFunction } from './signer-layouts';

/** A loaded build's recognised layout and the argument order of its four signing functions. */
export interface LoadedLayout {
  layout: SignerLayout;
  /** WASM: the order the build reported; shared library: the layout's own order. */
  argOrder: Readonly<Record<SignFunction, readonly SignerArgName[]>>;
}

/**
 * What both official signer builds (WASM and shared library) share: the
 * {@link LighterSigner} methods as values by argument name (signer-abi.ts),
 * put in the loaded build's argument order; `orderExpiry` −1 and an
 * auth-token deadline of 0 resolved from the injected clock. A subclass only
 * says how one call reaches its build ({@link call}, {@link authToken}).
 */
export abstract class OfficialSigner implements LighterSigner {
  readonly kind = 'official' as const;
  /** Which official build flavour this is. */
  abstract readonly flavor: 'wasm' | 'shared-library';
  readonly accountIndex: number;
  readonly apiKeyIndex: number;
  /** The build's layout (signer-layouts.ts). */
  readonly layout: SignerLayout;

  constructor(
    params: SignerClientParams,
    private readonly clock: Clock,
    /** The binary in use: the shared library file, or the `.wasm` file. */
    readonly binaryPath: string,
    private readonly loaded: LoadedLayout,
  ) {
    this.accountIndex = params.accountIndex;
    this.apiKeyIndex = params.apiKeyIndex;
    this.layout = loaded.layout;
  }

  /**
   * Calls the build's sign function `name` with positional arguments in its order.
   * @throws LighterSignerError
   */
  protected abstract call(name: SignFunction, args: readonly number[]): SignedTx;

  /**
   * Calls the build's `CreateAuthToken(deadline, apiKeyIndex, accountIndex)`.
   * @throws LighterSignerError
   */
  protected abstract authToken(args: readonly number[]): string;

  /** Puts `values` in the build's order and signs. @throws LighterTxValidationError when the build cannot carry a value; LighterSignerError */
  private sign(name: SignFunction, values: ArgValues): SignedTx {
    return this.call(name, positionalArgs(name, this.loaded.argOrder[name], values, describeLayout(this.layout)));
  }

  /** Signs a CreateOrder (tx type 14) with the order's self-trade modes. @throws LighterTxValidationError, LighterSignerError */
  async signCreateOrder(order: LighterOrderFields, nonce: number): Promise<SignedTx> {
    return this.sign('SignCreateOrder', createOrderValues(order, nonce, this.apiKeyIndex, this.accountIndex, this.clock.now()));
  }

  /** Signs a CancelOrder (tx type 15). @throws LighterTxValidationError, LighterSignerError */
  async signCancelOrder(marketIndex: number, orderIndex: number, nonce: number): Promise<SignedTx> {
    return this.sign('SignCancelOrder', cancelOrderValues(marketIndex, orderIndex, nonce, this.apiKeyIndex, this.accountIndex));
  }

  /** Signs a CancelAllOrders (tx type 16) over all markets. @throws LighterTxValidationError, LighterSignerError */
  async signCancelAllOrders(timeInForce: 0 | 1 | 2, time: number, nonce: number): Promise<SignedTx> {
    return this.sign('SignCancelAllOrders', cancelAllOrdersValues(timeInForce, time, nonce, this.apiKeyIndex, this.accountIndex));
  }

  /** Signs a ModifyOrder (tx type 17). @throws LighterTxValidationError, LighterSignerError */
  async signModifyOrder(marketIndex: number, index: number, baseAmount: number, price: number, triggerPrice: number, nonce: number, options?: ModifyOrderOptions): Promise<SignedTx> {
    return this.sign('SignModifyOrder', modifyOrderValues(marketIndex, index, baseAmount, price, triggerPrice, nonce, this.apiKeyIndex, this.accountIndex, options));
  }

  /** `<deadline>:<account>:<apiKey>:<signature-hex>` (lighter.md §2); deadline 0 = now + 7 h on the injected clock. @throws LighterSignerError */
  async createAuthToken(deadlineSeconds: number): Promise<string> {
    return this.authToken(createAuthTokenArgs(deadlineSeconds, this.apiKeyIndex, this.accountIndex, this.clock.now()));
  }
}
