import Decimal from 'decimal.js';
import type { BookSnapshot, TimeInForce } from '../../venues/venue';
import type { PrimaryTimeInForce } from './config-schema';

/**
 * The venue time in force of a primary slice. GTC, IOC and post-only map
 * one to one. Lighter has no fill-or-kill: FOK is sent as IOC, and only
 * when {@link fokCovered} says the visible book covers the whole slice at its
 * limit price; should the book change in between, what fills is hedged like
 * any partial fill and the rest is cancelled by the IOC.
 */
export function venueTimeInForce(tif: PrimaryTimeInForce): TimeInForce {
  return tif === 'FOK' ? 'IOC' : tif;
}

/**
 * True when the resting liquidity on the other side at or better than `price`
 * adds up to at least `size` (base units): asks ≤ price for a buy, bids ≥
 * price for a sell.
 */
export function fokCovered(book: BookSnapshot, side: 'buy' | 'sell', price: Decimal, size: Decimal): boolean {
  const levels = side === 'buy' ? book.asks.filter((l) => l.price.lte(price)) : book.bids.filter((l) => l.price.gte(price));
  return levels.reduce((sum, l) => sum.plus(l.size), new Decimal(0)).gte(size);
}
