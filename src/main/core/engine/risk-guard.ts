import Decimal from 'decimal.js';
import type { Clock } from '../clock';
import type { Fill, Order, PlaceOrderRequest, Position } from '../venues/venue';
import { RiskRejectedError } from './engine-errors';
import { isStricter, type RiskMode } from './risk-mode';

/** The run's risk limits (set by the strategy from its config and the markets). */
export interface RiskLimits {
  /** The tolerated |uncovered| size (base units) of `symbol` at `price` — one minimum order. */
  boundSize(symbol: string, price: Decimal): Decimal;
  /** |uncovered| × price (USDC) above which the run halts. */
  haltAboveUsdc: Decimal;
}

/** Exposure of one symbol across the run's accounts; sizes signed, base units; price USDC. */
export interface ExposureValue {
  symbol: string;
  /** Σ filled sizes (and positions held at start). */
  net: Decimal;
  /** Signed size of hedges sent and not yet filled. */
  pending: Decimal;
  /** net + pending: what in-flight hedges will not cover. */
  uncovered: Decimal;
  /** The tolerated |uncovered|. */
  bound: Decimal;
  /** Last fill price (or reference price); 0 before any. */
  price: Decimal;
}

/**
 * How long a symbol's net exposure (fills only: hedges sent or queued do not
 * count) may stay beyond one minimum order before the run gets stricter, ms.
 */
export interface NakedLimits {
  /** Then the run becomes reducing-only (default {@link DEFAULT_NAKED_LIMITS}). */
  reduceAfterMs: number;
  /** Then the run is halted (flattened). */
  haltAfterMs: number;
}

/** 10 s naked → reducing-only, 60 s → halted: a hedge that cannot be covered stops the run instead of waiting. */
export const DEFAULT_NAKED_LIMITS: NakedLimits = { reduceAfterMs: 10_000, haltAfterMs: 60_000 };

/** Construction of a {@link RiskGuard}. */
export interface RiskGuardOptions {
  limits: RiskLimits;
  /** Time of the naked-exposure bound ({@link RiskGuard.checkNaked}); without it only size limits apply. */
  clock?: Clock;
  naked?: NakedLimits;
  /** Mode to start in (a resumed run keeps its stored mode). */
  initialMode?: RiskMode;
  /** Called after the mode became stricter. */
  onModeChange(from: RiskMode, to: RiskMode, reason: string): void;
  /** Called after the naked-time bound made the mode stricter (after {@link onModeChange}): hedges could not cover a fill in time. */
  onNaked?(to: RiskMode, reason: string): void;
  /** Called by {@link RiskGuard.publish} with every symbol's exposure and the symbols that changed. */
  onExposure(all: ExposureValue[], changed: ReadonlySet<string>): void;
}

/** A hedge in flight: its signed size, how much of it filled so far, and its final filled size once it ended. */
interface InFlight {
  signed: Decimal;
  seen: Decimal;
  endedAt: Decimal | null;
}

interface SymbolBook {
  net: Decimal;
  pending: Map<string, InFlight>;
  price: Decimal;
  /** Since when (clock ms) |net| has been beyond the bound; null while within. */
  nakedSince: number | null;
}

/** Signed size still expected to fill: (final or full size − seen), with the hedge's sign; zero or less means done. */
function expected(h: InFlight): Decimal {
  const left = (h.endedAt ?? h.signed.abs()).minus(h.seen);
  return h.signed.isNegative() ? left.neg() : left;
}

const ZERO = new Decimal(0);
const TERMINAL = new Set<Order['status']>(['filled', 'canceled', 'rejected']);
const hedgeKey = (accountId: string, clientOrderId: string) => `${accountId}\u0000${clientOrderId}`;
/** Key of an account's hedge debt queued in the hedge executor (no client order id yet). */
const queuedKey = (accountId: string) => `${accountId}\u0000queued`;

/**
 * Tracks a run's net exposure per symbol across its accounts — from fills,
 * as they are recorded, and hedges in flight — and how much the run may still
 * trade ({@link RiskMode}). Whenever the strategy has handled an event it
 * calls {@link publish}: an |uncovered| exposure above one minimum order makes
 * the run reducing-only, above `haltAboveUsdc` halts it; a net exposure left
 * naked beyond one minimum order for too long does the same
 * ({@link checkNaked}). Every order passes {@link check} before it is sent.
 */
export class RiskGuard {
  private current: RiskMode;
  private readonly books = new Map<string, SymbolBook>();
  private readonly changed = new Set<string>();

  constructor(private readonly opts: RiskGuardOptions) {
    this.current = opts.initialMode ?? 'normal';
  }

  /** The current mode. */
  get mode(): RiskMode {
    return this.current;
  }

  /** Adds positions held before trading (reconciliation), so net exposure starts from what the venue reported. */
  seedPositions(positions: readonly Position[]): void {
    for (const p of positions) {
      this.recordPositionChange(p.symbol, p.size);
      if (this.book(p.symbol).price.isZero()) this.book(p.symbol).price = p.entryPrice;
    }
  }

  /** Adds a position change that came as no fill (a fill the stream missed, found by reconciliation): signed, base units. */
  recordPositionChange(symbol: string, delta: Decimal): void {
    const book = this.book(symbol);
    book.net = book.net.plus(delta);
    this.markNaked(symbol, book);
    this.changed.add(symbol);
  }

  /** Sets the reference price of a symbol (used for notionals until the first fill). */
  setPrice(symbol: string, price: Decimal): void {
    this.book(symbol).price = price;
  }

  /** Applies a recorded fill: net exposure moves by its signed size; a hedge in flight shrinks by it. */
  recordFill(accountId: string, fill: Fill): void {
    const book = this.book(fill.symbol);
    const signed = fill.side === 'buy' ? fill.size : fill.size.neg();
    book.net = book.net.plus(signed);
    book.price = fill.price;
    this.markNaked(fill.symbol, book);
    if (fill.clientOrderId !== null) {
      const key = hedgeKey(accountId, fill.clientOrderId);
      const hedge = book.pending.get(key);
      if (hedge) {
        hedge.seen = hedge.seen.plus(fill.size);
        if (!expected(hedge).abs().gt(0)) book.pending.delete(key);
      }
    }
    this.changed.add(fill.symbol);
  }

  /** Registers a hedge order about to be sent: `signedSize` (sell negative) counts as pending until filled or ended. */
  expectHedge(accountId: string, clientOrderId: string, symbol: string, signedSize: Decimal): void {
    this.book(symbol).pending.set(hedgeKey(accountId, clientOrderId), { signed: signedSize, seen: ZERO, endedAt: null });
    this.changed.add(symbol);
  }

  /**
   * Sets what an account's hedge executor still owes on `symbol` beyond the
   * orders it has in flight (signed, base units; zero clears it): counted as
   * pending like a hedge sent, because the executor retries it until
   * covered. The naked-time bound ({@link checkNaked}) catches it when it
   * never is.
   */
  setQueuedHedge(accountId: string, symbol: string, signedSize: Decimal): void {
    const book = this.book(symbol);
    const key = queuedKey(accountId);
    const before = book.pending.get(key)?.signed ?? ZERO;
    if (signedSize.isZero()) book.pending.delete(key);
    else book.pending.set(key, { signed: signedSize, seen: ZERO, endedAt: null });
    if (!before.eq(signedSize)) this.changed.add(symbol);
  }

  /**
   * The time bound: a symbol whose net exposure from fills (hedges in flight
   * or queued not counted) has been beyond one minimum order for longer than
   * `naked.reduceAfterMs` makes the run reducing-only, longer than
   * `naked.haltAfterMs` halts it. Called on every {@link publish} and
   * periodically by the engine (the exposure may stay naked with no event).
   * A no-op without a clock.
   */
  checkNaked(): void {
    const clock = this.opts.clock;
    if (!clock) return;
    const now = clock.now();
    const limits = this.opts.naked ?? DEFAULT_NAKED_LIMITS;
    for (const [symbol, book] of this.books) {
      this.markNaked(symbol, book);
      if (book.nakedSince === null) continue;
      const bound = this.opts.limits.boundSize(symbol, book.price);
      const forMs = now - book.nakedSince;
      const what = `${symbol}: net exposure ${book.net} beyond one minimum order (${bound}) for ${(forMs / 1000).toFixed(1)} s`;
      const to: RiskMode | null = forMs >= limits.haltAfterMs ? 'halted' : forMs >= limits.reduceAfterMs ? 'reducing-only' : null;
      if (!to) continue;
      const reason = to === 'halted' ? `${what}: hedges could not cover it` : `${what}: no new entries until it is covered`;
      if (this.escalate(to, reason)) this.opts.onNaked?.(to, reason);
    }
  }

  /** Forgets a hedge that was not sent (the venue refused it). */
  dropHedge(accountId: string, clientOrderId: string, symbol: string): void {
    if (this.book(symbol).pending.delete(hedgeKey(accountId, clientOrderId))) this.changed.add(symbol);
  }

  /**
   * Applies an order update: a hedge that ended (filled, cancelled,
   * rejected) stays pending only for the part that filled and whose fills
   * have not arrived yet.
   */
  recordOrder(accountId: string, order: Order): void {
    if (!TERMINAL.has(order.status) || order.clientOrderId === null) return;
    const book = this.book(order.symbol);
    const key = hedgeKey(accountId, order.clientOrderId);
    const hedge = book.pending.get(key);
    if (!hedge) return;
    hedge.endedAt = order.filledSize;
    if (!expected(hedge).abs().gt(0)) book.pending.delete(key);
    this.changed.add(order.symbol);
  }

  /** The exposure of one symbol. */
  exposure(symbol: string): ExposureValue {
    const book = this.book(symbol);
    let pending = ZERO;
    for (const h of book.pending.values()) pending = pending.plus(expected(h));
    return {
      symbol,
      net: book.net,
      pending,
      uncovered: book.net.plus(pending),
      bound: this.opts.limits.boundSize(symbol, book.price),
      price: book.price,
    };
  }

  /** Every tracked symbol's exposure, by symbol name. */
  all(): ExposureValue[] {
    return [...this.books.keys()].sort().map((s) => this.exposure(s));
  }

  /**
   * Refuses an order the mode does not allow: in `halted` anything but
   * reduce-only; in `reducing-only` anything that is neither reduce-only nor
   * against the symbol's uncovered exposure (at most its size).
   * @throws RiskRejectedError
   */
  check(order: PlaceOrderRequest): void {
    if (this.current === 'normal' || order.reduceOnly) return;
    if (this.current === 'halted') throw new RiskRejectedError(`the run is halted: only reduce-only orders are sent (refused ${order.side} ${order.size} ${order.symbol})`);
    const { uncovered } = this.exposure(order.symbol);
    const reduces = order.side === 'sell' ? uncovered.gt(0) : uncovered.lt(0);
    if (!reduces || order.size.gt(uncovered.abs())) {
      throw new RiskRejectedError(`the run is reducing-only: ${order.side} ${order.size} ${order.symbol} would not reduce its net exposure (${uncovered})`);
    }
  }

  /** Makes the run stricter (never looser); returns true when the mode changed. */
  escalate(to: RiskMode, reason: string): boolean {
    if (!isStricter(to, this.current)) return false;
    const from = this.current;
    this.current = to;
    this.opts.onModeChange(from, to, reason);
    return true;
  }

  /**
   * Checks every symbol against the limits (escalating when exceeded) and,
   * when anything changed since the last call, reports the exposures. Call it
   * after handling an event, when hedges for it have been sent.
   */
  publish(): ExposureValue[] {
    this.checkNaked();
    const all = this.all();
    for (const e of all) {
      const usdc = e.uncovered.abs().times(e.price);
      if (usdc.gt(this.opts.limits.haltAboveUsdc)) {
        this.escalate('halted', `${e.symbol}: uncovered exposure ${e.uncovered} (${usdc.toDecimalPlaces(2)} USDC) above the halt limit of ${this.opts.limits.haltAboveUsdc} USDC`);
      } else if (e.uncovered.abs().gt(e.bound)) {
        this.escalate('reducing-only', `${e.symbol}: uncovered exposure ${e.uncovered} above one minimum order (${e.bound})`);
      }
    }
    if (this.changed.size === 0) return all;
    const changed = new Set(this.changed);
    this.changed.clear();
    this.opts.onExposure(all, changed);
    return all;
  }

  /** Starts (or ends) the naked time of a symbol as its net exposure leaves (or re-enters) one minimum order. */
  private markNaked(symbol: string, book: SymbolBook): void {
    if (!this.opts.clock) return;
    if (book.net.abs().gt(this.opts.limits.boundSize(symbol, book.price))) book.nakedSince ??= this.opts.clock.now();
    else book.nakedSince = null;
  }

  private book(symbol: string): SymbolBook {
    let b = this.books.get(symbol);
    if (!b) this.books.set(symbol, (b = { net: ZERO, pending: new Map(), price: ZERO, nakedSince: null }));
    return b;
  }
}
