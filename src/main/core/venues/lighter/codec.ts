/**
 * The one place where Lighter's integer scaling happens (lighter.md §3.2,
 * §3.3, §8): human sizes and prices (decimal.js) → the integers `BaseAmount`
 * and `Price` of a signed transaction, with Lighter's range checks and the
 * market minimums checked before anything is sent.
 *
 * - `BaseAmount = size × 10^size_decimals`, rounded **down** to the step: an
 *   order is never larger than asked.
 * - `Price = price × 10^price_decimals`, rounded to the tick on the side that
 *   protects the caller: buy **down**, sell **up**. For a limit price that
 *   means never paying more / selling for less than asked; for a market
 *   order's worst price (§3.4) it means the slippage bound is never loosened
 *   by rounding (at most one tick tighter), as `venue.ts` promises.
 * - Ranges: BaseAmount 1 … 2^48−1, Price 1 … 2^32−1 (§3.2).
 * - Minimums: size ≥ `min_base_amount` and size × price ≥ `min_quote_amount`
 *   (→ BelowMinSizeError); size × price ≤ `order_quote_limit` when the market
 *   caps it (→ InvalidOrderError), §8.
 */
import Decimal from 'decimal.js';
import type { Market, Side } from '../venue';
import { BelowMinSizeError, InvalidOrderError } from '../venue-errors';

/** Largest BaseAmount (and client order index): 2^48 − 1 (lighter.md §3.2). */
export const MAX_BASE_AMOUNT = 2 ** 48 - 1;
/** Largest Price / TriggerPrice: 2^32 − 1 (uint32, lighter.md §3.2). */
export const MAX_PRICE = 2 ** 32 - 1;

/** Integers for the wire plus the human values they stand for. */
export interface EncodedAmounts {
  /** size × 10^size_decimals. */
  baseAmount: number;
  /** price × 10^price_decimals. */
  price: number;
  /** The size actually sent (base units), ≤ the size asked. */
  size: Decimal;
  /** The price actually sent (USDC). */
  priceValue: Decimal;
}

/** The scaling a codec needs: a market's decimals and limits. */
export type MarketScale = Pick<Market, 'symbol' | 'sizeDecimals' | 'priceDecimals' | 'minBaseAmount' | 'minNotional' | 'maxNotional'>;

/**
 * Size → BaseAmount, rounded down to the step.
 * @throws InvalidOrderError when size is not positive or BaseAmount > 2^48 − 1.
 * @throws BelowMinSizeError when the size rounds down to zero.
 */
export function encodeSize(size: Decimal, market: MarketScale): { baseAmount: number; size: Decimal } {
  if (!size.isFinite() || size.lte(0)) throw new InvalidOrderError('lighter', `${market.symbol}: size must be positive, got ${size.toString()}`);
  const rounded = size.toDecimalPlaces(market.sizeDecimals, Decimal.ROUND_DOWN);
  const units = rounded.times(Decimal.pow(10, market.sizeDecimals));
  if (units.lt(1)) {
    throw new BelowMinSizeError('lighter', `${market.symbol}: size ${size.toString()} is below one step (${Decimal.pow(10, -market.sizeDecimals).toString()})`);
  }
  if (units.gt(MAX_BASE_AMOUNT)) throw new InvalidOrderError('lighter', `${market.symbol}: size ${size.toString()} exceeds BaseAmount 2^48−1`);
  return { baseAmount: units.toNumber(), size: rounded };
}

/**
 * Price → Price integer, rounded to the tick: buy down, sell up (see the module comment).
 * @throws InvalidOrderError when the price is not positive or falls outside 1 … 2^32 − 1 ticks.
 */
export function encodePrice(price: Decimal, side: Side, market: MarketScale): { price: number; priceValue: Decimal } {
  if (!price.isFinite() || price.lte(0)) throw new InvalidOrderError('lighter', `${market.symbol}: price must be positive, got ${price.toString()}`);
  const roundUp = side === 'sell';
  const rounded = price.toDecimalPlaces(market.priceDecimals, roundUp ? Decimal.ROUND_UP : Decimal.ROUND_DOWN);
  const ticks = rounded.times(Decimal.pow(10, market.priceDecimals));
  if (ticks.lt(1) || ticks.gt(MAX_PRICE)) {
    throw new InvalidOrderError('lighter', `${market.symbol}: price ${price.toString()} outside 1…2^32−1 ticks of ${Decimal.pow(10, -market.priceDecimals).toString()}`);
  }
  return { price: ticks.toNumber(), priceValue: rounded };
}

/**
 * Encodes an order's size and price and checks the market's minimums and
 * notional cap on the rounded values (the notional uses the price sent: the
 * limit price, or the worst price of a market order).
 * @throws BelowMinSizeError below `min_base_amount` or `min_quote_amount`.
 * @throws InvalidOrderError on bad values, out-of-range integers, or above `order_quote_limit`.
 */
export function encodeOrderAmounts(size: Decimal, price: Decimal, side: Side, market: MarketScale): EncodedAmounts {
  const s = encodeSize(size, market);
  const p = encodePrice(price, side, market);
  if (s.size.lt(market.minBaseAmount)) {
    throw new BelowMinSizeError('lighter', `${market.symbol}: size ${s.size.toString()} below the minimum ${market.minBaseAmount.toString()}`);
  }
  const notional = s.size.times(p.priceValue);
  if (notional.lt(market.minNotional)) {
    throw new BelowMinSizeError('lighter', `${market.symbol}: notional ${notional.toString()} USDC below the minimum ${market.minNotional.toString()}`);
  }
  if (market.maxNotional !== null && notional.gt(market.maxNotional)) {
    throw new InvalidOrderError('lighter', `${market.symbol}: notional ${notional.toString()} USDC above the per-order cap ${market.maxNotional.toString()}`);
  }
  return { baseAmount: s.baseAmount, price: p.price, size: s.size, priceValue: p.priceValue };
}
