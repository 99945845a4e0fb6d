/**
 * How HedgeDesk fills the official signer's arguments: every call is first a
 * set of values **by argument name** (the names of signer-layouts.ts), then
 * put in the order of the loaded build's layout by {@link positionalArgs}. A
 * value the layout has no argument for must be at its nil value, or the call
 * is refused before anything is signed (e.g. a self-trade mode on a v1.0.2
 * build). Facts: lighter.md §2–§5.
 */
import type { LighterOrderFields, ModifyOrderOptions } from './lighter-signer';
import { describeSignature, type SignerArgName, type SignFunction } from './signer-layouts';
import { LighterTxValidationError } from './signer-errors';

/** Lighter chain ids that go into every signature: 304 mainnet, 300 testnet (lighter.md §0). */
export type LighterChainId = 300 | 304;

/** What `CreateClient` needs to register one (API key, account) pair in the signer. */
export interface SignerClientParams {
  /** The API private key, hex (with or without `0x`; lighter-go client/tx_client.go strips it). Never logged. */
  privateKey: string;
  chainId: LighterChainId;
  /** 0–254 (lighter.md §5.1). */
  apiKeyIndex: number;
  /** The account index (> 0 for CreateClient, lighter.md §5.2). */
  accountIndex: number;
}

/** The values of one signing call, by argument name. */
export type ArgValues = Partial<Record<SignerArgName, number>>;

/**
 * The nil value of every optional argument: no integrator, default self-trade
 * modes (0 expire maker, 0 same account), no skip-nonce, all markets (255) for
 * cancel-all, no order version (lighter.md §3.6; lighter-go
 * types/txtypes/constants.go `Nil*`). A layout without the argument behaves
 * exactly like this value.
 */
export const NIL_ARG_VALUES: Readonly<Partial<Record<SignerArgName, number>>> = {
  integratorAccountIndex: 0,
  integratorTakerFee: 0,
  integratorMakerFee: 0,
  selfTradeBehaviorMode: 0,
  selfTradeEqualityMode: 0,
  skipNonce: 0,
  cancelAllMarketIndex: 255,
  orderVersion: 0,
};

/**
 * `orderExpiry` −1 means now + 28 days (the WASM signer's convenience, lighter.md
 * §3.2 [S4]). HedgeDesk resolves it itself from the injected clock so that all
 * signers agree and tests control time.
 */
export const DEFAULT_ORDER_EXPIRY_MS = 28 * 24 * 60 * 60 * 1000;

/**
 * `value` as an integer the signer ABI can carry (a JS number below 2^53; the
 * Go WASM reads numbers with `.Int()`, lighter.md §5.2).
 * @throws LighterTxValidationError when it is not a safe integer.
 */
export function abiInteger(field: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw new LighterTxValidationError(field, `${field} must be an integer below 2^53, got ${String(value)}`);
  return value;
}

/**
 * The nonce, which HedgeDesk always passes explicitly (never −1 = "fetch over
 * HTTP": the signer is created without a URL, lighter.md §4).
 * @throws LighterTxValidationError when it is not an integer ≥ 0.
 */
export function explicitNonce(nonce: number): number {
  if (!Number.isSafeInteger(nonce) || nonce < 0) {
    throw new LighterTxValidationError('Nonce', `Nonce must be an explicit integer ≥ 0 (HedgeDesk never lets the signer fetch it), got ${String(nonce)}`);
  }
  return nonce;
}

/**
 * The order's expiry with −1 resolved to `nowMs` + 28 days (Unix ms).
 * @throws LighterTxValidationError when it is not an integer.
 */
export function resolveOrderExpiry(orderExpiry: number, nowMs: number): number {
  return abiInteger('OrderExpiry', orderExpiry) === -1 ? nowMs + DEFAULT_ORDER_EXPIRY_MS : orderExpiry;
}

/** `CreateClient(url, privateKey, chainId, apiKeyIndex, accountIndex)` with an empty URL: no HTTP client in the signer (lighter.md §5.2). The same in every layout. */
export function createClientArgs(p: SignerClientParams): [string, string, number, number, number] {
  return ['', p.privateKey, p.chainId, abiInteger('ApiKeyIndex', p.apiKeyIndex), abiInteger('AccountIndex', p.accountIndex)];
}

/** Auth-token deadline 0 = now + 7 h, as the Go signer fills it (lighter.md §2). */
const DEFAULT_AUTH_TOKEN_LIFETIME_S = 7 * 60 * 60;

/**
 * The auth-token deadline (Unix seconds) with 0 resolved to now + 7 h from
 * `nowMs` — what the Go signer does with 0 (lighter.md §2), but on the injected clock.
 * @throws LighterTxValidationError when it is not an integer.
 */
export function resolveAuthTokenDeadline(deadlineSeconds: number, nowMs: number): number {
  return abiInteger('deadline', deadlineSeconds) === 0 ? Math.floor(nowMs / 1000) + DEFAULT_AUTH_TOKEN_LIFETIME_S : deadlineSeconds;
}

/** `CreateAuthToken(deadline, apiKeyIndex, accountIndex)` (the same in every layout); `deadlineSeconds` is Unix seconds, 0 = now + 7 h from `nowMs`. */
export function createAuthTokenArgs(deadlineSeconds: number, apiKeyIndex: number, accountIndex: number, nowMs: number): number[] {
  return [resolveAuthTokenDeadline(deadlineSeconds, nowMs), apiKeyIndex, accountIndex];
}

/**
 * A CreateOrder's values: the order fields, its self-trade modes (absent = 0),
 * no integrator, no skip-nonce, the explicit nonce, key and account.
 * `orderExpiry` −1 is resolved from `nowMs`.
 * @throws LighterTxValidationError on a non-integer field or a missing nonce.
 */
export function createOrderValues(order: LighterOrderFields, nonce: number, apiKeyIndex: number, accountIndex: number, nowMs: number): ArgValues {
  return {
    marketIndex: abiInteger('MarketIndex', order.marketIndex),
    clientOrderIndex: abiInteger('ClientOrderIndex', order.clientOrderIndex),
    baseAmount: abiInteger('BaseAmount', order.baseAmount),
    price: abiInteger('Price', order.price),
    isAsk: order.isAsk ? 1 : 0,
    orderType: abiInteger('Type', order.orderType),
    timeInForce: abiInteger('TimeInForce', order.timeInForce),
    reduceOnly: order.reduceOnly ? 1 : 0,
    triggerPrice: abiInteger('TriggerPrice', order.triggerPrice),
    orderExpiry: resolveOrderExpiry(order.orderExpiry, nowMs),
    selfTradeBehaviorMode: abiInteger('selfTradeBehaviorMode', order.selfTradeBehaviorMode ?? 0),
    selfTradeEqualityMode: abiInteger('selfTradeEqualityMode', order.selfTradeEqualityMode ?? 0),
    nonce: explicitNonce(nonce),
    apiKeyIndex,
    accountIndex,
  };
}

/** A CancelOrder's values: market, order index (exchange or client), nonce, key, account. */
export function cancelOrderValues(marketIndex: number, orderIndex: number, nonce: number, apiKeyIndex: number, accountIndex: number): ArgValues {
  return { marketIndex: abiInteger('MarketIndex', marketIndex), orderIndex: abiInteger('Index', orderIndex), nonce: explicitNonce(nonce), apiKeyIndex, accountIndex };
}

/** A CancelAllOrders' values over all markets (255, no attribute 5): time-in-force, time (Unix ms or 0), nonce, key, account (lighter.md §3.5). */
export function cancelAllOrdersValues(timeInForce: number, time: number, nonce: number, apiKeyIndex: number, accountIndex: number): ArgValues {
  return { timeInForce: abiInteger('TimeInForce', timeInForce), time: abiInteger('Time', time), nonce: explicitNonce(nonce), apiKeyIndex, accountIndex };
}

/** A ModifyOrder's values: market, index, new amount/price/trigger, self-trade modes and order version from `options` (absent = 0), nonce, key, account. */
export function modifyOrderValues(
  marketIndex: number,
  index: number,
  baseAmount: number,
  price: number,
  triggerPrice: number,
  nonce: number,
  apiKeyIndex: number,
  accountIndex: number,
  options: ModifyOrderOptions = {},
): ArgValues {
  return {
    marketIndex: abiInteger('MarketIndex', marketIndex),
    index: abiInteger('Index', index),
    baseAmount: abiInteger('BaseAmount', baseAmount),
    price: abiInteger('Price', price),
    triggerPrice: abiInteger('TriggerPrice', triggerPrice),
    selfTradeBehaviorMode: abiInteger('selfTradeBehaviorMode', options.selfTradeBehaviorMode ?? 0),
    selfTradeEqualityMode: abiInteger('selfTradeEqualityMode', options.selfTradeEqualityMode ?? 0),
    orderVersion: abiInteger('orderVersion', options.orderVersion ?? 0),
    nonce: explicitNonce(nonce),
    apiKeyIndex,
    accountIndex,
  };
}

/**
 * `values` in the order `names` gives (a layout's list, or the names a WASM
 * build reported). A name without a value takes its nil value
 * ({@link NIL_ARG_VALUES}); a value whose name the list lacks must be at its
 * nil value — the build cannot carry it.
 * @throws LighterTxValidationError naming the field when the build cannot carry a value
 *   (e.g. a self-trade mode on a pre-v1.0.7 build), or when a required argument has no value.
 */
export function positionalArgs(name: SignFunction, names: readonly SignerArgName[], values: ArgValues, layoutLabel: string): number[] {
  for (const [arg, value] of Object.entries(values) as [SignerArgName, number][]) {
    if (!names.includes(arg) && value !== NIL_ARG_VALUES[arg]) {
      throw new LighterTxValidationError(
        arg,
        `${arg} = ${value} cannot be signed by this signer build (${layoutLabel}: ${describeSignature(name, names)}); self-trade modes need a v1.0.7+ build, an order version v1.0.9+`,
      );
    }
  }
  return names.map((arg) => {
    const value = values[arg] ?? NIL_ARG_VALUES[arg];
    if (value === undefined) throw new LighterTxValidationError(arg, `${name}: no value for argument ${arg}`);
    return value;
  });
}
