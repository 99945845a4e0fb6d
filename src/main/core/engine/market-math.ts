import Decimal from 'decimal.js';
import type { Market } from '../venues/venue';

/** `value` rounded down to a multiple of `step` (step > 0). */
export function floorToStep(value: Decimal, step: Decimal): Decimal {
  return value.div(step).floor().times(step);
}

/** `value` rounded up to a multiple of `step` (step > 0). */
export function ceilToStep(value: Decimal, step: Decimal): Decimal {
  return value.div(step).ceil().times(step);
}

/**
 * The smallest order size (base units) the market accepts at `price` (USDC):
 * at least its minimum base amount and, at that price, its minimum notional,
 * on the step grid.
 */
export function minOrderSize(market: Market, price: Decimal): Decimal {
  const forNotional = price.gt(0) ? ceilToStep(market.minNotional.div(price), market.stepSize) : market.minBaseAmount;
  return Decimal.max(market.minBaseAmount, forNotional, market.stepSize);
}

/**
 * A price `bps` basis points away from `reference`, on the tick grid,
 * rounded towards the passive side: down for a buy, up for a sell.
 * Positive `bps` moves it up, negative down.
 */
export function offsetPrice(reference: Decimal, bps: number, side: 'buy' | 'sell', tickSize: Decimal): Decimal {
  const raw = reference.times(new Decimal(bps).div(10_000).plus(1));
  const rounded = side === 'buy' ? floorToStep(raw, tickSize) : ceilToStep(raw, tickSize);
  return Decimal.max(rounded, tickSize);
}
