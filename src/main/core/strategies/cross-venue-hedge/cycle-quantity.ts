import Decimal from 'decimal.js';
import { floorToStep } from '../../engine/market-math';
import type { Market } from '../../venues/venue';

/** One venue's side of a quantity computation: its name (for messages), market and mid price (USDC). */
export interface QuantityVenue {
  /** Who this is, for error messages, e.g. `lighter account "Paper A"`. */
  name: string;
  market: Market;
  mid: Decimal;
}

/** A cycle quantity that one venue cannot trade (below its minimum size or notional). The message names the venue and the numbers. */
export class CycleQuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CycleQuantityError';
  }
}

/**
 * The smallest size both venues can trade in whole steps: the coarser of the
 * two step sizes, or their least common multiple when neither is a multiple
 * of the other (e.g. 0.0004 and 0.0006 → 0.0012). Base units.
 */
export function commonStep(a: Decimal, b: Decimal): Decimal {
  const places = Math.max(a.decimalPlaces(), b.decimalPlaces());
  const scale = new Decimal(10).pow(places);
  const x = BigInt(a.times(scale).toFixed(0));
  const y = BigInt(b.times(scale).toFixed(0));
  const gcd = (p: bigint, q: bigint): bigint => (q === 0n ? p : gcd(q, p % q));
  return new Decimal(((x / gcd(x, y)) * y).toString()).div(scale);
}

/**
 * The quantity of both legs of a cycle (base units): `margin` (USDC) divided
 * by the average of the two mids, rounded down to {@link commonStep}, so the
 * same size is valid on both venues.
 * @throws CycleQuantityError when the quantity is below either venue's
 *   minimum size (`minBaseAmount`) or, at that venue's mid, its minimum
 *   notional — naming the venue, the quantity and the minimum.
 */
export function cycleQuantity(margin: Decimal, legs: readonly [QuantityVenue, QuantityVenue]): Decimal {
  const [a, b] = legs;
  const average = a.mid.plus(b.mid).div(2);
  const step = commonStep(a.market.stepSize, b.market.stepSize);
  const size = floorToStep(margin.div(average), step);
  for (const leg of legs) {
    const { market, mid, name } = leg;
    if (size.lt(market.minBaseAmount) || size.isZero()) {
      throw new CycleQuantityError(
        `margin ${margin} USDC buys ${size} ${market.symbol} at the average mid ${average.toDecimalPlaces(4)} (step ${step}), below the minimum size of ${market.minBaseAmount} ${market.symbol} on ${name}`,
      );
    }
    const notional = size.times(mid);
    if (notional.lt(market.minNotional)) {
      throw new CycleQuantityError(
        `${size} ${market.symbol} is ${notional.toDecimalPlaces(4)} USDC at ${name}'s mid ${mid}, below its minimum notional of ${market.minNotional} USDC`,
      );
    }
  }
  return size;
}
