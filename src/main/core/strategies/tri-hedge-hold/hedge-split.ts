import Decimal from 'decimal.js';
import { floorToStep } from '../../engine/market-math';

const ZERO = new Decimal(0);

/** What the hedgers of one symbol must trade now. Sizes signed (sell negative), base units, on the step grid. */
export interface HedgePlanInput {
  /** New amount owed by the hedgers together: −fill for an entry fill (they sell), +fill for an exit fill (they buy back). */
  owed: Decimal;
  /** Amounts each hedger carries from earlier hedges (below one minimum order). */
  carry: ReadonlyMap<string, Decimal>;
  /** The two hedgers; the first gets `ratio` of the total. */
  hedgers: readonly [string, string];
  /** The first hedger's share, 0–1 (drawn from random_split_range). */
  ratio: Decimal;
  /** One minimum order at the hedge's price (base units). */
  minSize: Decimal;
  /** The market's step size. */
  step: Decimal;
  /** Largest |size| each hedger may trade (reduce-only buy-backs: its short); absent = no limit. */
  capacity?: ReadonlyMap<string, Decimal>;
}

/**
 * The legs to send (signed sizes) and what each hedger carries afterwards.
 * `beyondCapacity` marks a leg larger than the hedger's capacity: it cannot
 * be reduce-only (see {@link planHedge}).
 */
export interface HedgePlan {
  legs: { accountId: string; size: Decimal; beyondCapacity: boolean }[];
  carry: Map<string, Decimal>;
}

/**
 * Splits what the hedgers owe (new + carried) between them.
 * - Total below one minimum order: nothing is sent; it is carried, split by
 *   the ratio (net exposure stays below one minimum order).
 * - Otherwise the total is split by the ratio (first share rounded down to
 *   the step). A share below one minimum order goes to the other hedger, so
 *   everything owed is sent and nothing is carried.
 * - With capacities (reduce-only buy-backs) a share above a hedger's
 *   capacity moves to the other; what neither can take is carried. When the
 *   capacities leave both shares below one minimum order although the total
 *   is not, the whole total goes to the hedger with the larger capacity as
 *   one leg beyond its capacity (not reduce-only): it ends with a position of
 *   less than one minimum order on the other side, and the run's net
 *   exposure stays covered.
 */
export function planHedge(input: HedgePlanInput): HedgePlan {
  const [first, second] = input.hedgers;
  let total = input.owed;
  for (const h of input.hedgers) total = total.plus(input.carry.get(h) ?? ZERO);
  const sign = total.isNegative() ? -1 : 1;
  const magnitude = total.abs();
  if (magnitude.lt(input.minSize)) {
    const a = floorToStep(magnitude.times(input.ratio), input.step);
    return { legs: [], carry: new Map([[first, a.times(sign)], [second, magnitude.minus(a).times(sign)]]) };
  }
  const cap = (h: string) => input.capacity?.get(h) ?? magnitude;
  let a = floorToStep(magnitude.times(input.ratio), input.step);
  let b = magnitude.minus(a);
  if (a.lt(input.minSize)) [a, b] = [ZERO, magnitude];
  else if (b.lt(input.minSize)) [a, b] = [magnitude, ZERO];
  if (a.gt(cap(first))) [a, b] = [cap(first), b.plus(a.minus(cap(first)))];
  if (b.gt(cap(second))) [a, b] = [Decimal.min(cap(first), a.plus(b.minus(cap(second)))), cap(second)];
  const carry = new Map<string, Decimal>([[first, ZERO], [second, ZERO]]);
  if (a.lt(input.minSize) && b.lt(input.minSize)) {
    const larger = cap(first).gte(cap(second)) ? first : second;
    return { legs: [{ accountId: larger, size: magnitude.times(sign), beyondCapacity: true }], carry };
  }
  const carried = magnitude.minus(a).minus(b);
  const legs: HedgePlan['legs'] = [];
  for (const [h, size] of [[first, a], [second, b]] as const) {
    if (size.gte(input.minSize)) legs.push({ accountId: h, size: size.times(sign), beyondCapacity: false });
    else carry.set(h, carry.get(h)!.plus(size.times(sign)));
  }
  if (carried.gt(0)) carry.set(first, carry.get(first)!.plus(carried.times(sign)));
  return { legs, carry };
}
