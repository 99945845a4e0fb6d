import Decimal from 'decimal.js';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { backoffDelay, type BackoffOptions } from '../venues/backoff';
import type { AccountEvent, BookSubscription, Fill, Market, Side } from '../venues/venue';
import { InsufficientMarginError, ReduceOnlyRejectedError, VenueUnavailableError } from '../venues/venue-errors';
import { RiskRejectedError } from './engine-errors';
import { floorToStep, minOrderSize, offsetPrice } from './market-math';
import { HEDGE_PURPOSES, type OrderPurpose } from './order-purpose';
import { OrderWatch } from './order-watch';
import type { RiskGuard } from './risk-guard';
import type { RunAccount } from './strategy';

const ZERO = new Decimal(0);
/** How long a hedge order (IOC) may take to end on the order stream, ms of clock time. */
const DEFAULT_ORDER_END_TIMEOUT_MS = 10_000;
/** How long to look for an order whose sending failed with an unknown outcome (timeout, 5xx), ms of clock time. */
const UNKNOWN_OUTCOME_WAIT_MS = 2_000;
/** Retries of a refused or unfilled hedge: 100 ms doubling up to 2 s, with jitter. */
const DEFAULT_RETRY_BACKOFF: BackoffOptions = { baseMs: 100, maxMs: 2_000 };

/** One hedge order the executor sent: the whole order, which may cover several coalesced deltas. */
export interface HedgeLeg {
  accountId: string;
  symbol: string;
  side: Side;
  /** Base units. */
  size: Decimal;
  clientOrderId: string;
}

/** Construction of a {@link HedgeExecutor}. */
export interface HedgeExecutorOptions {
  /** The run's accounts that may hedge (their recording venues). */
  accounts: readonly RunAccount[];
  /** The market of a symbol (tick, step, minimums). @throws for a symbol the run does not trade. */
  market(symbol: string): Market;
  risk: RiskGuard;
  clock: Clock;
  logger: Logger;
  /** Worst-price bound of each hedge order, bps beyond the best bid (sell) or ask (buy). */
  slippageBps: number;
  /** How long an order may take to end on the stream before what it filled is taken as final, ms (default 10 s). */
  orderEndTimeoutMs?: number;
  /** Pause between attempts after a refusal or an order that filled nothing (default 100 ms doubling to 2 s). */
  retryBackoff?: BackoffOptions;
  /**
   * The venue refused a hedge for margin: the strategy's failsafe. The
   * account's debt stays owed; its worker stops. Without this callback a
   * margin refusal is retried like any other (the strategy bounds the
   * retries itself, e.g. maker-taker-hedge's retry_times).
   */
  onMarginRejection?(account: RunAccount, symbol: string, message: string): void;
  /** A debt fell below one minimum order once its orders ended: handed back (signed, base units) for the strategy to carry. */
  onResidual?(accountId: string, symbol: string, signed: Decimal): void;
  /** Every hedge order the venue accepted. */
  onOrder?(leg: HedgeLeg): void;
  /**
   * Every fill of one of the executor's orders, once, after it reduced the
   * debt (late fills of an order that already ended included): what the
   * strategy needs for the volume-weighted price and fees of its hedges.
   */
  onFill?(accountId: string, fill: Fill): void;
  /** A hedge attempt was refused or filled nothing (the executor retries): for the run's event log. */
  onRetry?(accountId: string, symbol: string, message: string): void;
}

interface Waiting {
  resolve(leg: HedgeLeg | null): void;
}

/** What one account still owes on one symbol. */
interface Debt {
  accountId: string;
  symbol: string;
  /** Signed size the account still has to trade (sell negative); shrinks with the fills of its hedge orders. */
  owed: Decimal;
  /** Every delta in it asked for reduce-only (buy-backs of a short, closes of a leg). */
  reduceOnly: boolean;
  /** Purpose of its orders; null: `hedge` for a sell, `hedge-buyback` for a buy. */
  purpose: OrderPurpose | null;
  /** Client order ids of every order sent for the debt: their fills reduce it, even late ones. */
  sent: Set<string>;
  /** Client order id and size of the order in flight, if any. */
  inFlight: { clientOrderId: string; signed: Decimal; filled: Decimal } | null;
  /** Callers of {@link HedgeExecutor.owe} waiting for an order that includes their delta. */
  waiting: Waiting[];
  /** True while a worker loop serves the debt. */
  working: boolean;
  /** Set after a margin or risk-guard refusal: no more orders until a new delta (what is owed stays, reported as not queued). */
  stopped: boolean;
  attempts: number;
}

const debtKey = (accountId: string, symbol: string) => `${accountId}\u0000${symbol}`;

/**
 * The one "hedge until covered" component every strategy hedges through.
 * A strategy says what an account owes ({@link owe}: a signed size on a
 * symbol, e.g. −0.05 ETH against a 0.05 ETH entry fill); the executor keeps
 * at most ONE hedge order in flight per account and symbol: a marketable IOC
 * order (venue type `market`, worst price `slippageBps` beyond the touch),
 * sent as urgent (ahead of discretionary orders in the client's rate
 * limiter, with the budget share kept for hedges). Deltas that arrive while
 * an order is in flight are coalesced: when it ends, whatever is still owed
 * goes out as one order — never a storm of small legs. A refusal (HTTP 429
 * after the client's own backoff, a venue error, an order that filled
 * nothing) is retried with backoff until covered; the debt is never dropped.
 * What is queued counts for the risk guard as pending
 * (RiskGuard.setQueuedHedge); if the exposure stays naked too long the
 * guard makes the run reducing-only, then halts it (RiskGuard.checkNaked).
 * A debt that falls below one minimum order once its orders ended is handed
 * back ({@link HedgeExecutorOptions.onResidual}) for the strategy to carry.
 */
export class HedgeExecutor {
  /** Hedge orders the venues accepted. */
  orders = 0;
  /** Attempts that were refused or filled nothing (each retried). */
  retries = 0;
  private readonly debts = new Map<string, Debt>();
  private readonly watches = new Map<string, OrderWatch>();
  private readonly byAccount = new Map<string, RunAccount>();
  private readonly detach: (() => void)[] = [];
  private readonly stop = new AbortController();
  private readonly idleWaiters = new Set<() => void>();
  /** Live books the hedges price from (one per account and symbol), so a quote never waits for a REST read. */
  private readonly books = new Map<string, Promise<BookSubscription | null>>();

  constructor(private readonly opts: HedgeExecutorOptions) {
    for (const acc of opts.accounts) {
      this.byAccount.set(acc.accountId, acc);
      this.watches.set(acc.accountId, new OrderWatch(acc.venue, opts.clock));
      this.detach.push(acc.venue.onAccountEvent((e) => this.onEvent(acc.accountId, e)));
    }
  }

  /**
   * Adds `signed` (base units; sell negative) to what `accountId` owes on
   * `symbol` and makes sure a worker covers it. `reduceOnly`: the delta only
   * reduces a position (a buy-back of a short, the close or rollback of a
   * leg; kept only while every delta of the debt asks for it). `purpose`: the
   * purpose its orders are recorded with (default `hedge` for a sell,
   * `hedge-buyback` for a buy), e.g. `flatten` for a rollback, `exit` for a
   * close; the last one given applies to the debt.
   * Resolves with the first order the venue accepted that includes the
   * delta; null when the first attempt was refused (the executor keeps
   * retrying), when the debt fell below one minimum order (handed back), or
   * when the executor is closed.
   * @throws Error for an account that is not one of the executor's.
   */
  owe(accountId: string, symbol: string, signed: Decimal, opts: { reduceOnly?: boolean; purpose?: OrderPurpose } = {}): Promise<HedgeLeg | null> {
    if (!this.byAccount.has(accountId)) throw new Error(`hedge executor: unknown account ${accountId}`);
    if (this.stop.signal.aborted) return Promise.resolve(null);
    const key = debtKey(accountId, symbol);
    let debt = this.debts.get(key);
    if (!debt) {
      debt = { accountId, symbol, owed: ZERO, reduceOnly: true, purpose: null, sent: new Set(), inFlight: null, waiting: [], working: false, stopped: false, attempts: 0 };
      this.debts.set(key, debt);
    }
    if (debt.owed.isZero() && !debt.inFlight) {
      debt.reduceOnly = true;
      debt.purpose = null;
    }
    debt.owed = debt.owed.plus(signed);
    debt.reduceOnly &&= opts.reduceOnly ?? false;
    if (opts.purpose !== undefined) debt.purpose = opts.purpose;
    debt.stopped = false;
    this.reportQueued(debt);
    const acked = new Promise<HedgeLeg | null>((resolve) => debt.waiting.push({ resolve }));
    if (!debt.working) void this.work(debt);
    return acked;
  }

  /** What `accountId` still owes on `symbol`, signed, base units: queued plus the unfilled part of its order in flight. */
  outstanding(accountId: string, symbol: string): Decimal {
    return this.debts.get(debtKey(accountId, symbol))?.owed ?? ZERO;
  }

  /** True while a worker is covering a debt (of `symbol`, or of any symbol). */
  busy(symbol?: string): boolean {
    for (const d of this.debts.values()) if (d.working && (symbol === undefined || d.symbol === symbol)) return true;
    return false;
  }

  /** Resolves when no worker is running (every debt covered, handed back or stopped), or after `timeoutMs` of clock time. */
  async idle(timeoutMs: number): Promise<boolean> {
    if (!this.busy()) return true;
    const stop = new AbortController();
    let wake!: () => void;
    const idle = new Promise<void>((resolve) => (wake = resolve));
    this.idleWaiters.add(wake);
    try {
      await Promise.race([idle, this.opts.clock.sleep(timeoutMs, stop.signal).catch(() => undefined)]);
    } finally {
      stop.abort();
      this.idleWaiters.delete(wake);
    }
    return !this.busy();
  }

  /** Stops every worker (what is still owed stays owed and reported), stops listening to the accounts. */
  close(): void {
    this.stop.abort();
    for (const off of this.detach.splice(0)) off();
    for (const w of this.watches.values()) w.close();
    for (const d of this.debts.values()) this.settle(d.waiting.splice(0), null);
    for (const book of this.books.values()) void book.then((b) => b?.close());
    this.books.clear();
  }

  /**
   * Takes a debt back from the executor: no further order is sent for it
   * (an order in flight still ends), and what is owed is returned (signed,
   * base units) for the strategy to close by other means — e.g.
   * maker-taker-hedge flattening A's unhedged size once B's retry_times are
   * spent. The only way a debt leaves the executor uncovered.
   */
  abandon(accountId: string, symbol: string): Decimal {
    const debt = this.debts.get(debtKey(accountId, symbol));
    if (!debt) return ZERO;
    const owed = debt.owed;
    debt.owed = ZERO;
    debt.stopped = true;
    // Late fills of its orders no longer count against a new debt.
    debt.sent.clear();
    this.settle(debt.waiting.splice(0), null);
    this.reportQueued(debt);
    return owed;
  }

  /** Debts still owed (|owed| > 0), for the strategy's wind-down report. */
  openDebts(): { accountId: string; symbol: string; owed: Decimal }[] {
    return [...this.debts.values()].filter((d) => !d.owed.isZero()).map((d) => ({ accountId: d.accountId, symbol: d.symbol, owed: d.owed }));
  }

  private onEvent(accountId: string, e: AccountEvent): void {
    if (e.type !== 'fill' || e.fill.clientOrderId === null) return;
    const debt = this.debts.get(debtKey(accountId, e.fill.symbol));
    if (!debt?.sent.has(e.fill.clientOrderId)) return;
    const signed = e.fill.side === 'buy' ? e.fill.size : e.fill.size.neg();
    debt.owed = debt.owed.minus(signed);
    if (debt.inFlight?.clientOrderId === e.fill.clientOrderId) debt.inFlight.filled = debt.inFlight.filled.plus(e.fill.size);
    this.reportQueued(debt);
    this.opts.onFill?.(accountId, e.fill);
  }

  /** The worker of one debt: one order at a time until less than one minimum order is owed. */
  private async work(debt: Debt): Promise<void> {
    debt.working = true;
    const log = this.opts.logger.child({ component: 'engine.hedge', account: debt.accountId, symbol: debt.symbol });
    try {
      // Each pass sends one order or sleeps a backoff; it ends when the debt is below one minimum order, stopped or closed.
      while (!this.stop.signal.aborted && !debt.stopped) {
        try {
          if ((await this.attempt(debt, log)) === 'done') return;
        } catch (err) {
          this.endOrder(debt);
          await this.retryLater(debt, `hedge attempt failed unexpectedly: ${(err as Error).message}`, log);
        }
      }
    } finally {
      debt.working = false;
      this.reportQueued(debt);
      if (!this.busy()) for (const wake of [...this.idleWaiters]) wake();
    }
  }

  /** One order for what the debt owes (or the hand-back of a residual); `done` when the worker should end. */
  private async attempt(debt: Debt, log: Logger): Promise<'done' | 'again'> {
    const { opts } = this;
    const acc = this.byAccount.get(debt.accountId)!;
    const market = opts.market(debt.symbol);
    const side: Side = debt.owed.isNegative() ? 'sell' : 'buy';
    const reference = await this.reference(acc, debt.symbol, side);
    const offset = side === 'sell' ? -opts.slippageBps : opts.slippageBps;
    const price = reference && offsetPrice(reference, offset, side, market.tickSize);
    // One minimum order at the order's (worst) price, as strategies size their legs.
    const min = minOrderSize(market, price ?? opts.risk.exposure(debt.symbol).price);
    const size = floorToStep(debt.owed.abs(), market.stepSize);
    if (size.isZero() || size.lt(min)) {
      const residual = debt.owed;
      debt.owed = ZERO;
      debt.attempts = 0;
      this.reportQueued(debt);
      this.settle(debt.waiting.splice(0), null);
      if (!residual.isZero()) opts.onResidual?.(debt.accountId, debt.symbol, residual);
      return 'done';
    }
    if (!price) {
      await this.retryLater(debt, `no ${side === 'sell' ? 'bid' : 'ask'} in the ${debt.symbol} book to hedge against`, log);
      return 'again';
    }
    const clientOrderId = acc.venue.nextClientOrderId();
    debt.inFlight = { clientOrderId, signed: side === 'buy' ? size : size.neg(), filled: ZERO };
    debt.sent.add(clientOrderId);
    this.reportQueued(debt);
    // The deltas owed so far are in this order; later ones wait for the next.
    const covered = debt.waiting.splice(0);
    let outcomeUnknown = false;
    try {
      await acc.venue.placeOrder({
        symbol: debt.symbol,
        side,
        size,
        type: 'market',
        price,
        timeInForce: 'IOC',
        reduceOnly: debt.reduceOnly,
        clientOrderId,
        purpose: this.purposeOf(debt, side),
      });
    } catch (err) {
      const message = (err as Error).message;
      outcomeUnknown = err instanceof VenueUnavailableError;
      if (!outcomeUnknown) {
        this.endOrder(debt);
        this.settle(covered, null);
        if (err instanceof InsufficientMarginError && opts.onMarginRejection) return this.stopDebt(debt, () => opts.onMarginRejection?.(acc, debt.symbol, message));
        if (err instanceof RiskRejectedError) return this.stopDebt(debt, () => log.warn({ owed: debt.owed.toString() }, `hedge stopped by the risk guard: ${message}`));
        if (err instanceof ReduceOnlyRejectedError) debt.reduceOnly = false;
        await this.retryLater(debt, `hedge ${side} ${size} ${debt.symbol} refused: ${message}`, log);
        return 'again';
      }
      this.settle(covered, null);
      log.warn({ clientOrderId }, `hedge ${side} ${size} ${debt.symbol}: outcome unknown (${message}); looking for it before retrying`);
    }
    if (!outcomeUnknown) {
      this.orders++;
      const leg: HedgeLeg = { accountId: debt.accountId, symbol: debt.symbol, side, size, clientOrderId };
      this.settle(covered, leg);
      opts.onOrder?.(leg);
    }
    const timeoutMs = outcomeUnknown ? UNKNOWN_OUTCOME_WAIT_MS : (opts.orderEndTimeoutMs ?? DEFAULT_ORDER_END_TIMEOUT_MS);
    const ended = await this.watches.get(debt.accountId)!.waitEnded(clientOrderId, timeoutMs, this.stop.signal);
    const filled = debt.inFlight?.filled ?? ZERO;
    this.endOrder(debt);
    if (!ended && !outcomeUnknown) log.warn({ clientOrderId, filled: filled.toString() }, `hedge order did not end within ${timeoutMs} ms; ${debt.owed} ${debt.symbol} still owed`);
    if (ended?.rejection === 'InsufficientMargin' && opts.onMarginRejection) {
      return this.stopDebt(debt, () => opts.onMarginRejection?.(acc, debt.symbol, ended.statusReason ?? 'refused for margin'));
    }
    if (filled.isZero()) await this.retryLater(debt, `hedge ${side} ${size} ${debt.symbol} filled nothing${ended?.statusReason ? ` (${ended.statusReason})` : ''}`, log);
    else debt.attempts = 0;
    return 'again';
  }

  /** Stops serving a debt until a new delta comes (margin or risk-guard refusal); it stays owed. */
  private stopDebt(debt: Debt, then: () => void): 'done' {
    debt.stopped = true;
    this.settle(debt.waiting.splice(0), null);
    this.reportQueued(debt);
    then();
    return 'done';
  }

  /**
   * The touch to price a hedge from: the account's venue quotes from its live
   * book once subscribed (subscribed here on first use and kept), else over
   * REST — which, being a discretionary read, may wait in the rate limiter.
   */
  private async reference(acc: RunAccount, symbol: string, side: Side): Promise<Decimal | null> {
    const key = debtKey(acc.accountId, symbol);
    if (!this.books.has(key)) {
      this.books.set(
        key,
        acc.venue.subscribeBook(symbol).catch((err: unknown) => {
          this.opts.logger.warn({ component: 'engine.hedge', account: acc.accountId, symbol, err: (err as Error).message }, 'no live book for hedges; quotes come over REST');
          return null;
        }),
      );
    }
    await this.books.get(key);
    try {
      const { bid, ask } = await acc.venue.bestBidAsk(symbol);
      return side === 'sell' ? bid : ask;
    } catch (err) {
      this.opts.logger.warn({ component: 'engine.hedge', account: acc.accountId, symbol, err: (err as Error).message }, 'no quote for a hedge');
      return null;
    }
  }

  private async retryLater(debt: Debt, message: string, log: Logger): Promise<void> {
    this.retries++;
    const delay = backoffDelay(debt.attempts++, this.opts.retryBackoff ?? DEFAULT_RETRY_BACKOFF);
    log.warn({ owed: debt.owed.toString(), attempt: debt.attempts, delayMs: delay }, `${message}; retrying`);
    this.opts.onRetry?.(debt.accountId, debt.symbol, `${message}; retrying in ${delay} ms (${debt.owed} ${debt.symbol} owed)`);
    await this.opts.clock.sleep(delay, this.stop.signal).catch(() => undefined);
  }

  private endOrder(debt: Debt): void {
    debt.inFlight = null;
    this.reportQueued(debt);
  }

  private purposeOf(debt: Debt, side: Side): OrderPurpose {
    return debt.purpose ?? (side === 'sell' ? 'hedge' : 'hedge-buyback');
  }

  /**
   * Tells the risk guard what is owed beyond the order in flight when the
   * recording venue registered that order itself (hedge purposes); an order
   * of another purpose (flatten, exit) stays counted here until it fills.
   */
  private reportQueued(debt: Debt): void {
    const registered = debt.inFlight !== null && HEDGE_PURPOSES.has(this.purposeOf(debt, debt.inFlight.signed.isNegative() ? 'sell' : 'buy'));
    const inFlightLeft = debt.inFlight && registered ? debt.inFlight.signed.minus(debt.inFlight.signed.isNegative() ? debt.inFlight.filled.neg() : debt.inFlight.filled) : ZERO;
    const queued = debt.stopped ? ZERO : debt.owed.minus(inFlightLeft);
    this.opts.risk.setQueuedHedge(debt.accountId, debt.symbol, queued);
  }

  private settle(waiting: Waiting[], leg: HedgeLeg | null): void {
    for (const w of waiting) w.resolve(leg);
  }
}
