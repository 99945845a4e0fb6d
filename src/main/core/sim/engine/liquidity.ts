import Decimal from 'decimal.js';
import type { MatchingEngine } from './matching-engine';
import { ceilToStep, floorToStep, minimumSize, type MarketSpec } from './market-spec';
import type { Side } from './order';
import { RandomWalk, ReplayPath, type PricePath, type PricePoint } from './price-path';
import { deriveSeed, mulberry32, type Prng } from './prng';
import type { SimClock } from './sim-clock';

/** Options of {@link SyntheticLiquidity}. */
export interface LiquidityOptions {
  engine: MatchingEngine;
  clock: SimClock;
  /** The sim's own market-maker accounts, already opened in the engine as `unlimited`. */
  makerAccounts: readonly number[];
  /** Master seed; each market gets its own derived stream. */
  seed: number;
  /** Starting mid per market id (USDC). Markets without one are never quoted. */
  initialMids: ReadonlyMap<number, Decimal>;
  /** Replayed series per market id, used instead of the random walk. */
  replay?: ReadonlyMap<number, readonly PricePoint[]>;
  /** Ladder refresh period, ms (default 1000). */
  refreshMs?: number;
  /** Price levels per maker per side (default 5). */
  levels?: number;
  /** Largest random-walk move per refresh, basis points (default 5). */
  volatilityBps?: number;
  /** Distance of the first level from the mid, basis points (default 2; at least one tick). */
  spreadBps?: number;
  /** Distance between levels, basis points (default 1; at least one tick). */
  levelGapBps?: number;
  /** Level size, in multiples of the market's minimum order size (default 10; × 1–3 at random). */
  sizeScale?: number;
}

interface QuotedMarket {
  spec: MarketSpec;
  path: PricePath;
  random: Prng;
}

/**
 * Synthetic liquidity: a few market-maker ladders (accounts owned by the sim)
 * around a mid price that follows a seeded random walk or a replayed series.
 * On every refresh (a timer of the injected clock) each active market's mid
 * moves one step, the mark is set to it, and every maker's ladder is
 * cancelled and re-quoted as GTT limit orders, so resting user orders the
 * price moves through get filled. Same seed, same clock steps → same books.
 */
export class SyntheticLiquidity {
  private readonly quoted = new Map<number, QuotedMarket>();
  private readonly refreshMs: number;
  private readonly levels: number;
  private readonly spreadBps: Decimal;
  private readonly gapBps: Decimal;
  private readonly sizeScale: number;
  private stopTimer: (() => void) | null = null;

  constructor(private readonly opts: LiquidityOptions) {
    this.refreshMs = opts.refreshMs ?? 1000;
    this.levels = opts.levels ?? 5;
    this.spreadBps = new Decimal(opts.spreadBps ?? 2);
    this.gapBps = new Decimal(opts.levelGapBps ?? 1);
    this.sizeScale = opts.sizeScale ?? 10;
  }

  /**
   * Starts quoting a market (idempotent) and quotes it at once. Ignored for
   * markets that are unknown, not active, or have no starting mid.
   */
  activate(marketId: number): void {
    if (this.quoted.has(marketId)) return;
    const spec = this.opts.engine.market(marketId);
    const start = this.opts.initialMids.get(marketId);
    if (!spec || spec.status !== 'active' || !start) return;
    const random = mulberry32(deriveSeed(this.opts.seed, marketId));
    const series = this.opts.replay?.get(marketId);
    const path = series ? new ReplayPath(series, this.opts.clock.now()) : new RandomWalk(start, random, this.opts.volatilityBps);
    this.quoted.set(marketId, { spec, path, random });
    this.requote(marketId);
  }

  /** Starts the refresh timer (idempotent). */
  start(): void {
    this.stopTimer ??= this.opts.clock.every(this.refreshMs, () => this.step());
  }

  /** Stops the refresh timer; the ladders stay in the book. */
  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  /** One refresh: every active market's mid moves a step and its ladders are re-quoted. */
  step(): void {
    const now = this.opts.clock.now();
    for (const [marketId, q] of this.quoted) {
      q.path.next(now);
      this.requote(marketId);
    }
  }

  /**
   * Sets a market's mid (USDC), activating it if needed, and re-quotes it now.
   * @throws Error for a market that cannot be quoted (unknown or not active) or a price ≤ 0.
   */
  setMid(marketId: number, price: Decimal): void {
    if (!price.gt(0)) throw new Error('mid price must be positive');
    this.activate(marketId);
    const q = this.quoted.get(marketId);
    if (!q) throw new Error(`market ${marketId} cannot be quoted (unknown, inactive or without a starting price)`);
    q.path.set(price);
    this.requote(marketId);
  }

  /** The market's current mid (USDC), or null when it is not quoted. */
  mid(marketId: number): Decimal | null {
    return this.quoted.get(marketId)?.path.current() ?? null;
  }

  private requote(marketId: number): void {
    const { spec, path, random } = this.quoted.get(marketId)!;
    const { engine, makerAccounts } = this.opts;
    const mid = path.current();
    engine.setMark(marketId, Decimal.max(floorToStep(mid, spec.tickSize), spec.tickSize));
    for (const maker of makerAccounts) engine.cancelAll(maker, marketId);
    const first = this.ticks(mid, this.spreadBps, spec);
    const gap = this.ticks(mid, this.gapBps, spec);
    const bidTop = floorToStep(mid, spec.tickSize);
    const askTop = ceilToStep(mid, spec.tickSize);
    for (let level = 0; level < this.levels; level++) {
      makerAccounts.forEach((maker, k) => {
        const offset = first.add(gap.mul(level)).add(k).mul(spec.tickSize);
        this.quote(spec, maker, 'buy', bidTop.sub(offset), random);
        this.quote(spec, maker, 'sell', askTop.add(offset), random);
      });
    }
  }

  /** `bps` of `mid` expressed in whole ticks, at least 1. */
  private ticks(mid: Decimal, bps: Decimal, spec: MarketSpec): Decimal {
    return Decimal.max(mid.mul(bps).div(10_000).div(spec.tickSize).ceil(), 1);
  }

  private quote(spec: MarketSpec, maker: number, side: Side, price: Decimal, random: Prng): void {
    if (!price.gt(0)) return;
    const size = minimumSize(spec, price).mul(this.sizeScale * (1 + Math.floor(random() * 3)));
    this.opts.engine.submit({
      accountId: maker,
      marketId: spec.id,
      clientOrderId: 0,
      side,
      type: 'limit',
      timeInForce: 'GTT',
      price,
      size,
      reduceOnly: false,
      expiresAt: 0,
    });
  }
}
