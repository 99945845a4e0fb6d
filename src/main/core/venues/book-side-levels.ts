import type Decimal from 'decimal.js';
import { sweep, type DepthToSize, type Sweep } from './book-depth';
import type { BookLevel } from './venue';

/** How many different sizes one side remembers depth results for before it forgets them all. */
const MAX_CACHED_SIZES = 16;

/** The live side each current (shared) level array belongs to; see {@link depthToSize}. */
const liveSides = new WeakMap<readonly BookLevel[], BookSideLevels>();

/**
 * What `size` base units would take from one side of a book, best level
 * first (bids for a sell, asks for a buy); see {@link DepthToSize}.
 *
 * When `levels` is the current side of a live book (a `BookSnapshot`'s
 * `bids` / `asks` the book has not changed since), the result is that
 * side's, kept incrementally: remembered per size and recomputed only after a
 * change at or before the last level it read. Any other array is walked.
 * @param levels one side of a book, best first.
 * @param size base units to cover; must not be negative.
 * @throws RangeError when `size` is negative.
 */
export function depthToSize(levels: readonly BookLevel[], size: Decimal): DepthToSize {
  const side = liveSides.get(levels);
  return side ? side.depthToSize(size) : sweep(levels, size).depth;
}

/**
 * One side of an L2 book kept sorted best first (bids highest price first,
 * asks lowest first): binary-search set and delete by Decimal comparison
 * (so `3000`, `3000.0` and `3000.00` are one level), O(1) best level.
 *
 * {@link view} hands out the sorted array itself, without copying; the next
 * change after a view copies the array first (copy on write), so every view
 * stays the side as it was when taken. Level objects are never mutated: a
 * size change replaces the level.
 *
 * Depth-to-size results are remembered per size and dropped by a change only
 * when it lands within the levels they read (or they did not fill).
 */
export class BookSideLevels {
  private levels: BookLevel[] = [];
  private viewed = false;
  private readonly depths = new Map<string, Sweep>();

  /** @param descending true for bids (highest price first), false for asks (lowest first). */
  constructor(private readonly descending: boolean) {
    liveSides.set(this.levels, this);
  }

  /** The best level, undefined on an empty side. */
  get best(): BookLevel | undefined {
    return this.levels[0];
  }

  /** Number of price levels. */
  get size(): number {
    return this.levels.length;
  }

  /** The side now, best first; unchanged by later updates (copy on write). */
  view(): readonly BookLevel[] {
    this.viewed = true;
    return this.levels;
  }

  /** What `size` base units would take from this side (remembered until a change reaches it). @throws RangeError when `size` is negative. */
  depthToSize(size: Decimal): DepthToSize {
    const key = size.toString();
    const known = this.depths.get(key);
    if (known) return known.depth;
    const result = sweep(this.levels, size);
    if (this.depths.size >= MAX_CACHED_SIZES) this.depths.clear();
    this.depths.set(key, result);
    return result.depth;
  }

  /** Removes every level. */
  clear(): void {
    this.replaceArray([]);
    this.depths.clear();
  }

  /** Sets the level at `price` to `size` (base units), inserting it in order; a zero size removes it. */
  set(price: Decimal, size: Decimal): void {
    if (size.isZero()) {
      this.delete(price);
      return;
    }
    const i = this.lowerBound(price);
    const levels = this.writableAt(i);
    const level = { price, size };
    if (i < levels.length && levels[i]!.price.eq(price)) levels[i] = level;
    else levels.splice(i, 0, level);
  }

  /** Removes the level at `price`; no-op when absent. */
  delete(price: Decimal): void {
    const i = this.lowerBound(price);
    if (i < this.levels.length && this.levels[i]!.price.eq(price)) this.writableAt(i).splice(i, 1);
  }

  /** Index of the first level not better than `price` (where `price` is or would be inserted). */
  private lowerBound(price: Decimal): number {
    const { levels, descending } = this;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = levels[mid]!.price.comparedTo(price);
      if (descending ? cmp > 0 : cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The array to change at index `i`: a copy when the current one was viewed; drops the depth results the change reaches. */
  private writableAt(i: number): BookLevel[] {
    for (const [key, known] of this.depths) if (!known.depth.complete || i < known.reach) this.depths.delete(key);
    if (this.viewed) this.replaceArray(this.levels.slice());
    return this.levels;
  }

  private replaceArray(levels: BookLevel[]): void {
    liveSides.delete(this.levels);
    this.levels = levels;
    this.viewed = false;
    liveSides.set(levels, this);
  }
}
