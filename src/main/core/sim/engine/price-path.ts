import Decimal from 'decimal.js';
import type { Prng } from './prng';

/**
 * Where a simulated market's mid price goes next: a seeded random walk or a
 * replayed series. Prices in USDC.
 */
export interface PricePath {
  /** The current price. */
  current(): Decimal;
  /** Moves to the price for time `now` (Unix ms) and returns it. */
  next(now: number): Decimal;
  /** Overrides the current price (admin / tests); a random walk continues from it. */
  set(price: Decimal): void;
}

/** One row of a replayed series. */
export interface PricePoint {
  /** Unix ms (only differences between rows matter). */
  timestamp: number;
  price: Decimal;
}

/** Smallest price a random walk may reach (keeps it strictly positive). */
const FLOOR = new Decimal('1e-9');

/**
 * A multiplicative random walk: each step multiplies the price by
 * (1 + u × volatility), u uniform in [−1, 1) from the seeded generator.
 */
export class RandomWalk implements PricePath {
  private price: Decimal;
  private readonly volatility: Decimal;

  /**
   * @param start Starting price (USDC, > 0).
   * @param random Seeded generator (see `prng.ts`).
   * @param volatilityBps Largest move per step, in basis points (default 5).
   */
  constructor(
    start: Decimal,
    private readonly random: Prng,
    volatilityBps = 5,
  ) {
    this.price = start;
    this.volatility = new Decimal(volatilityBps).div(10_000);
  }

  current(): Decimal {
    return this.price;
  }

  next(): Decimal {
    const u = new Decimal((this.random() * 2 - 1).toFixed(12));
    this.price = Decimal.max(this.price.mul(u.mul(this.volatility).add(1)).toSignificantDigits(16), FLOOR);
    return this.price;
  }

  set(price: Decimal): void {
    this.price = price;
  }
}

/**
 * Replays a recorded series against the clock: the price at `now` is the
 * last row whose offset from the first row is ≤ now − `startedAt`; after the
 * last row the price stays there. `set` overrides the price until the next row.
 */
export class ReplayPath implements PricePath {
  private readonly points: PricePoint[];
  private index = 0;
  private price: Decimal;

  /**
   * @param points At least one row; sorted by timestamp here.
   * @param startedAt Clock time (Unix ms) that maps to the first row.
   * @throws Error for an empty series.
   */
  constructor(
    points: readonly PricePoint[],
    private readonly startedAt: number,
  ) {
    if (points.length === 0) throw new Error('a replayed price series needs at least one row');
    this.points = [...points].sort((a, b) => a.timestamp - b.timestamp);
    this.price = this.points[0]!.price;
  }

  current(): Decimal {
    return this.price;
  }

  next(now: number): Decimal {
    const first = this.points[0]!.timestamp;
    let i = this.index;
    while (i + 1 < this.points.length && this.points[i + 1]!.timestamp - first <= now - this.startedAt) i++;
    if (i !== this.index) {
      this.index = i;
      this.price = this.points[i]!.price;
    }
    return this.price;
  }

  set(price: Decimal): void {
    this.price = price;
  }
}

/**
 * Parses CSV text with rows `timestamp,price` (Unix ms, decimal USDC). A
 * header line and blank lines are skipped.
 * @throws Error naming the first bad line, or when no row is found.
 */
export function parsePriceCsv(text: string): PricePoint[] {
  const points: PricePoint[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const [ts, price, ...rest] = trimmed.split(',').map((s) => s.trim());
    if (i === 0 && !/^\d+$/.test(ts ?? '')) return;
    const ok = rest.length === 0 && /^\d+$/.test(ts ?? '') && /^\d+(\.\d+)?$/.test(price ?? '') && new Decimal(price!).gt(0);
    if (!ok) throw new Error(`price CSV line ${i + 1}: expected "timestamp,price", got "${trimmed}"`);
    points.push({ timestamp: Number(ts), price: new Decimal(price!) });
  });
  if (points.length === 0) throw new Error('price CSV has no rows');
  return points;
}
