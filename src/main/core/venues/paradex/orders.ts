import Decimal from 'decimal.js';
import type { Order, OrderStatus, TimeInForce } from '../venue';
import { kindOfCancelReason } from './errors';
import type { ParadexOrder } from './wire';

/**
 * Paradex order status (paradex.md §5) → {@link OrderStatus}: NEW and
 * UNTRIGGERED → pending; OPEN → open, or partially_filled once something
 * filled; CLOSED → filled when nothing remains, rejected when the
 * `cancel_reason` is a refusal ({@link kindOfCancelReason}: margin,
 * post-only crossing, reduce-only…) and nothing filled, else canceled.
 */
export function toOrderStatus(o: Pick<ParadexOrder, 'status' | 'cancel_reason'>, filled: Decimal, remaining: Decimal): OrderStatus {
  switch (o.status) {
    case 'OPEN':
      return filled.gt(0) ? 'partially_filled' : 'open';
    case 'CLOSED':
      if (remaining.isZero() && filled.gt(0)) return 'filled';
      if (filled.isZero() && kindOfCancelReason(o.cancel_reason) !== null) return 'rejected';
      return 'canceled';
    default:
      return 'pending';
  }
}

/** Paradex `instruction` (GTC, IOC, POST_ONLY, RPI; empty = GTC) → {@link TimeInForce}; MARKET orders are IOC. */
export function toTimeInForce(type: string, instruction: string | null | undefined): TimeInForce {
  if (type === 'MARKET' || instruction === 'IOC') return 'IOC';
  if (instruction === 'POST_ONLY') return 'POST_ONLY';
  return 'GTC';
}

/**
 * A Paradex order object (paradex.md §5) as an {@link Order} of app symbol
 * `symbol`: filled = size − remaining_size; price 0 for a MARKET order (it
 * has none); reduce-only from `flags`; `statusReason` = `cancel_reason` and
 * `rejection` its typed kind once CLOSED.
 */
export function toOrder(o: ParadexOrder, symbol: string): Order {
  const size = new Decimal(o.size);
  const remaining = new Decimal(o.remaining_size);
  const filled = Decimal.max(0, size.minus(remaining));
  const reason = o.cancel_reason ? o.cancel_reason : null;
  return {
    symbol,
    venueOrderId: o.id,
    clientOrderId: o.client_id ? o.client_id : null,
    side: o.side === 'BUY' ? 'buy' : 'sell',
    type: o.type === 'MARKET' ? 'market' : 'limit',
    timeInForce: toTimeInForce(o.type, o.instruction),
    reduceOnly: (o.flags ?? []).includes('REDUCE_ONLY'),
    price: new Decimal(o.price ?? 0),
    size,
    filledSize: filled,
    avgFillPrice: filled.gt(0) && o.avg_fill_price !== null ? new Decimal(o.avg_fill_price) : null,
    status: toOrderStatus(o, filled, remaining),
    statusReason: o.status === 'CLOSED' ? reason : null,
    rejection: o.status === 'CLOSED' && filled.lt(size) ? kindOfCancelReason(reason) : null,
    updatedAt: o.last_updated_at ?? o.created_at,
  };
}
