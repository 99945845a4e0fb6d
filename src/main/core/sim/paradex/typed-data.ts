import Decimal from 'decimal.js';
import { shortString, typedData, type TypedData } from 'starknet';

/**
 * Paradex's StarkNet typed data (SNIP-12 legacy, revision 0: domain type
 * `StarkNetDomain`), paradex.md §3–§5; sources paradex-py
 * `paradex_py/message/auth.py`, `paradex_py/message/order.py` and
 * tradeparadex/code-samples `typescript/src/utils/typed_data.ts`.
 * Hashing is starknet.js' `typedData.getMessageHash` — nothing hand-rolled.
 */

/** `paraclear_decimals`: order size and price are signed as integers × 10^8 (paradex.md §2, §5). */
export const PARACLEAR_DECIMALS = 8;

const DOMAIN_TYPE = [
  { name: 'name', type: 'felt' },
  { name: 'chainId', type: 'felt' },
  { name: 'version', type: 'felt' },
];

/** The chain id as the typed-data felt: the short-string encoding of `starknet_chain_id` (paradex.md §2, §3). */
export function chainIdFelt(starknetChainId: string): string {
  return shortString.encodeShortString(starknetChainId);
}

function domain(starknetChainId: string) {
  return { name: 'Paradex', chainId: chainIdFelt(starknetChainId), version: '1' };
}

/**
 * The auth request typed data: primaryType `Request`, message
 * `{method:"POST", path:"/v1/auth", body:"", timestamp, expiration}` (Unix s) — paradex.md §4, TV3.
 */
export function authTypedData(starknetChainId: string, timestampS: number, expirationS: number): TypedData {
  return {
    domain: domain(starknetChainId),
    primaryType: 'Request',
    types: {
      StarkNetDomain: DOMAIN_TYPE,
      Request: [
        { name: 'method', type: 'felt' },
        { name: 'path', type: 'felt' },
        { name: 'body', type: 'felt' },
        { name: 'timestamp', type: 'felt' },
        { name: 'expiration', type: 'felt' },
      ],
    },
    message: { method: 'POST', path: '/v1/auth', body: '', timestamp: timestampS, expiration: expirationS },
  };
}

/** The fields of a new order that Paradex signs (paradex.md §5 "Signing"). */
export interface OrderToSign {
  /** `signature_timestamp`, Unix ms. */
  signatureTimestampMs: number;
  /** Market symbol, e.g. `ETH-USD-PERP`. */
  market: string;
  side: 'BUY' | 'SELL';
  /** The order `type`, e.g. `LIMIT`, `MARKET`. */
  type: string;
  /** Size in base units, decimal string. */
  size: string;
  /** Limit price (USD), decimal string; ignored for types containing MARKET (signed as "0"). */
  price: string | undefined;
}

/** A decimal amount × 10^8, truncated to an integer string (the TS sample floors, Python `int()` truncates; equal for positives). */
export function toQuantums(amount: string): string {
  return new Decimal(amount).mul(new Decimal(10).pow(PARACLEAR_DECIMALS)).trunc().toFixed(0);
}

/**
 * The `Order` message: `{timestamp, market, side: "1"|"2", orderType, size, price}` with size and
 * price × 10^8 and price "0" for MARKET types (paradex.md §5; TV2: ETH-USD-PERP BUY LIMIT 0.1 @ 1500 →
 * size "10000000", price "150000000000").
 */
export function orderMessage(order: OrderToSign): Record<string, string> {
  return {
    timestamp: String(order.signatureTimestampMs),
    market: order.market,
    side: order.side === 'BUY' ? '1' : '2',
    orderType: order.type,
    size: toQuantums(order.size),
    price: order.type.includes('MARKET') || order.price === undefined ? '0' : toQuantums(order.price),
  };
}

/** The order typed data (primaryType `Order`). */
export function orderTypedData(starknetChainId: string, order: OrderToSign): TypedData {
  return {
    domain: domain(starknetChainId),
    primaryType: 'Order',
    types: {
      StarkNetDomain: DOMAIN_TYPE,
      Order: [
        { name: 'timestamp', type: 'felt' },
        { name: 'market', type: 'felt' },
        { name: 'side', type: 'felt' },
        { name: 'orderType', type: 'felt' },
        { name: 'size', type: 'felt' },
        { name: 'price', type: 'felt' },
      ],
    },
    message: orderMessage(order),
  };
}

/** The SNIP-12 message hash of `td` bound to `accountAddress` (starknet.js `typedData.getMessageHash`), hex. */
export function messageHash(td: TypedData, accountAddress: string): string {
  return typedData.getMessageHash(td, accountAddress);
}

/** The onboarding typed data: primaryType `Constant`, message `{action: "Onboarding"}` (paradex.md §3, §4; TV1). */
export function onboardingTypedData(starknetChainId: string): TypedData {
  return {
    domain: domain(starknetChainId),
    primaryType: 'Constant',
    types: { StarkNetDomain: DOMAIN_TYPE, Constant: [{ name: 'action', type: 'felt' }] },
    message: { action: 'Onboarding' },
  };
}

/** The `ModifyOrder` typed data: the Order fields plus the venue order `id` as a felt (paradex.md §3, §5 "Modify"). */
export function modifyOrderTypedData(starknetChainId: string, order: OrderToSign, orderId: string): TypedData {
  return {
    domain: domain(starknetChainId),
    primaryType: 'ModifyOrder',
    types: {
      StarkNetDomain: DOMAIN_TYPE,
      ModifyOrder: [...orderTypedData(starknetChainId, order).types.Order!, { name: 'id', type: 'felt' }],
    },
    message: { ...orderMessage(order), id: orderId },
  };
}
