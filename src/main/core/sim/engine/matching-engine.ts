import Decimal from 'decimal.js';
import { EventEmitter } from 'node:events';
import { Ledger, tradePosition, type LedgerAccount, type PositionState } from './ledger';
import { accountMargin, liquidationPrice, type AccountMargin, type MarketExposure } from './margin';
import { isMultipleOf, floorToStep, type MarketSpec } from './market-spec';
import type { CancelReason, EngineOrder, OrderRequest, RejectReason, Side } from './order';
import { OrderBook } from './order-book';
import { DEFAULT_SELF_TRADE_POLICY, isSelfTrade, type SelfTradePolicy } from './self-trade';
import type { EngineTrade, PositionBefore } from './trade';

/**
 * Events of a {@link MatchingEngine}, emitted synchronously while an
 * operation runs (listeners that want one message per operation coalesce,
 * e.g. with `queueMicrotask`):
 * - `order`: an order's new state (a copy) after it was placed, filled, modified or cancelled;
 * - `trade`: a fill;
 * - `level`: the total size at (market, side, price) may have changed;
 * - `account`: an account's collateral, positions or open orders changed;
 * - `mark`: a market's mark price was set.
 */
export interface EngineEvents {
  order: [EngineOrder];
  trade: [EngineTrade];
  level: [marketId: number, side: Side, price: Decimal];
  account: [accountId: number];
  mark: [marketId: number];
}

/** Options of {@link MatchingEngine}. */
export interface MatchingEngineOptions {
  markets: readonly MarketSpec[];
  /** Source of timestamps (Unix ms). */
  clock: { now(): number };
  /** First order id (Lighter uses 2^48: exchange order indexes are ≥ 2^48). Default 1. */
  firstOrderId?: number;
  /** First trade id. Default 1. */
  firstTradeId?: number;
  /** Finished orders kept per account for history queries. Default 500. */
  finishedOrdersPerAccount?: number;
  /** Trades kept for history queries. Default 20,000. */
  tradeHistory?: number;
  /**
   * The master account of an account (itself for a master), for the
   * `same-master` self-trade equality. Default: every account is its own master.
   */
  masterAccountOf?: (accountId: number) => number;
  /**
   * Called synchronously with every order and trade id just before it is
   * used, so a persistent simulator can reserve id blocks on disk first
   * (no id is then ever issued twice, even after a crash).
   */
  onIdIssued?: (kind: 'order' | 'trade', id: number) => void;
}

/** One account in an {@link EngineSnapshot}. */
export interface AccountSnapshot {
  id: number;
  collateral: Decimal;
  unlimited: boolean;
  positions: [marketId: number, position: PositionState][];
  initialMarginFractions: [marketId: number, fraction: Decimal][];
}

/**
 * What {@link MatchingEngine.snapshot} keeps of some accounts (the users'):
 * their ledger entries, resting orders in book priority, the id counters and
 * the prices — the live part of the state, small. Finished orders and trades
 * are history: the caller keeps them as they happen (events `order`, `trade`)
 * and hands them back to {@link MatchingEngine.restore}. Plain data with
 * Decimals (see `state-codec.ts`).
 */
export interface EngineSnapshot {
  nextOrderId: number;
  nextTradeId: number;
  accounts: AccountSnapshot[];
  /** Resting orders, in the order they must be re-booked (price-time priority kept). */
  openOrders: EngineOrder[];
  marks: [marketId: number, price: Decimal][];
  lastPrices: [marketId: number, price: Decimal][];
}

/** History handed to {@link MatchingEngine.restore}: finished orders and trades, each oldest first. */
export interface EngineHistory {
  finishedOrders: readonly EngineOrder[];
  trades: readonly EngineTrade[];
}

/** Options of {@link MatchingEngine.submit}. */
export interface SubmitOptions {
  /**
   * Fault injection: fill at most this fraction (0–1) of the order's size when
   * it crosses; the rest is cancelled with reason `no-liquidity`.
   */
  fillFraction?: number;
  /**
   * When the precheck fails: `reject` (default) returns the reason and books
   * nothing; `cancel` records the order as cancelled with the matching reason
   * (`reduce-only`, `margin`) when the reason is an order outcome.
   */
  onReject?: 'reject' | 'cancel';
  /** Self-trade prevention of this (incoming) order; default expire maker, same account. */
  selfTrade?: SelfTradePolicy;
}

/** Result of {@link MatchingEngine.submit} and {@link MatchingEngine.modify}. */
export type SubmitResult = { ok: true; order: EngineOrder; trades: EngineTrade[] } | { ok: false; reason: RejectReason };

type StopReason = CancelReason | 'fault' | null;

const ZERO = new Decimal(0);
const USDC_DECIMALS = 6;

function opposite(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

function crosses(side: Side, limit: Decimal, restingPrice: Decimal): boolean {
  return side === 'buy' ? restingPrice.lte(limit) : restingPrice.gte(limit);
}

/** How much of a position an order on `side` can still reduce (0 when it would only increase). */
function reducible(position: Decimal, side: Side): Decimal {
  const capacity = side === 'buy' ? position.neg() : position;
  return Decimal.max(capacity, ZERO);
}

function copy(order: EngineOrder): EngineOrder {
  return { ...order };
}

/**
 * A venue-agnostic perpetuals matching engine: one price-time-priority book
 * per market; limit GTT, IOC and post-only orders; market orders as IOC with
 * a worst-price bound; reduce-only; partial fills; self-trade prevention
 * (the incoming order's policy: expire maker / taker, cancel both or reduce,
 * by account or by master account, `self-trade.ts`); maker/taker fees; a cross-margin ledger
 * with an initial-margin check for orders that increase exposure and a
 * margin re-check at match time. All amounts are decimal.js values in human
 * units (USDC, base units).
 */
export class MatchingEngine extends EventEmitter<EngineEvents> {
  readonly ledger = new Ledger();
  private readonly clock: { now(): number };
  private readonly specs = new Map<number, MarketSpec>();
  private readonly books = new Map<number, OrderBook>();
  private readonly marks = new Map<number, Decimal>();
  private readonly lastPrices = new Map<number, Decimal>();
  private readonly orders = new Map<number, EngineOrder>();
  private readonly openIds = new Map<number, Set<number>>();
  private readonly finishedIds = new Map<number, number[]>();
  private readonly tradeLog: EngineTrade[] = [];
  private readonly finishedCap: number;
  private readonly tradeCap: number;
  private readonly masterAccountOf: (accountId: number) => number;
  private nextOrderId: number;
  private nextTradeId: number;
  private readonly onIdIssued: (kind: 'order' | 'trade', id: number) => void;

  constructor(opts: MatchingEngineOptions) {
    super();
    this.clock = opts.clock;
    this.onIdIssued = opts.onIdIssued ?? (() => {});
    for (const spec of opts.markets) {
      this.specs.set(spec.id, spec);
      this.books.set(spec.id, new OrderBook(spec.id));
    }
    this.nextOrderId = opts.firstOrderId ?? 1;
    this.nextTradeId = opts.firstTradeId ?? 1;
    this.finishedCap = opts.finishedOrdersPerAccount ?? 500;
    this.tradeCap = opts.tradeHistory ?? 20_000;
    this.masterAccountOf = opts.masterAccountOf ?? ((accountId) => accountId);
  }

  // ---------------------------------------------------------------- markets and prices

  /** The market's spec, or undefined. */
  market(marketId: number): MarketSpec | undefined {
    return this.specs.get(marketId);
  }

  /**
   * The market's book (read it, never mutate it).
   * @throws Error for an unknown market.
   */
  book(marketId: number): OrderBook {
    const book = this.books.get(marketId);
    if (!book) throw new Error(`unknown market ${marketId}`);
    return book;
  }

  /** Sets the mark price used to value positions (USDC); emits `mark`. */
  setMark(marketId: number, price: Decimal): void {
    this.marks.set(marketId, price);
    this.emit('mark', marketId);
  }

  /** Mark price: the one set, else the last trade, else the book mid or best price; null when unknown. */
  markPrice(marketId: number): Decimal | null {
    const book = this.books.get(marketId);
    return this.marks.get(marketId) ?? this.lastPrices.get(marketId) ?? book?.mid() ?? book?.best('buy')?.price ?? book?.best('sell')?.price ?? null;
  }

  /** Price of the market's last trade, or null. */
  lastTradePrice(marketId: number): Decimal | null {
    return this.lastPrices.get(marketId) ?? null;
  }

  // ---------------------------------------------------------------- accounts

  /**
   * Opens an account with `collateral` USDC; `unlimited` accounts (the sim's
   * own liquidity) skip every margin check.
   * @throws Error when the id is taken or the collateral is negative.
   */
  createAccount(accountId: number, collateral: Decimal, opts: { unlimited?: boolean } = {}): void {
    this.ledger.create(accountId, collateral, opts);
    this.emit('account', accountId);
  }

  /**
   * Funds (positive) or debits (negative) an account; returns the new collateral.
   * @throws Error for an unknown account.
   */
  adjustCollateral(accountId: number, delta: Decimal): Decimal {
    const collateral = this.ledger.adjustCollateral(accountId, delta);
    this.emit('account', accountId);
    return collateral;
  }

  /** The account's initial margin fraction in a market (its leverage choice, else the market default). */
  initialMarginFraction(accountId: number, marketId: number): Decimal {
    const chosen = this.ledger.get(accountId)?.initialMarginFractions.get(marketId);
    return chosen ?? this.specs.get(marketId)?.defaultInitialMarginFraction ?? ZERO;
  }

  /**
   * Changes the account's leverage in a market; refused (false) when the
   * account would then be below its initial margin.
   * @throws Error for an unknown account or market.
   */
  setInitialMarginFraction(accountId: number, marketId: number, fraction: Decimal): boolean {
    const account = this.requireAccount(accountId);
    const spec = this.specs.get(marketId);
    if (!spec) throw new Error(`unknown market ${marketId}`);
    const previous = account.initialMarginFractions.get(marketId);
    this.ledger.setInitialMarginFraction(accountId, marketId, fraction);
    const m = this.margin(accountId);
    if (!account.unlimited && fraction.gt(previous ?? spec.defaultInitialMarginFraction) && m.available.isNeg()) {
      if (previous) this.ledger.setInitialMarginFraction(accountId, marketId, previous);
      else account.initialMarginFractions.delete(marketId);
      return false;
    }
    this.emit('account', accountId);
    return true;
  }

  /**
   * The account's margin summary at current mark prices.
   * @throws Error for an unknown account.
   */
  margin(accountId: number): AccountMargin {
    return accountMargin(this.requireAccount(accountId).collateral, this.exposures(accountId));
  }

  /** Estimated liquidation price of the account's position in a market; null when flat. */
  liquidationPrice(accountId: number, marketId: number): Decimal | null {
    const account = this.requireAccount(accountId);
    return liquidationPrice(account.collateral, this.exposures(accountId), marketId);
  }

  /** Markets where the account has a position or resting orders, with their margin inputs. */
  exposures(accountId: number, excludeOrderId?: number): MarketExposure[] {
    const account = this.ledger.get(accountId);
    if (!account) return [];
    const byMarket = new Map<number, { buy: Decimal; sell: Decimal }>();
    for (const id of account.positions.keys()) byMarket.set(id, { buy: ZERO, sell: ZERO });
    for (const id of this.openIds.get(accountId) ?? []) {
      const o = this.orders.get(id);
      if (!o || o.id === excludeOrderId) continue;
      const sums = byMarket.get(o.marketId) ?? { buy: ZERO, sell: ZERO };
      if (!o.reduceOnly) sums[o.side] = sums[o.side].add(o.remaining);
      byMarket.set(o.marketId, sums);
    }
    return [...byMarket].map(([marketId, open]) => this.exposure(accountId, marketId, open.buy, open.sell));
  }

  // ---------------------------------------------------------------- orders

  /** An order by id (open, or finished and still in the history), as a copy. */
  order(orderId: number): EngineOrder | undefined {
    const o = this.orders.get(orderId);
    return o && copy(o);
  }

  /** The account's resting orders (optionally of one market), oldest first, as copies. */
  openOrders(accountId: number, marketId?: number): EngineOrder[] {
    return [...(this.openIds.get(accountId) ?? [])]
      .map((id) => this.orders.get(id)!)
      .filter((o) => marketId === undefined || o.marketId === marketId)
      .map(copy);
  }

  /** The account's finished orders still in the history, newest first, as copies. */
  finishedOrders(accountId: number): EngineOrder[] {
    return [...(this.finishedIds.get(accountId) ?? [])]
      .reverse()
      .map((id) => this.orders.get(id))
      .filter((o): o is EngineOrder => o !== undefined)
      .map(copy);
  }

  /** The account's resting order with this client order id, or undefined. */
  openOrderByClientId(accountId: number, clientOrderId: number): EngineOrder | undefined {
    for (const id of this.openIds.get(accountId) ?? []) {
      const o = this.orders.get(id)!;
      if (o.clientOrderId === clientOrderId) return copy(o);
    }
    return undefined;
  }

  /** Trades still in the history, oldest first. */
  trades(): readonly EngineTrade[] {
    return this.tradeLog;
  }

  /**
   * Checks an order against the market rules and the account's state without
   * booking anything; null when it would be accepted. `excludeOrderId` leaves
   * one resting order out of the margin sums (used when modifying it).
   */
  precheck(req: OrderRequest, excludeOrderId?: number): RejectReason | null {
    const spec = this.specs.get(req.marketId);
    if (!spec) return 'unknown-market';
    const account = this.ledger.get(req.accountId);
    if (!account) return 'unknown-account';
    if (spec.status === 'inactive') return 'market-inactive';
    if (spec.status === 'reduce-only' && !req.reduceOnly) return 'market-reduce-only';
    if (!req.size.gt(0) || !isMultipleOf(req.size, spec.stepSize)) return 'invalid-size';
    if (!req.price.gt(0) || !isMultipleOf(req.price, spec.tickSize)) return 'invalid-price';
    const quote = req.size.mul(req.price);
    if (req.size.lt(spec.minBaseAmount) || quote.lt(spec.minQuoteAmount)) return 'below-minimum';
    if (spec.maxQuoteAmount && quote.gt(spec.maxQuoteAmount)) return 'above-maximum';
    if (req.reduceOnly) {
      return reducible(this.ledger.position(req.accountId, req.marketId).size, req.side).isZero() ? 'reduce-only-increases' : null;
    }
    if (account.unlimited) return null;
    const before = this.exposures(req.accountId, excludeOrderId);
    const idx = before.findIndex((e) => e.marketId === req.marketId);
    const current = idx >= 0 ? before[idx]! : this.exposure(req.accountId, req.marketId, ZERO, ZERO);
    const withOrder: MarketExposure = {
      ...current,
      price: current.price ?? req.price,
      openBuy: req.side === 'buy' ? current.openBuy.add(req.size) : current.openBuy,
      openSell: req.side === 'sell' ? current.openSell.add(req.size) : current.openSell,
    };
    const after = idx >= 0 ? before.map((e, i) => (i === idx ? withOrder : e)) : [...before, withOrder];
    const mBefore = accountMargin(account.collateral, before);
    const mAfter = accountMargin(account.collateral, after);
    return mAfter.initialMargin.gt(mBefore.initialMargin) && mAfter.available.isNeg() ? 'insufficient-margin' : null;
  }

  /**
   * Places an order: prechecks it, matches it against the book (price-time
   * priority, at the resting orders' prices) and rests what is left of a GTT
   * order. Emits `trade`, `order`, `level` and `account` events on the way.
   */
  submit(req: OrderRequest, opts: SubmitOptions = {}): SubmitResult {
    const reason = this.precheck(req);
    const now = this.clock.now();
    if (reason) {
      const outcome = opts.onReject === 'cancel' ? this.rejectAsCancel(reason) : null;
      if (!outcome) return { ok: false, reason };
      const order = this.newOrder(req, now);
      this.finish(order, outcome);
      return { ok: true, order: copy(order), trades: [] };
    }
    const order = this.newOrder(req, now);
    const trades = this.execute(order, opts.fillFraction, opts.selfTrade);
    return { ok: true, order: copy(order), trades };
  }

  /**
   * Changes a resting order's price and remaining size. Reducing the size at
   * the same price keeps its time priority; anything else re-queues it (and
   * it may then match, or be cancelled if post-only and crossing).
   * Returns null when the account has no such resting order. `selfTrade` applies when the
   * re-queued order matches (default expire maker, same account).
   */
  modify(accountId: number, orderId: number, price: Decimal, remaining: Decimal, selfTrade?: SelfTradePolicy): SubmitResult | null {
    const order = this.orders.get(orderId);
    if (!order || order.accountId !== accountId || order.status !== 'open') return null;
    const req: OrderRequest = { ...order, price, size: remaining };
    const reason = this.precheck(req, order.id);
    if (reason) return { ok: false, reason };
    const book = this.book(order.marketId);
    order.updatedAt = this.clock.now();
    if (price.eq(order.price) && remaining.lte(order.remaining)) {
      order.size = order.filled.add(remaining);
      order.remaining = remaining;
      this.emit('level', order.marketId, order.side, order.price);
      this.emit('order', copy(order));
      this.emit('account', accountId);
      return { ok: true, order: copy(order), trades: [] };
    }
    book.remove(order);
    this.emit('level', order.marketId, order.side, order.price);
    order.price = price;
    order.size = order.filled.add(remaining);
    order.remaining = remaining;
    const trades = this.execute(order, undefined, selfTrade);
    return { ok: true, order: copy(order), trades };
  }

  /**
   * Cancels one of the account's resting orders; returns its final state, or
   * null when the account has no such resting order.
   */
  cancel(accountId: number, orderId: number, reason: CancelReason = 'canceled'): EngineOrder | null {
    const order = this.orders.get(orderId);
    if (!order || order.accountId !== accountId || order.status !== 'open') return null;
    this.cancelResting(order, reason);
    return copy(order);
  }

  /** Cancels every resting order of the account (optionally in one market); returns them. */
  cancelAll(accountId: number, marketId?: number, reason: CancelReason = 'canceled'): EngineOrder[] {
    const cancelled: EngineOrder[] = [];
    for (const id of [...(this.openIds.get(accountId) ?? [])]) {
      const order = this.orders.get(id)!;
      if (marketId !== undefined && order.marketId !== marketId) continue;
      this.cancelResting(order, reason);
      cancelled.push(copy(order));
    }
    return cancelled;
  }

  /** Cancels (reason `expired`) every resting order whose `expiresAt` has passed; returns them. */
  expireDue(): EngineOrder[] {
    const now = this.clock.now();
    const expired: EngineOrder[] = [];
    for (const ids of this.openIds.values()) {
      for (const id of [...ids]) {
        const order = this.orders.get(id)!;
        if (order.expiresAt > 0 && order.expiresAt <= now) {
          this.cancelResting(order, 'expired');
          expired.push(copy(order));
        }
      }
    }
    return expired;
  }

  // ---------------------------------------------------------------- persistence

  /**
   * The live state of the accounts `keep` selects (the users'; the sim's own
   * market makers re-quote after a restart): see {@link EngineSnapshot}.
   */
  snapshot(keep: (accountId: number) => boolean): EngineSnapshot {
    const accounts = this.ledger
      .ids()
      .filter(keep)
      .map((id) => {
        const a = this.ledger.get(id)!;
        return { id, collateral: a.collateral, unlimited: a.unlimited, positions: [...a.positions], initialMarginFractions: [...a.initialMarginFractions] };
      });
    const openOrders: EngineOrder[] = [];
    for (const book of this.books.values()) {
      for (const side of ['buy', 'sell'] as const) {
        for (const level of book.levels(side)) for (const o of level.orders) if (keep(o.accountId)) openOrders.push(copy(o));
      }
    }
    return { nextOrderId: this.nextOrderId, nextTradeId: this.nextTradeId, accounts, openOrders, marks: [...this.marks], lastPrices: [...this.lastPrices] };
  }

  /**
   * The finished orders and trades of the accounts `keep` selects still in
   * the bounded history (what a compacted history file keeps), oldest first.
   */
  history(keep: (accountId: number) => boolean): EngineHistory {
    const finishedOrders = [...this.finishedIds]
      .filter(([accountId]) => keep(accountId))
      .flatMap(([, ids]) => ids.map((id) => this.orders.get(id)).filter((o): o is EngineOrder => o !== undefined).map(copy))
      .sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
    return { finishedOrders, trades: this.tradeLog.filter((t) => keep(t.takerAccountId) || keep(t.makerAccountId)) };
  }

  /**
   * Loads a {@link snapshot} and its history into this engine before
   * anything else is booked for those accounts: accounts (created), resting
   * orders (re-booked in the saved priority, no matching; one that the
   * history shows finished is not re-booked), history, prices. Id counters
   * never go back: each continues beyond the saved one, every id in the
   * history and `idFloor`.
   * @throws Error for an account that exists already or an order in an unknown market.
   */
  restore(s: EngineSnapshot, history: EngineHistory, idFloor: { order?: number; trade?: number } = {}): void {
    for (const a of s.accounts) {
      const account = this.ledger.create(a.id, a.collateral, { unlimited: a.unlimited });
      for (const [marketId, p] of a.positions) account.positions.set(marketId, { ...p });
      for (const [marketId, f] of a.initialMarginFractions) account.initialMarginFractions.set(marketId, f);
    }
    const finished = new Set(history.finishedOrders.map((o) => o.id));
    for (const o of s.openOrders) {
      if (finished.has(o.id)) continue;
      const order = { ...o, status: 'open' as const };
      this.book(order.marketId).add(order);
      this.orders.set(order.id, order);
      let open = this.openIds.get(order.accountId);
      if (!open) this.openIds.set(order.accountId, (open = new Set()));
      open.add(order.id);
    }
    for (const o of history.finishedOrders) {
      this.orders.set(o.id, { ...o });
      let ids = this.finishedIds.get(o.accountId);
      if (!ids) this.finishedIds.set(o.accountId, (ids = []));
      ids.push(o.id);
      while (ids.length > this.finishedCap) this.orders.delete(ids.shift()!);
    }
    this.tradeLog.push(...[...history.trades].sort((a, b) => a.id - b.id).slice(-this.tradeCap));
    for (const [id, p] of s.marks) this.marks.set(id, p);
    for (const [id, p] of s.lastPrices) this.lastPrices.set(id, p);
    const maxOrder = [...history.finishedOrders, ...s.openOrders].reduce((m, o) => Math.max(m, o.id + 1), 0);
    const maxTrade = history.trades.reduce((m, t) => Math.max(m, t.id + 1), 0);
    this.nextOrderId = Math.max(this.nextOrderId, s.nextOrderId, maxOrder, idFloor.order ?? 0);
    this.nextTradeId = Math.max(this.nextTradeId, s.nextTradeId, maxTrade, idFloor.trade ?? 0);
    for (const a of s.accounts) this.emit('account', a.id);
  }

  // ---------------------------------------------------------------- internals

  private requireAccount(accountId: number): LedgerAccount {
    const account = this.ledger.get(accountId);
    if (!account) throw new Error(`unknown account ${accountId}`);
    return account;
  }

  private exposure(accountId: number, marketId: number, openBuy: Decimal, openSell: Decimal): MarketExposure {
    const spec = this.specs.get(marketId)!;
    return {
      marketId,
      position: this.ledger.position(accountId, marketId),
      openBuy,
      openSell,
      price: this.markPrice(marketId),
      initialMarginFraction: this.initialMarginFraction(accountId, marketId),
      maintenanceMarginFraction: spec.maintenanceMarginFraction,
    };
  }

  private rejectAsCancel(reason: RejectReason): CancelReason | null {
    if (reason === 'reduce-only-increases') return 'reduce-only';
    if (reason === 'insufficient-margin') return 'margin';
    return null;
  }

  private newOrder(req: OrderRequest, now: number): EngineOrder {
    this.onIdIssued('order', this.nextOrderId);
    return {
      id: this.nextOrderId++,
      clientOrderId: req.clientOrderId,
      accountId: req.accountId,
      marketId: req.marketId,
      side: req.side,
      type: req.type,
      timeInForce: req.type === 'market' ? 'IOC' : req.timeInForce,
      reduceOnly: req.reduceOnly,
      price: req.price,
      size: req.size,
      remaining: req.size,
      filled: ZERO,
      filledQuote: ZERO,
      expiresAt: req.type === 'market' || req.timeInForce === 'IOC' ? 0 : req.expiresAt,
      status: 'open',
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Matches an incoming order (not in the book) and then rests, fills or cancels it. */
  private execute(order: EngineOrder, fillFraction?: number, selfTrade: SelfTradePolicy = DEFAULT_SELF_TRADE_POLICY): EngineTrade[] {
    const book = this.book(order.marketId);
    const best = book.best(opposite(order.side));
    if (order.timeInForce === 'POST_ONLY' && best && crosses(order.side, order.price, best.price)) {
      this.finish(order, 'post-only');
      return [];
    }
    const spec = this.specs.get(order.marketId)!;
    const cap =
      fillFraction === undefined ? order.remaining : floorToStep(order.remaining.mul(Math.min(1, Math.max(0, fillFraction))), spec.stepSize);
    const trades: EngineTrade[] = [];
    const touched = new Set<number>([order.accountId]);
    let matched = ZERO;
    let stop: StopReason = null;
    while (order.remaining.gt(0)) {
      const level = book.best(opposite(order.side));
      if (!level) {
        stop = 'no-liquidity';
        break;
      }
      if (!crosses(order.side, order.price, level.price)) {
        stop = 'price-bound';
        break;
      }
      if (matched.gte(cap)) {
        stop = 'fault';
        break;
      }
      const maker = level.orders[0]!;
      if (isSelfTrade(selfTrade.equality, order.accountId, maker.accountId, this.masterAccountOf)) {
        if (selfTrade.behavior === 'expire-maker' || selfTrade.behavior === 'cancel-both') this.cancelResting(maker, 'self-trade');
        if (selfTrade.behavior === 'expire-taker' || selfTrade.behavior === 'cancel-both') {
          stop = 'self-trade';
          break;
        }
        if (selfTrade.behavior === 'reduce') this.reduceSelfTrade(order, maker);
        continue;
      }
      let qty = Decimal.min(order.remaining, maker.remaining, cap.sub(matched));
      if (order.reduceOnly) {
        qty = Decimal.min(qty, reducible(this.ledger.position(order.accountId, order.marketId).size, order.side));
        if (qty.isZero()) {
          stop = 'reduce-only';
          break;
        }
      }
      if (maker.reduceOnly) {
        const room = reducible(this.ledger.position(maker.accountId, maker.marketId).size, maker.side);
        if (room.isZero()) {
          this.cancelResting(maker, 'reduce-only');
          continue;
        }
        qty = Decimal.min(qty, room);
      }
      const quote = qty.mul(maker.price);
      const takerFee = this.fee(quote, spec.takerFeeRate);
      const makerFee = this.fee(quote, spec.makerFeeRate);
      if (!this.fillKeepsMargin(order.accountId, order.marketId, order.side, qty, maker.price, takerFee, null)) {
        stop = 'margin';
        break;
      }
      if (!this.fillKeepsMargin(maker.accountId, maker.marketId, maker.side, qty, maker.price, makerFee, maker)) {
        this.cancelResting(maker, 'margin');
        continue;
      }
      trades.push(this.fill(order, maker, qty, takerFee, makerFee));
      touched.add(maker.accountId);
      matched = matched.add(qty);
    }
    if (stop === 'self-trade') this.finish(order, 'self-trade');
    else if (order.remaining.isZero()) this.finish(order, order.cancelReason === 'self-trade' ? 'self-trade' : null);
    else if (stop === 'fault') this.finish(order, 'no-liquidity');
    else if (stop === 'margin' || stop === 'reduce-only') this.finish(order, stop);
    else if (order.timeInForce === 'IOC') this.finish(order, stop ?? 'no-liquidity');
    else this.rest(order);
    for (const accountId of touched) this.sweepReduceOnly(accountId, order.marketId);
    return trades;
  }

  /**
   * The `reduce` self-trade behaviour: taker and maker both lose the size they
   * would have traded; a maker left with nothing is cancelled (`self-trade`),
   * a taker left with nothing ends cancelled (`self-trade`) once matching stops.
   */
  private reduceSelfTrade(taker: EngineOrder, maker: EngineOrder): void {
    const qty = Decimal.min(taker.remaining, maker.remaining);
    const now = this.clock.now();
    taker.remaining = taker.remaining.sub(qty);
    taker.size = taker.size.sub(qty);
    taker.updatedAt = now;
    if (taker.remaining.isZero()) taker.cancelReason = 'self-trade';
    if (maker.remaining.eq(qty)) {
      this.cancelResting(maker, 'self-trade');
      return;
    }
    maker.remaining = maker.remaining.sub(qty);
    maker.size = maker.size.sub(qty);
    maker.updatedAt = now;
    this.emit('level', maker.marketId, maker.side, maker.price);
    this.emit('order', copy(maker));
    this.emit('account', maker.accountId);
  }

  private fee(quote: Decimal, rate: Decimal): Decimal {
    return quote.mul(rate).toDecimalPlaces(USDC_DECIMALS, Decimal.ROUND_HALF_UP);
  }

  /**
   * True when the account may take this fill: always when it does not grow
   * the position; otherwise equity after the fill (fee and the fill price vs
   * the mark included) must cover the initial margin.
   */
  private fillKeepsMargin(accountId: number, marketId: number, side: Side, qty: Decimal, price: Decimal, fee: Decimal, resting: EngineOrder | null): boolean {
    const account = this.requireAccount(accountId);
    if (account.unlimited) return true;
    const before = this.ledger.position(accountId, marketId);
    const { position, realized } = tradePosition(before, side === 'buy' ? qty : qty.neg(), price);
    if (position.size.abs().lte(before.size.abs())) return true;
    const exposures = this.exposures(accountId).map((e) => {
      if (e.marketId !== marketId) return e;
      const less = resting && !resting.reduceOnly ? qty : ZERO;
      return {
        ...e,
        position,
        openBuy: side === 'buy' ? Decimal.max(e.openBuy.sub(less), ZERO) : e.openBuy,
        openSell: side === 'sell' ? Decimal.max(e.openSell.sub(less), ZERO) : e.openSell,
      };
    });
    if (!exposures.some((e) => e.marketId === marketId)) exposures.push({ ...this.exposure(accountId, marketId, ZERO, ZERO), position });
    const m = accountMargin(account.collateral.add(realized).sub(fee), exposures);
    return !m.available.isNeg();
  }

  private positionBefore(accountId: number, marketId: number): PositionBefore {
    const p = this.ledger.position(accountId, marketId);
    return { size: p.size, entryQuote: p.size.abs().mul(p.avgEntry), initialMarginFraction: this.initialMarginFraction(accountId, marketId) };
  }

  private fill(taker: EngineOrder, maker: EngineOrder, qty: Decimal, takerFee: Decimal, makerFee: Decimal): EngineTrade {
    const now = this.clock.now();
    const price = maker.price;
    const spec = this.specs.get(maker.marketId)!;
    const takerBefore = this.positionBefore(taker.accountId, taker.marketId);
    const makerBefore = this.positionBefore(maker.accountId, maker.marketId);
    const takerEffect = this.ledger.applyFill(taker.accountId, taker.marketId, taker.side, qty, price, takerFee);
    const makerEffect = this.ledger.applyFill(maker.accountId, maker.marketId, maker.side, qty, price, makerFee);
    for (const o of [taker, maker]) {
      o.remaining = o.remaining.sub(qty);
      o.filled = o.filled.add(qty);
      o.filledQuote = o.filledQuote.add(qty.mul(price));
      o.updatedAt = now;
    }
    this.onIdIssued('trade', this.nextTradeId);
    const trade: EngineTrade = {
      id: this.nextTradeId++,
      marketId: maker.marketId,
      price,
      size: qty,
      quote: qty.mul(price),
      takerSide: taker.side,
      takerOrderId: taker.id,
      makerOrderId: maker.id,
      takerClientOrderId: taker.clientOrderId,
      makerClientOrderId: maker.clientOrderId,
      takerAccountId: taker.accountId,
      makerAccountId: maker.accountId,
      takerFee,
      makerFee,
      takerFeeRate: spec.takerFeeRate,
      makerFeeRate: spec.makerFeeRate,
      takerBefore,
      makerBefore,
      takerSignChanged: takerEffect.signChanged,
      makerSignChanged: makerEffect.signChanged,
      timestamp: now,
    };
    this.lastPrices.set(maker.marketId, price);
    this.tradeLog.push(trade);
    if (this.tradeLog.length > this.tradeCap) this.tradeLog.splice(0, this.tradeLog.length - this.tradeCap);
    this.emit('trade', trade);
    if (maker.remaining.isZero()) {
      this.book(maker.marketId).remove(maker);
      maker.status = 'filled';
      this.retire(maker);
    }
    this.emit('level', maker.marketId, maker.side, price);
    this.emit('order', copy(maker));
    this.emit('account', taker.accountId);
    this.emit('account', maker.accountId);
    return trade;
  }

  private rest(order: EngineOrder): void {
    this.book(order.marketId).add(order);
    this.orders.set(order.id, order);
    let open = this.openIds.get(order.accountId);
    if (!open) this.openIds.set(order.accountId, (open = new Set()));
    open.add(order.id);
    this.emit('level', order.marketId, order.side, order.price);
    this.emit('order', copy(order));
    this.emit('account', order.accountId);
  }

  /** Ends an order that is not in the book: filled (reason null) or cancelled. */
  private finish(order: EngineOrder, reason: CancelReason | null): void {
    order.status = reason ? 'canceled' : 'filled';
    order.cancelReason = reason;
    order.updatedAt = this.clock.now();
    this.orders.set(order.id, order);
    this.retire(order);
    this.emit('order', copy(order));
    this.emit('account', order.accountId);
  }

  private cancelResting(order: EngineOrder, reason: CancelReason): void {
    this.book(order.marketId).remove(order);
    order.status = 'canceled';
    order.cancelReason = reason;
    order.updatedAt = this.clock.now();
    this.retire(order);
    this.emit('level', order.marketId, order.side, order.price);
    this.emit('order', copy(order));
    this.emit('account', order.accountId);
  }

  /** Moves a finished order to the bounded history. */
  private retire(order: EngineOrder): void {
    this.openIds.get(order.accountId)?.delete(order.id);
    let finished = this.finishedIds.get(order.accountId);
    if (!finished) this.finishedIds.set(order.accountId, (finished = []));
    finished.push(order.id);
    while (finished.length > this.finishedCap) this.orders.delete(finished.shift()!);
  }

  /** Cancels resting reduce-only orders that could no longer reduce the position. */
  private sweepReduceOnly(accountId: number, marketId: number): void {
    const size = this.ledger.position(accountId, marketId).size;
    for (const id of [...(this.openIds.get(accountId) ?? [])]) {
      const o = this.orders.get(id)!;
      if (o.marketId === marketId && o.reduceOnly && reducible(size, o.side).isZero()) this.cancelResting(o, 'reduce-only');
    }
  }
}
