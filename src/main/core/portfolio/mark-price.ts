import type Decimal from 'decimal.js';
import type { BookSnapshot, Position } from '../venues/venue';

/**
 * The mark of a live book: the mid of the best bid and ask (USDC); the one
 * best price when a side is empty; null when both are.
 */
export function bookMid(book: Pick<BookSnapshot, 'bids' | 'asks'>): Decimal | null {
  const bid = book.bids[0]?.price ?? null;
  const ask = book.asks[0]?.price ?? null;
  if (bid && ask) return bid.plus(ask).div(2);
  return bid ?? ask;
}

/**
 * The mark a venue valued a position at, derived from its report:
 * entry + unrealized PnL / size (USDC per base unit). For a position whose
 * book is not live yet. Null for a zero size.
 */
export function markFromPnl(position: Pick<Position, 'size' | 'entryPrice' | 'unrealizedPnl'>): Decimal | null {
  if (position.size.isZero()) return null;
  return position.entryPrice.plus(position.unrealizedPnl.div(position.size));
}

/** Unrealized PnL of a position at `mark`: size × (mark − entry), USDC. */
export function unrealizedPnlAt(position: Pick<Position, 'size' | 'entryPrice'>, mark: Decimal): Decimal {
  return position.size.times(mark.minus(position.entryPrice));
}
