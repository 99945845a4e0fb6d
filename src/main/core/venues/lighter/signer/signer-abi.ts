/**
 * The one official Lighter signer build HedgeDesk supports, and how HedgeDesk
 * fills its positional argument lists.
 *
 * The signer's argument lists changed between lighter-go releases (13 → 16 →
 * 17 → 19 arguments for SignCreateOrder; lighter.md §5.2 table), and a call
 * with the wrong list silently moves values into other parameters. So HedgeDesk
 * binds to exactly one build — lighter-go @ 17f2d60 (June 2026) — and refuses
 * any other at load time (wasm-abi-check.ts, ffi-abi-check.ts).
 *
 * The WASM build (`wasm/main.go`) and the shared library (`sharedlib/main.go`)
 * of that commit take the same arguments in the same order (lighter.md §5.2,
 * §5.3), so the builders below serve both.
 */
import type { LighterOrderFields } from './lighter-signer';
import { LighterTxValidationError } from './signer-errors';

/** The pinned build: github.com/elliottech/lighter-go at commit 17f2d60 (lighter.md §5.2, §5.3, sources [S4][S5]). */
export const PINNED_SIGNER_BUILD = {
  repository: 'github.com/elliottech/lighter-go',
  commit: '17f2d60e4cf5ef2198da77ed1c0ce92f6fc97efd',
  shortCommit: '17f2d60',
  /** Human label used in every message about the signer version. */
  label: 'lighter-go @ 17f2d60 (June 2026)',
} as const;

/** The signer functions HedgeDesk calls. */
export type PinnedSignerFunction = 'CreateClient' | 'CreateAuthToken' | 'SignCreateOrder' | 'SignCancelOrder' | 'SignCancelAllOrders' | 'SignModifyOrder';

/**
 * Names of the trailing arguments SignCreateOrder and SignModifyOrder share:
 * the order attributes (filled by `NO_ORDER_ATTRIBUTES` below), then nonce,
 * API key and account.
 */
const ORDER_TAIL_ARGS = [
  'integratorAccountIndex',
  'integratorTakerFee',
  'integratorMakerFee',
  'selfTradeBehaviorMode',
  'selfTradeEqualityMode',
  'skipNonce',
  'nonce',
  'apiKeyIndex',
  'accountIndex',
] as const;

/**
 * Argument names of each function as the pinned WASM build prints them when
 * called with too few arguments (`"SignCreateOrder expects 19 args: …"`,
 * lighter-go wasm/main.go; lists from lighter.md §5.2). lighter.md calls the
 * CreateClient key `privateKeyHex` and the auth-token deadline
 * `deadlineSeconds`; the build's own message says `privateKey` and `deadline`,
 * and that message is what the load-time check compares against.
 */
export const PINNED_SIGNER_ARGS: Readonly<Record<PinnedSignerFunction, readonly string[]>> = {
  CreateClient: ['url', 'privateKey', 'chainId', 'apiKeyIndex', 'accountIndex'],
  CreateAuthToken: ['deadline', 'apiKeyIndex', 'accountIndex'],
  SignCreateOrder: [
    'marketIndex',
    'clientOrderIndex',
    'baseAmount',
    'price',
    'isAsk',
    'orderType',
    'timeInForce',
    'reduceOnly',
    'triggerPrice',
    'orderExpiry',
    ...ORDER_TAIL_ARGS,
  ],
  SignCancelOrder: ['marketIndex', 'orderIndex', 'skipNonce', 'nonce', 'apiKeyIndex', 'accountIndex'],
  SignCancelAllOrders: ['timeInForce', 'time', 'cancelAllMarketIndex', 'skipNonce', 'nonce', 'apiKeyIndex', 'accountIndex'],
  SignModifyOrder: ['marketIndex', 'index', 'baseAmount', 'price', 'triggerPrice', ...ORDER_TAIL_ARGS],
};

/**
 * Every export of the pinned shared library (`sharedlib/main.go` @ 17f2d60,
 * lighter.md §5.3), including `Free`. A C library cannot report its argument
 * lists, so the load-time check identifies the build by this set.
 */
export const PINNED_C_EXPORTS: readonly string[] = [
  'GenerateAPIKey',
  'CreateClient',
  'CheckClient',
  'CreateAuthToken',
  'SignChangePubKey',
  'SignCreateOrder',
  'SignCreateGroupedOrders',
  'SignCancelOrder',
  'SignCancelAllOrders',
  'SignModifyOrder',
  'SignUpdateLeverage',
  'SignUpdateMargin',
  'SignWithdraw',
  'SignTransfer',
  'SignCreateSubAccount',
  'SignCreatePublicPool',
  'SignUpdatePublicPool',
  'SignMintShares',
  'SignBurnShares',
  'SignStakeAssets',
  'SignUnstakeAssets',
  'SignApproveIntegrator',
  'SignUpdateAccountConfig',
  'SignUpdateAccountAssetConfig',
  'Free',
];

/**
 * Exports that only builds newer than 17f2d60 have — the lighter-python SDK's
 * bundled binary, whose SignModifyOrder takes 15 arguments (lighter.md §5.3).
 */
export const NEWER_ONLY_C_EXPORTS: readonly string[] = ['SignCreateOrdersBatch', 'PrepareSignerNonces', 'FastEnableStackBoundCache'];

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

/**
 * `orderExpiry` −1 means now + 28 days (the WASM signer's convenience, lighter.md
 * §3.2 [S4]). HedgeDesk resolves it itself from the injected clock so that all
 * signers agree and tests control time.
 */
export const DEFAULT_ORDER_EXPIRY_MS = 28 * 24 * 60 * 60 * 1000;

/**
 * `cancelAllMarketIndex` 255 = the nil market = every market: no attribute 5 is
 * attached, the cancel-all covers all markets (lighter.md §3.5, §3.6;
 * lighter-go types/txtypes/constants.go NilMarketIndex).
 */
const CANCEL_ALL_MARKETS = 255;

/**
 * Integrator account, integrator taker fee, integrator maker fee,
 * self-trade behaviour (0 expire maker), self-trade equality (0 same account),
 * skip-nonce (0 off): all at their nil values, so no `L2TxAttributes` are
 * attached (lighter.md §3.6). HedgeDesk never attaches an integrator.
 */
const NO_ORDER_ATTRIBUTES = [0, 0, 0, 0, 0, 0] as const;
/** skip-nonce off. */
const NO_SKIP_NONCE = 0;

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

/** `CreateClient(url, privateKey, chainId, apiKeyIndex, accountIndex)` with an empty URL: no HTTP client in the signer (lighter.md §5.2). */
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

/** `CreateAuthToken(deadline, apiKeyIndex, accountIndex)`; `deadlineSeconds` is Unix seconds, 0 = now + 7 h from `nowMs`. */
export function createAuthTokenArgs(deadlineSeconds: number, apiKeyIndex: number, accountIndex: number, nowMs: number): number[] {
  return [resolveAuthTokenDeadline(deadlineSeconds, nowMs), apiKeyIndex, accountIndex];
}

/**
 * The 19 arguments of `SignCreateOrder` (lighter.md §5.2, §5.3): the order
 * fields, no integrator / default self-trade mode / no skip-nonce, the explicit
 * nonce, then API key and account. `orderExpiry` −1 is resolved from `nowMs`.
 * @throws LighterTxValidationError on a non-integer field or a missing nonce.
 */
export function createOrderArgs(order: LighterOrderFields, nonce: number, apiKeyIndex: number, accountIndex: number, nowMs: number): number[] {
  return [
    abiInteger('MarketIndex', order.marketIndex),
    abiInteger('ClientOrderIndex', order.clientOrderIndex),
    abiInteger('BaseAmount', order.baseAmount),
    abiInteger('Price', order.price),
    order.isAsk ? 1 : 0,
    abiInteger('Type', order.orderType),
    abiInteger('TimeInForce', order.timeInForce),
    order.reduceOnly ? 1 : 0,
    abiInteger('TriggerPrice', order.triggerPrice),
    resolveOrderExpiry(order.orderExpiry, nowMs),
    ...NO_ORDER_ATTRIBUTES,
    explicitNonce(nonce),
    apiKeyIndex,
    accountIndex,
  ];
}

/** The 6 arguments of `SignCancelOrder`: market, order index (exchange or client), no skip-nonce, nonce, key, account (lighter.md §5.2). */
export function cancelOrderArgs(marketIndex: number, orderIndex: number, nonce: number, apiKeyIndex: number, accountIndex: number): number[] {
  return [abiInteger('MarketIndex', marketIndex), abiInteger('Index', orderIndex), NO_SKIP_NONCE, explicitNonce(nonce), apiKeyIndex, accountIndex];
}

/** The 7 arguments of `SignCancelAllOrders`: time-in-force, time, all markets (255), no skip-nonce, nonce, key, account (lighter.md §5.2, §3.5). */
export function cancelAllOrdersArgs(timeInForce: number, time: number, nonce: number, apiKeyIndex: number, accountIndex: number): number[] {
  return [abiInteger('TimeInForce', timeInForce), abiInteger('Time', time), CANCEL_ALL_MARKETS, NO_SKIP_NONCE, explicitNonce(nonce), apiKeyIndex, accountIndex];
}

/** The 14 arguments of `SignModifyOrder`: market, index, new amount/price/trigger, no attributes, nonce, key, account (lighter.md §5.2). */
export function modifyOrderArgs(
  marketIndex: number,
  index: number,
  baseAmount: number,
  price: number,
  triggerPrice: number,
  nonce: number,
  apiKeyIndex: number,
  accountIndex: number,
): number[] {
  return [
    abiInteger('MarketIndex', marketIndex),
    abiInteger('Index', index),
    abiInteger('BaseAmount', baseAmount),
    abiInteger('Price', price),
    abiInteger('TriggerPrice', triggerPrice),
    ...NO_ORDER_ATTRIBUTES,
    explicitNonce(nonce),
    apiKeyIndex,
    accountIndex,
  ];
}

/** `SignCreateOrder(19 args: marketIndex, …)` — how messages name a signature. */
export function describeSignature(name: string, args: readonly string[]): string {
  return `${name}(${args.length} args: ${args.join(', ')})`;
}
