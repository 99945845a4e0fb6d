import Decimal from 'decimal.js';
import type { Order, OrderStatus, TimeInForce } from '../venue';
import type { LighterOrder, LighterOrderStatus } from './wire';
import { kindOfOrderStatus } from './errors';

/** Statuses that mean the venue refused the order (lighter.md §1.6): `rejected` when nothing filled. */
const REFUSALS: ReadonlySet<string> = new Set<LighterOrderStatus>([
  'canceled-post-only',
  'canceled-reduce-only',
  'canceled-position-not-allowed',
  'canceled-margin-not-allowed',
  'canceled-invalid-balance',
]);

/**
 * Lighter's `Order.status` (lighter.md §1.6) → {@link OrderStatus}:
 * `in-progress`/`pending` → pending; `open` → open, or partially_filled once
 * something filled; `filled` → filled; a refusal (`canceled-post-only`,
 * `-reduce-only`, `-position-not-allowed`, `-margin-not-allowed`,
 * `-invalid-balance`) → rejected when nothing filled; every other
 * `canceled*` → canceled. Unknown strings count as pending.
 */
export function toOrderStatus(status: string, filled: Decimal): OrderStatus {
  if (status === 'open') return filled.gt(0) ? 'partially_filled' : 'open';
  if (status === 'filled') return 'filled';
  if (REFUSALS.has(status) && filled.isZero()) return 'rejected';
  if (status.startsWith('canceled')) return 'canceled';
  return 'pending';
}

/** Lighter's `time_in_force` string → {@link TimeInForce} (good-till-time is HedgeDesk's GTC), §1.6. */
export function toTimeInForce(tif: string): TimeInForce {
  if (tif === 'immediate-or-cancel') return 'IOC';
  if (tif === 'post-only') return 'POST_ONLY';
  return 'GTC';
}

/**
 * A Lighter timestamp in Unix ms. Order `timestamp` / `created_at` / `updated_at` are Unix
 * **seconds** (real payloads, e.g. `1766387932` in ccxt's recorded orders; ccxt parses them with
 * safeTimestamp), trade timestamps ms: values below 10^12 are taken as seconds.
 */
export function toMs(timestamp: number): number {
  return timestamp < 1e12 ? timestamp * 1000 : timestamp;
}

/**
 * A Lighter `Order` (§1.6) as an {@link Order}. `venueOrderId` is the
 * exchange order index (`order_id`); the caller's client order id is looked up
 * from `client_order_index`; side from `is_ask`; average fill price =
 * filled_quote_amount / filled_base_amount; `statusReason` is the raw status
 * for every `canceled*` outcome (e.g. `canceled-post-only`) and `rejection`
 * its typed kind ({@link kindOfOrderStatus}).
 */
export function toOrder(o: LighterOrder, symbol: string, clientOrderIdOf: (index: number) => string | null): Order {
  const filled = new Decimal(o.filled_base_amount);
  return {
    symbol,
    venueOrderId: o.order_id,
    clientOrderId: clientOrderIdOf(o.client_order_index),
    side: o.is_ask ? 'sell' : 'buy',
    type: o.type === 'market' ? 'market' : 'limit',
    timeInForce: toTimeInForce(o.time_in_force),
    reduceOnly: o.reduce_only,
    price: new Decimal(o.price),
    size: new Decimal(o.initial_base_amount),
    filledSize: filled,
    avgFillPrice: filled.gt(0) ? new Decimal(o.filled_quote_amount).div(filled) : null,
    status: toOrderStatus(o.status, filled),
    statusReason: o.status.startsWith('canceled') ? o.status : null,
    rejection: kindOfOrderStatus(o.status),
    updatedAt: toMs(o.updated_at ?? o.timestamp),
  };
}
