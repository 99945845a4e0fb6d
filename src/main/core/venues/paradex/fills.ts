import Decimal from 'decimal.js';
import type { Fill } from '../venue';
import type { ParadexFill } from './wire';

/**
 * A Paradex fill (paradex.md §6 `GET /fills`, `fills.{market}` channel) as a
 * {@link Fill} of app symbol `symbol`: `fillId` = the fill's `id`, fee in
 * USDC as Paradex charged it (negative = rebate), maker/taker from `liquidity`.
 */
export function toFill(f: ParadexFill, symbol: string): Fill {
  return {
    fillId: f.id,
    symbol,
    venueOrderId: f.order_id,
    clientOrderId: f.client_id ? f.client_id : null,
    side: f.side === 'BUY' ? 'buy' : 'sell',
    price: new Decimal(f.price),
    size: new Decimal(f.size),
    fee: new Decimal(f.fee),
    liquidity: f.liquidity === 'MAKER' ? 'maker' : 'taker',
    timestamp: f.created_at,
  };
}
