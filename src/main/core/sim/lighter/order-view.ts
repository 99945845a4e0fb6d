import Decimal from 'decimal.js';
import type { EngineOrder, EngineTimeInForce } from '../engine/order';
import type { OrderMeta } from './lighter-exchange';
import type { LighterMarket } from './markets';

/**
 * Lighter's `Order` object (REST accountActiveOrders / accountInactiveOrders,
 * WS account_all_orders / account_orders), field names and types as in
 * lighter.md §1.6 and the SDK model: amounts are decimal strings in human
 * units, `base_size`/`base_price` the scaled integers, times in ms
 * (`transaction_time` in µs).
 */
export interface LighterOrderJson {
  order_index: number;
  client_order_index: number;
  order_id: string;
  client_order_id: string;
  market_index: number;
  owner_account_index: number;
  initial_base_amount: string;
  price: string;
  nonce: number;
  remaining_base_amount: string;
  is_ask: boolean;
  base_size: number;
  base_price: number;
  filled_base_amount: string;
  filled_quote_amount: string;
  side: string;
  type: 'limit' | 'market';
  time_in_force: 'good-till-time' | 'immediate-or-cancel' | 'post-only';
  reduce_only: boolean;
  trigger_price: string;
  order_expiry: number;
  status: string;
  trigger_status: 'na';
  trigger_time: number;
  parent_order_index: number;
  parent_order_id: string;
  to_trigger_order_id_0: string;
  to_trigger_order_id_1: string;
  to_cancel_order_id_0: string;
  block_height: number;
  /** Unix **seconds** (real payloads: `"timestamp": 1766387932`, ccxt's parseOrder; trades use ms). */
  timestamp: number;
  /** Unix seconds. */
  created_at: number;
  /** Unix seconds. */
  updated_at: number;
  /** Unix µs. */
  transaction_time: number;
  integrator_fee_collector_index: string;
  integrator_maker_fee: string;
  integrator_taker_fee: string;
  order_flags: number;
  order_version: number;
}

const TIME_IN_FORCE: Record<EngineTimeInForce, LighterOrderJson['time_in_force']> = {
  GTT: 'good-till-time',
  IOC: 'immediate-or-cancel',
  POST_ONLY: 'post-only',
};

/** Unix ms → Unix s, as Lighter's order `timestamp` / `created_at` / `updated_at` carry (lighter.md update, Dec 2026). */
function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/**
 * Lighter's order status for an engine order (lighter.md §1.6): `open`,
 * `filled`, `canceled` (by its owner), or the `canceled-*` reason:
 * post-only → canceled-post-only, reduce-only → canceled-reduce-only,
 * margin → canceled-margin-not-allowed, self-trade → canceled-self-trade,
 * expired → canceled-expired, no-liquidity → canceled-not-enough-liquidity,
 * price-bound → canceled-too-much-slippage.
 */
export function lighterOrderStatus(order: EngineOrder): string {
  if (order.status !== 'canceled') return order.status;
  switch (order.cancelReason) {
    case 'post-only':
      return 'canceled-post-only';
    case 'reduce-only':
      return 'canceled-reduce-only';
    case 'margin':
      return 'canceled-margin-not-allowed';
    case 'self-trade':
      return 'canceled-self-trade';
    case 'expired':
      return 'canceled-expired';
    case 'no-liquidity':
      return 'canceled-not-enough-liquidity';
    case 'price-bound':
      return 'canceled-too-much-slippage';
    default:
      return 'canceled';
  }
}

/** An engine order as Lighter's `Order` JSON. */
export function toLighterOrder(order: EngineOrder, market: LighterMarket, meta: OrderMeta): LighterOrderJson {
  const sd = market.sizeDecimals;
  const pd = market.priceDecimals;
  return {
    order_index: order.id,
    client_order_index: order.clientOrderId,
    order_id: String(order.id),
    client_order_id: String(order.clientOrderId),
    market_index: order.marketId,
    owner_account_index: order.accountId,
    initial_base_amount: order.size.toFixed(sd),
    price: order.price.toFixed(pd),
    nonce: meta.nonce,
    remaining_base_amount: order.remaining.toFixed(sd),
    is_ask: order.side === 'sell',
    base_size: order.remaining.mul(new Decimal(10).pow(sd)).toNumber(),
    base_price: order.price.mul(new Decimal(10).pow(pd)).toNumber(),
    filled_base_amount: order.filled.toFixed(sd),
    filled_quote_amount: order.filledQuote.toFixed(6),
    side: '',
    type: order.type,
    time_in_force: TIME_IN_FORCE[order.timeInForce],
    reduce_only: order.reduceOnly,
    trigger_price: new Decimal(0).toFixed(pd),
    order_expiry: order.expiresAt,
    status: lighterOrderStatus(order),
    trigger_status: 'na',
    trigger_time: 0,
    parent_order_index: 0,
    parent_order_id: '0',
    to_trigger_order_id_0: '0',
    to_trigger_order_id_1: '0',
    to_cancel_order_id_0: '0',
    block_height: meta.blockHeight,
    timestamp: unixSeconds(order.updatedAt),
    created_at: unixSeconds(order.createdAt),
    updated_at: unixSeconds(order.updatedAt),
    transaction_time: meta.transactionTime,
    integrator_fee_collector_index: '0',
    integrator_maker_fee: '0',
    integrator_taker_fee: '0',
    order_flags: 0,
    order_version: 0,
  };
}
