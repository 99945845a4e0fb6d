import type Decimal from 'decimal.js';
import type { Side, TimeInForce } from '../venue';
import { chainOrderFields } from './codec';
import type { ParadexSigner } from './signer';
import { modifyOrderTypedData, orderTypedData } from './typed-data';

/** A new order, already rounded to the market's step and tick, ready to sign. */
export interface PreparedOrder {
  /** Paradex market, e.g. `ETH-USD-PERP`. */
  market: string;
  side: Side;
  type: 'LIMIT' | 'MARKET';
  /** Base units, a multiple of the step size. */
  size: Decimal;
  /** USDC, a multiple of the tick size; null for MARKET (Paradex MARKET orders carry no price). */
  price: Decimal | null;
  /** Ignored for MARKET. */
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  clientId: string;
}

/** What signing needs from `/system/config` (paradex.md §2). */
export interface ChainParams {
  /** `starknet_chain_id`, e.g. `PRIVATE_SN_PARACLEAR_MAINNET`. */
  chainId: string;
  /** `paraclear_decimals` (8). */
  decimals: number;
}

/**
 * The JSON body of `POST /orders` (paradex.md §5, paradex-py
 * `requests.OrderRequest`): human decimals for `size` and `price`,
 * `instruction` GTC / IOC / POST_ONLY (MARKET: GTC, as ccxt sends it),
 * `flags: ["REDUCE_ONLY"]` when reduce-only, `client_id`, and the StarkNet
 * signature over the `Order` typed data with `signature_timestamp` (ms) as
 * its nonce. A MARKET order has no `price` field (signed as "0"), as ccxt
 * sends it.
 */
export function signedOrderBody(order: PreparedOrder, signer: ParadexSigner, chain: ChainParams, timestampMs: number): Record<string, unknown> {
  const fields = chainOrderFields({ market: order.market, side: order.side, type: order.type, size: order.size, price: order.price, timestampMs }, chain.decimals);
  const body: Record<string, unknown> = {
    market: order.market,
    side: order.side === 'buy' ? 'BUY' : 'SELL',
    type: order.type,
    size: order.size.toFixed(),
    instruction: order.type === 'MARKET' ? 'GTC' : order.timeInForce,
    client_id: order.clientId,
    signature: signer.sign(orderTypedData(chain.chainId, fields)),
    signature_timestamp: timestampMs,
  };
  if (order.type === 'LIMIT' && order.price !== null) body.price = order.price.toFixed();
  if (order.reduceOnly) body.flags = ['REDUCE_ONLY'];
  return body;
}

/**
 * The JSON body of `PUT /orders/{id}` (paradex.md §5 "Modify"): `{id, market,
 * side, type, size, price, signature, signature_timestamp}`, signed over
 * `ModifyOrder` (the Order fields plus `id`).
 */
export function signedModifyBody(
  change: { id: string; market: string; side: Side; size: Decimal; price: Decimal },
  signer: ParadexSigner,
  chain: ChainParams,
  timestampMs: number,
): Record<string, unknown> {
  const fields = chainOrderFields({ market: change.market, side: change.side, type: 'LIMIT', size: change.size, price: change.price, timestampMs }, chain.decimals);
  return {
    id: change.id,
    market: change.market,
    side: change.side === 'buy' ? 'BUY' : 'SELL',
    type: 'LIMIT',
    size: change.size.toFixed(),
    price: change.price.toFixed(),
    signature: signer.sign(modifyOrderTypedData(chain.chainId, { ...fields, id: change.id })),
    signature_timestamp: timestampMs,
  };
}
