import Decimal from 'decimal.js';
import type { BestBidAsk, Side } from '../venue';
import { InvalidOrderError } from '../venue-errors';

/** How a Venue `type:'market'` order is sent to Paradex. */
export type MarketOrderMode = 'native' | 'limit-emulation';

/** The seed bot's market-order emulation settings. */
export interface MarketEmulation {
  /** Fraction beyond the best price, e.g. 0.005 = 0.5 % (default). */
  offset: Decimal;
  /** A still-open emulated order is cancelled after this long, ms (default 10 s, as in the seed). */
  cancelAfterMs: number;
}

/** Defaults of {@link MarketEmulation}. */
export const DEFAULT_MARKET_EMULATION: MarketEmulation = { offset: new Decimal('0.005'), cancelAfterMs: 10_000 };

/**
 * The limit price of an emulated market order (the seed bot's emulation):
 * best ask × (1 + offset) for a buy, best bid × (1 − offset) for a sell, and
 * never beyond the caller's worst price (`worst`, the Venue seam's slippage
 * bound): a buy is capped at `worst`, a sell floored at it. The order is sent
 * as a plain limit **IOC** — not post-only, which Paradex would reject when
 * it crosses, as the seed's did.
 * @throws InvalidOrderError when the side of the book it needs is empty.
 */
export function emulatedLimitPrice(best: BestBidAsk, side: Side, offset: Decimal, worst: Decimal): Decimal {
  if (side === 'buy') {
    if (best.ask === null) throw new InvalidOrderError('paradex', `${best.symbol}: no ask to price an emulated market buy`);
    return Decimal.min(best.ask.times(offset.plus(1)), worst);
  }
  if (best.bid === null) throw new InvalidOrderError('paradex', `${best.symbol}: no bid to price an emulated market sell`);
  return Decimal.max(best.bid.times(new Decimal(1).minus(offset)), worst);
}
