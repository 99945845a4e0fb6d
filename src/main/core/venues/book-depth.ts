import Decimal from 'decimal.js';
import type { BookLevel } from './venue';

/** What sweeping one side of a book for a given size would take. */
export interface DepthToSize {
  /** Base units the side holds toward the asked size: the size itself, or less when the side is too thin. */
  filled: Decimal;
  /** True when the side holds at least the asked size. */
  complete: boolean;
  /** Price of the last (worst) level the sweep reached; null on an empty side or a zero size. */
  worstPrice: Decimal | null;
  /** Σ price × size taken, USDC; `notional / filled` is the sweep's average price. */
  notional: Decimal;
}

/** A {@link DepthToSize} and how many levels (from the best) it read. */
export interface Sweep {
  depth: DepthToSize;
  /** Levels read, best first: the result depends on `levels[0 .. reach-1]` only (and, when incomplete, on there being no more). */
  reach: number;
}

const ZERO = new Decimal(0);

/**
 * Walks `levels` best first (bids highest first, asks lowest first, as in a
 * `BookSnapshot`) until `size` base units are covered; reads only the levels
 * the size reaches.
 * @param levels one side of a book, best first.
 * @param size base units to cover; must not be negative.
 * @throws RangeError when `size` is negative.
 */
export function sweep(levels: readonly BookLevel[], size: Decimal): Sweep {
  if (size.isNegative()) throw new RangeError(`depthToSize: size must not be negative (got ${size.toFixed()})`);
  let filled = ZERO;
  let notional = ZERO;
  let reach = 0;
  while (reach < levels.length && filled.lt(size)) {
    const level = levels[reach++]!;
    const next = filled.plus(level.size);
    if (next.lte(size)) {
      notional = notional.plus(level.price.times(level.size));
      filled = next;
    } else {
      notional = notional.plus(level.price.times(size.minus(filled)));
      filled = size;
    }
  }
  const worstPrice = reach > 0 ? levels[reach - 1]!.price : null;
  return { depth: { filled, complete: filled.gte(size), worstPrice, notional }, reach };
}
