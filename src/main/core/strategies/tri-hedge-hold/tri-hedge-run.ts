import Decimal from 'decimal.js';
import { decimalText } from '../../engine/decimal-text';
import { RiskRejectedError } from '../../engine/engine-errors';
import { flattenAccounts } from '../../engine/flatten';
import { HedgeExecutor } from '../../engine/hedge-executor';
import { floorToStep, minOrderSize, offsetPrice } from '../../engine/market-math';
import type { RunOrderRequest } from '../../engine/order-purpose';
import { OrderWatch } from '../../engine/order-watch';
import type { AccountProgress, RunEventOf } from '../../../../shared/schemas/runs';
import { SerialQueue } from '../../engine/serial-queue';
import type { RunAccount, StrategyContext, StrategyOutcome } from '../../engine/strategy';
import type { AccountEvent, BookSubscription, Fill, Market, Order, OrderHandle, Position } from '../../venues/venue';
import { InsufficientMarginError, OrderNotFoundError } from '../../venues/venue-errors';
import { sleepUnlessHalted, wholeMsNow } from '../run-clock';
import { logToRun } from '../run-log';
import { collateralShortfalls } from './collateral-check';
import { AccountPhaseError, canMove, idleRound, type AccountPhase, type AccountRound } from './account-state';
import type { TriHedgeConfig } from './config-schema';
import { planHedge } from './hedge-split';
import { assignRound, roundsPerPass } from './rounds';
import { triHedgeStateSchema, type TriHedgeState } from './run-state';
import { fokCovered, venueTimeInForce } from './time-in-force';

const ZERO = new Decimal(0);
/** How long a cancel may take to be confirmed on the order stream, ms of clock time. */
const CANCEL_CONFIRM_MS = 5_000;
/** How long winding down waits for hedges in flight, ms of clock time. */
const SETTLE_MS = 10_000;
/** Progress is emitted at least this often while the run waits, ms of clock time. */
const PROGRESS_EVERY_MS = 1_000;
/** Slice placements that may fail in a row (other than margin) before the run fails. */
const MAX_PLACEMENT_FAILURES = 10;

interface Acc extends RunAccount {
  watch: OrderWatch;
}

interface PrimaryOrder {
  symbol: string;
  purpose: 'entry' | 'exit';
}

/** What led to a hedge: the event's arrival and handling start (clock ms), and the primary fill when there is one. */
interface HedgeTrigger {
  arrivedAt: number;
  startedAt: number;
  fill: { accountId: string; fillId: string } | null;
}

const orderKey = (accountId: string, clientOrderId: string) => `${accountId}\u0000${clientOrderId}`;

/**
 * One tri-hedge-hold run (see README.md in this folder): rounds of entry
 * slices A → B → C with every fill hedged on the fill event itself by the two
 * other accounts, non-blocking holds, reduce-only exit slices with hedgers
 * buying back, right rotation of the coin list, the margin failsafe and the
 * wind-down on stop. Account events are handled one at a time
 * ({@link SerialQueue}): a primary's fill is hedged (legs accepted by the
 * venue) before the next event is looked at.
 */
export class TriHedgeRun {
  private readonly accs: Acc[];
  private readonly positions = new Map<string, Map<string, Decimal>>();
  private readonly carry = new Map<string, Map<string, Decimal>>();
  private readonly primaryOrders = new Map<string, PrimaryOrder>();
  /** Sends and retries every hedge leg until covered (engine/hedge-executor.ts). */
  private readonly hedger: HedgeExecutor;
  private readonly books = new Map<string, BookSubscription>();
  /** Per account and symbol: a venue position that differed from the tracked one at the last REST read. */
  private readonly drift = new Map<string, Decimal>();
  private readonly queue: SerialQueue;
  /** Aborted to end the main loop: a stop request, the failsafe or a risk halt. */
  private readonly halt = new AbortController();
  private readonly detach: (() => void)[] = [];
  private readonly symbols: string[];
  private state: TriHedgeState;
  private failsafe: string | null = null;
  private flattening = false;
  private fatal: unknown = null;
  private placementFailures = 0;

  constructor(
    private readonly cfg: TriHedgeConfig,
    private readonly markets: ReadonlyMap<string, Market>,
    private readonly ctx: StrategyContext,
  ) {
    this.accs = ctx.accounts.map((a) => ({ ...a, watch: new OrderWatch(a.venue, ctx.clock) }));
    this.symbols = cfg.coins.map((c) => c.symbol);
    this.state = { version: 1, roundsDone: 0, shifts: 0, roundStarted: false, pauseUntil: null, accounts: Object.fromEntries(this.accs.map((a) => [a.accountId, idleRound()])) };
    this.queue = new SerialQueue((err) => {
      this.fatal ??= err;
      this.halt.abort();
    });
    this.hedger = new HedgeExecutor({
      accounts: this.accs,
      market: (symbol) => this.market(symbol),
      risk: ctx.risk,
      clock: ctx.clock,
      logger: ctx.logger,
      slippageBps: cfg.hedgeSlippageBps,
      onMarginRejection: (acc, symbol, message) => this.triggerFailsafe(acc, symbol, message),
      // A remainder below one minimum order goes back to the hedger's carry: hedged with the next fill, or at once when the carries add up to one.
      onResidual: (accountId, symbol, signed) => {
        const carried = this.carryOf(symbol);
        carried.set(accountId, (carried.get(accountId) ?? ZERO).plus(signed));
        this.queueRehedge();
      },
      onRetry: (accountId, _symbol, message) => this.ctx.logger.warn({ account: accountId }, message),
    });
  }

  /** Runs until run_once is done, a stop, the failsafe or a halt; winds down; resolves with how it ended. */
  async run(): Promise<StrategyOutcome> {
    const onStop = () => this.halt.abort();
    if (this.ctx.signal.aborted) onStop();
    this.ctx.signal.addEventListener('abort', onStop, { once: true });
    let completed: StrategyOutcome | null = null;
    let error: unknown = null;
    try {
      await this.setUp();
      completed = await this.loop();
    } catch (err) {
      if (!this.halt.signal.aborted || !isAbort(err)) error = err;
    }
    const outcome = this.outcome(completed);
    const flatten = this.failsafe !== null || this.ctx.risk.mode === 'halted' || (this.ctx.stopRequest()?.flatten ?? false);
    if (!error && !this.fatal && !this.ctx.stopRequest()) this.ctx.stopping(outcome.reason);
    try {
      await this.windDown(flatten && !error);
    } finally {
      this.ctx.signal.removeEventListener('abort', onStop);
      this.teardown();
    }
    if (error) throw error;
    if (this.fatal) throw this.fatal;
    return outcome;
  }

  // ── set-up ────────────────────────────────────────────────────────────

  private async setUp(): Promise<void> {
    const { ctx } = this;
    for (const acc of this.accs) {
      const reconciled = ctx.reconciled.get(acc.accountId);
      this.positions.set(acc.accountId, new Map((reconciled?.positions ?? []).map((p) => [p.symbol, p.size])));
    }
    // From here on every account event is handled, in order, on top of the reconciled positions.
    this.detach.push(ctx.onPositionSnapshot((accountId, positions) => void this.queue.push(() => this.checkDrift(accountId, positions))));
    for (const acc of this.accs) {
      this.detach.push(
        acc.venue.onAccountEvent((e) => {
          const at = ctx.clock.now();
          void this.queue.push(() => this.onEvent(acc, e, at));
        }),
      );
    }
    for (const symbol of this.symbols) {
      try {
        this.books.set(symbol, await this.accs[0]!.venue.subscribeBook(symbol));
      } catch (err) {
        ctx.logger.warn({ symbol, err: (err as Error).message }, 'no live book; quotes come from REST');
      }
      const { bid, ask } = await this.quote(symbol);
      const mid = bid && ask ? bid.plus(ask).div(2) : (bid ?? ask);
      if (mid) ctx.risk.setPrice(symbol, mid);
    }
    const resumed = ctx.resumeState !== null && ctx.resumeState !== undefined;
    if (resumed) {
      const parsed = triHedgeStateSchema.safeParse(ctx.resumeState);
      if (!parsed.success) throw new Error(`the stored state of run ${ctx.runId} cannot be read: ${parsed.error.message}`);
      this.state = parsed.data;
      for (const acc of this.accs) this.state.accounts[acc.accountId] ??= idleRound();
    } else {
      this.checkFreshStart();
      // A target no account can carry fails here, before the first order, not after a series of refused slices.
      const shortfalls = await collateralShortfalls(this.cfg, this.accs);
      if (shortfalls.length > 0) throw new Error(`not enough collateral for the config: ${shortfalls.join('; ')}`);
    }
    if (resumed) {
      for (const acc of this.accs) {
        const stale = new Set((ctx.reconciled.get(acc.accountId)?.openOrders ?? []).map((o) => o.symbol).filter((s) => this.symbols.includes(s)));
        for (const symbol of stale) {
          ctx.logger.info({ account: acc.accountId, symbol }, 'cancelling orders left from before the restart');
          await acc.venue.cancelAll(symbol);
        }
      }
    }
    ctx.store.saveState(this.state);
    await this.queue.push(() => this.rebalance());
    this.progress();
  }

  /** A fresh run refuses accounts that already hold or have orders in the coin list's markets. */
  private checkFreshStart(): void {
    for (const acc of this.accs) {
      const reconciled = this.ctx.reconciled.get(acc.accountId);
      for (const o of reconciled?.openOrders ?? []) {
        if (this.symbols.includes(o.symbol)) {
          throw new Error(`account "${acc.label}" has open ${o.symbol} orders: cancel them before starting (or resume the run that placed them)`);
        }
      }
      for (const symbol of this.symbols) {
        const size = this.position(acc.accountId, symbol);
        const market = this.market(symbol);
        const price = this.ctx.risk.exposure(symbol).price;
        if (size.abs().gte(minOrderSize(market, price))) {
          throw new Error(`account "${acc.label}" already holds ${size} ${symbol}: close it before starting (or resume the run that opened it)`);
        }
      }
    }
  }

  // ── the main loop ─────────────────────────────────────────────────────

  private async loop(): Promise<StrategyOutcome | null> {
    const { ctx, cfg } = this;
    const perPass = roundsPerPass(this.symbols.length, this.accs.length);
    while (!this.halt.signal.aborted) {
      if (ctx.risk.mode === 'halted') return null;
      if (!this.state.roundStarted) {
        const wait = (this.state.pauseUntil ?? 0) - this.now();
        if (wait > 0) {
          this.progress();
          await this.sleep(Math.min(wait, PROGRESS_EVERY_MS));
        } else await this.startRound();
        continue;
      }
      if (this.roundComplete()) {
        await this.settle();
        this.state.roundsDone++;
        if (cfg.runOnce && this.state.roundsDone >= perPass) {
          ctx.store.saveState(this.state);
          return { kind: 'completed', reason: `run_once: ${this.state.roundsDone} round${this.state.roundsDone === 1 ? '' : 's'} over the coin list done` };
        }
        if (ctx.risk.mode === 'reducing-only') {
          ctx.store.saveState(this.state);
          return { kind: 'stopped', reason: 'the risk guard made the run reducing-only; stopped at the end of the round' };
        }
        for (const acc of this.accs) if (this.round(acc).phase === 'done') this.move(acc, 'idle', 'round over');
        this.state.shifts++;
        this.state.roundStarted = false;
        this.state.pauseUntil = this.now() + Math.round(cfg.pauseBetweenSymbolsSeconds * 1000);
        ctx.store.saveState(this.state);
        continue;
      }
      let acted = false;
      for (const acc of this.accs) {
        if (this.halt.signal.aborted) break;
        const r = this.round(acc);
        if (r.phase === 'holding' && r.holdStartedAt !== null && this.now() >= r.holdStartedAt + r.holdMs) {
          this.move(acc, 'exiting', `held ${(r.holdMs / 60_000).toFixed(2)} min`, { exitStartSize: decimalText(this.long(acc.accountId, r.symbol)) });
        }
        const phase = this.round(acc).phase;
        if (phase === 'entering') await this.entryTurn(acc);
        else if (phase === 'exiting') await this.exitTurn(acc);
        else continue;
        acted = true;
        this.progress();
        this.queueRehedge();
        await this.sleep((cfg.sliceDelaySeconds + ctx.random.between(0, cfg.sliceDelayJitterSeconds)) * 1000);
      }
      if (!acted) {
        this.progress();
        this.queueRehedge();
        await this.sleep(Math.min(this.nextHoldEnd() - this.now(), PROGRESS_EVERY_MS));
      }
    }
    return null;
  }

  private async startRound(): Promise<void> {
    const { ctx } = this;
    const assigned = assignRound(this.symbols, this.state.shifts, this.accs.length);
    const plans: { acc: Acc; symbol: string; ref: Decimal }[] = [];
    for (const [i, acc] of this.accs.entries()) {
      const symbol = assigned[i];
      if (!symbol) continue;
      const { bid, ask } = await this.quote(symbol);
      const ref = bid && ask ? bid.plus(ask).div(2) : (bid ?? ask);
      if (!ref) {
        ctx.logger.warn({ symbol }, 'empty book: the round waits for prices');
        await this.sleep(PROGRESS_EVERY_MS);
        return;
      }
      plans.push({ acc, symbol, ref });
    }
    const round = this.state.roundsDone + 1;
    for (const acc of this.accs) this.state.accounts[acc.accountId] = idleRound();
    for (const { acc, symbol, ref } of plans) {
      const coin = this.cfg.coins.find((c) => c.symbol === symbol)!;
      const market = this.market(symbol);
      const targetSize = floorToStep(coin.targetNotional.div(ref), market.stepSize);
      const sliceSize = Decimal.max(floorToStep(coin.sliceNotional.div(ref), market.stepSize), market.stepSize);
      const min = minOrderSize(market, ref);
      const round0: AccountRound = {
        ...idleRound(),
        symbol,
        targetNotional: decimalText(coin.targetNotional),
        targetSize: decimalText(targetSize),
        sliceSize: decimalText(sliceSize),
        holdMs: Math.round(coin.holdMinutes * 60_000),
      };
      this.state.accounts[acc.accountId] = round0;
      if (targetSize.lt(min)) {
        this.move(acc, 'holding', `round ${round}: ${symbol} target ${coin.targetNotional} USDC is ${targetSize} ${symbol}, below the minimum order of ${min}: skipping to hold`, {
          holdStartedAt: this.now(),
        });
      } else {
        this.move(acc, 'entering', `round ${round}: primary for ${symbol}, target ${targetSize} ${symbol} (${coin.targetNotional} USDC) in slices of ${sliceSize}`);
      }
    }
    this.state.roundStarted = true;
    this.state.pauseUntil = null;
    ctx.store.saveState(this.state);
    await this.queue.push(() => this.rebalance());
    this.progress();
  }

  private roundComplete(): boolean {
    return this.accs.every((a) => {
      const r = this.round(a);
      return r.symbol === null || r.phase === 'done';
    });
  }

  private nextHoldEnd(): number {
    const ends = this.accs.map((a) => this.round(a)).filter((r) => r.phase === 'holding' && r.holdStartedAt !== null).map((r) => r.holdStartedAt! + r.holdMs);
    return ends.length > 0 ? Math.min(...ends) : this.now() + PROGRESS_EVERY_MS;
  }

  // ── turns ─────────────────────────────────────────────────────────────

  /**
   * One entry slice of a primary: buy at the best bid adjusted by
   * entry_price_offset_bps; wait; cancel on timeout. Starts once every event
   * delivered so far is handled, so the position it sizes from is current.
   */
  private async entryTurn(acc: Acc): Promise<void> {
    await this.queue.idle();
    const r = this.round(acc);
    const symbol = r.symbol!;
    const market = this.market(symbol);
    if (this.ctx.risk.mode !== 'normal') {
      this.move(acc, 'holding', `no new entries: the run is ${this.ctx.risk.mode}`, { holdStartedAt: this.now() });
      return;
    }
    const { bid } = await this.quote(symbol);
    if (!bid) return;
    const price = offsetPrice(bid, -this.cfg.entryPriceOffsetBps, 'buy', market.tickSize);
    const min = minOrderSize(market, price);
    const held = this.long(acc.accountId, symbol);
    const remaining = new Decimal(r.targetSize).minus(held);
    if (remaining.lt(min)) {
      this.move(acc, 'holding', held.gte(new Decimal(r.targetSize)) ? `target reached: ${held} ${symbol}` : `no further valid slice fits (${remaining} ${symbol} left, minimum ${min})`, {
        holdStartedAt: this.now(),
      });
      return;
    }
    const size = this.sliceSize(new Decimal(r.sliceSize), remaining, min, market);
    const tif = venueTimeInForce(this.cfg.primaryTimeInForce);
    if (this.cfg.primaryTimeInForce === 'FOK') {
      const book = this.books.get(symbol);
      if (!book || !fokCovered(book.snapshot(), 'buy', price, size)) return;
    }
    const filled = await this.slice(acc, { symbol, side: 'buy', type: 'limit', price, size, timeInForce: tif, purpose: 'entry' });
    if (filled) this.state.accounts[acc.accountId] = { ...this.round(acc), slices: this.round(acc).slices + 1 };
  }

  /** One exit slice of a primary: reduce-only sell at the best ask adjusted by exit_price_offset_bps; wait; cancel on timeout. Like {@link entryTurn}, from a current position. */
  private async exitTurn(acc: Acc): Promise<void> {
    await this.queue.idle();
    const r = this.round(acc);
    const symbol = r.symbol!;
    const market = this.market(symbol);
    const { ask } = await this.quote(symbol);
    if (!ask) return;
    const price = offsetPrice(ask, this.cfg.exitPriceOffsetBps, 'sell', market.tickSize);
    const min = minOrderSize(market, price);
    const held = this.long(acc.accountId, symbol);
    if (held.lt(min)) {
      this.move(acc, 'done', `exited: ${held} ${symbol} left, below the minimum order of ${min}`);
      return;
    }
    const size = this.sliceSize(new Decimal(r.sliceSize), held, min, market);
    const tif = venueTimeInForce(this.cfg.primaryTimeInForce);
    if (this.cfg.primaryTimeInForce === 'FOK') {
      const book = this.books.get(symbol);
      if (!book || !fokCovered(book.snapshot(), 'sell', price, size)) return;
    }
    await this.slice(acc, { symbol, side: 'sell', type: 'limit', price, size, timeInForce: tif, reduceOnly: true, purpose: 'exit' });
  }

  /** A slice size: the configured one, at least one minimum order, all that is left when the rest would be below the minimum. */
  private sliceSize(slice: Decimal, left: Decimal, min: Decimal, market: Market): Decimal {
    let size = Decimal.min(Decimal.max(slice, min), left);
    if (left.minus(size).lt(min)) size = left;
    return floorToStep(size, market.stepSize);
  }

  /**
   * Places a slice, waits up to slice_fill_timeout for it to end, cancels it
   * otherwise. The order is known as a primary order before it is sent, so a
   * fill that arrives before the venue's answer is hedged too. True when
   * anything filled.
   */
  private async slice(acc: Acc, order: RunOrderRequest & { purpose: 'entry' | 'exit' }): Promise<boolean> {
    const clientOrderId = acc.venue.nextClientOrderId();
    const key = orderKey(acc.accountId, clientOrderId);
    this.primaryOrders.set(key, { symbol: order.symbol, purpose: order.purpose });
    if (!(await this.place(acc, { ...order, clientOrderId }))) {
      this.primaryOrders.delete(key);
      return false;
    }
    const ended = await acc.watch.waitEnded(clientOrderId, this.cfg.sliceFillTimeoutSeconds * 1000, this.halt.signal);
    if (!ended) await this.cancel(acc, order.symbol, clientOrderId);
    return acc.watch.get(clientOrderId).filled.gt(0);
  }

  private async place(acc: Acc, order: RunOrderRequest): Promise<OrderHandle | null> {
    try {
      const handle = await acc.venue.placeOrder(order);
      this.placementFailures = 0;
      return handle;
    } catch (err) {
      if (err instanceof InsufficientMarginError) {
        this.triggerFailsafe(acc, order.symbol, err.message);
        return null;
      }
      if (err instanceof RiskRejectedError) return null;
      this.placementFailures++;
      this.warn(`${acc.label}: ${order.purpose} ${order.side} ${order.size} ${order.symbol} refused: ${(err as Error).message}`);
      if (this.placementFailures >= MAX_PLACEMENT_FAILURES) throw new Error(`${MAX_PLACEMENT_FAILURES} orders in a row were refused; last: ${(err as Error).message}`, { cause: err });
      return null;
    }
  }

  /** Cancels a resting slice and waits (bounded) for the venue to confirm. */
  private async cancel(acc: Acc, symbol: string, clientOrderId: string): Promise<void> {
    if (acc.watch.ended(clientOrderId)) return;
    const known = acc.watch.get(clientOrderId).order;
    try {
      if (known && known.venueOrderId) await acc.venue.cancelOrder(symbol, known.venueOrderId);
      else await acc.venue.cancelAll(symbol);
    } catch (err) {
      if (!(err instanceof OrderNotFoundError)) this.warn(`${acc.label}: cancelling a ${symbol} slice failed: ${(err as Error).message}`);
    }
    if (!(await acc.watch.waitEnded(clientOrderId, CANCEL_CONFIRM_MS))) {
      const seen = acc.watch.get(clientOrderId);
      this.warn(
        `${acc.label}: the cancel of ${symbol} slice ${clientOrderId} was not confirmed within ${CANCEL_CONFIRM_MS / 1000} s ` +
          `(last update: ${seen.order ? `${seen.order.status}, ${seen.order.filledSize} filled` : 'none'}; fills seen: ${seen.filled})`,
      );
    }
  }

  // ── events and hedging ────────────────────────────────────────────────

  private async onEvent(acc: Acc, event: AccountEvent, arrivedAt: number): Promise<void> {
    const startedAt = this.now();
    if (event.type === 'fill') await this.onFill(acc, event.fill, arrivedAt, startedAt);
    else if (event.type === 'order') this.onOrder(acc, event.order);
    this.publish();
  }

  private async onFill(acc: Acc, fill: Fill, arrivedAt: number, startedAt: number): Promise<void> {
    const book = this.positions.get(acc.accountId)!;
    book.set(fill.symbol, (book.get(fill.symbol) ?? ZERO).plus(fill.side === 'buy' ? fill.size : fill.size.neg()));
    if (fill.clientOrderId === null) return;
    const primary = this.primaryOrders.get(orderKey(acc.accountId, fill.clientOrderId));
    if (!primary) return;
    await this.hedge(fill.symbol, primary.purpose === 'entry' ? fill.size.neg() : fill.size, { arrivedAt, startedAt, fill: { accountId: acc.accountId, fillId: fill.fillId } });
  }

  /** A margin refusal on the order stream triggers the failsafe; the remainders of hedge orders are the hedge executor's. */
  private onOrder(acc: Acc, order: Order): void {
    if (order.rejection === 'InsufficientMargin') {
      this.triggerFailsafe(acc, order.symbol, `order ${order.clientOrderId ?? order.venueOrderId} ${order.statusReason ?? 'refused for margin'}`);
    }
  }

  /** The two accounts hedging `symbol` this round: every account but its primary (B and C when it has none). */
  private hedgersOf(symbol: string): [Acc, Acc] {
    const primary = this.accs.find((a) => this.round(a).symbol === symbol);
    const others = primary ? this.accs.filter((a) => a !== primary) : this.accs.slice(-2);
    return [others[0]!, others[1]!];
  }

  private carryOf(symbol: string): Map<string, Decimal> {
    let c = this.carry.get(symbol);
    if (!c) this.carry.set(symbol, (c = new Map()));
    return c;
  }

  /**
   * Sends the hedge legs for `owed` (signed: −fill for an entry fill, +fill
   * for an exit fill) plus what the hedgers carry, split at a random ratio
   * from random_split_range; shares below one minimum order are folded or
   * carried (hedge-split.ts). Legs are marketable IOC orders (worst price
   * hedge_slippage_bps beyond the touch), reduce-only when buying back.
   * Resolves when every leg was accepted or refused.
   */
  private async hedge(symbol: string, owed: Decimal, trigger: HedgeTrigger): Promise<void> {
    if (this.failsafe !== null || this.flattening) return;
    const market = this.market(symbol);
    const [h0, h1] = this.hedgersOf(symbol);
    const carried = this.carryOf(symbol);
    const total = [h0, h1].reduce((t, h) => t.plus(carried.get(h.accountId) ?? ZERO), owed);
    if (total.isZero()) {
      this.carry.set(symbol, new Map([[h0.accountId, ZERO], [h1.accountId, ZERO]]));
      this.emitHedge(symbol, [], trigger);
      return;
    }
    const side: 'buy' | 'sell' = total.isNegative() ? 'sell' : 'buy';
    const { bid, ask } = await this.quote(symbol);
    const reference = side === 'sell' ? bid : ask;
    if (!reference) {
      carried.set(h0.accountId, (carried.get(h0.accountId) ?? ZERO).plus(owed));
      this.warn(`no ${side === 'sell' ? 'bid' : 'ask'} on ${symbol}: hedge of ${owed} carried`);
      return;
    }
    const slippage = this.cfg.hedgeSlippageBps;
    const price = offsetPrice(reference, side === 'sell' ? -slippage : slippage, side, market.tickSize);
    const capacity =
      side === 'buy'
        ? new Map([h0, h1].map((h) => [h.accountId, Decimal.max(this.position(h.accountId, symbol).neg().minus(this.inFlight(h.accountId, symbol, 'buy')), 0)]))
        : undefined;
    const [lo, hi] = this.cfg.randomSplitRange;
    const plan = planHedge({
      owed,
      carry: carried,
      hedgers: [h0.accountId, h1.accountId],
      ratio: new Decimal(this.ctx.random.between(lo, hi).toFixed(6)),
      minSize: minOrderSize(market, price),
      step: market.stepSize,
      capacity,
    });
    this.carry.set(symbol, plan.carry);
    const carriedAfter = new Map(plan.carry);
    // Each leg is owed by its hedger until covered; the executor sends it (or adds it to the order after the one in flight).
    const sent = await Promise.all(
      plan.legs.map(async (leg) => {
        const placed = await this.hedger.owe(leg.accountId, symbol, leg.size, { reduceOnly: side === 'buy' && !leg.beyondCapacity });
        return placed && { accountId: placed.accountId, side: placed.side, size: decimalText(placed.size), clientOrderId: placed.clientOrderId };
      }),
    );
    // What this hedge left carried: remainders the executor hands back later belong to later hedges.
    this.emitHedge(
      symbol,
      sent.filter((l) => l !== null),
      trigger,
      carriedAfter,
    );
  }

  private emitHedge(symbol: string, legs: RunEventOf<'hedge'>['legs'], trigger: HedgeTrigger, carried: ReadonlyMap<string, Decimal> = this.carryOf(symbol)): void {
    this.ctx.emit({
      type: 'hedge',
      symbol,
      forAccountId: trigger.fill?.accountId ?? null,
      forFillId: trigger.fill?.fillId ?? null,
      legs,
      carried: [...carried].map(([accountId, size]) => ({ accountId, size: decimalText(size) })),
      startedAt: trigger.startedAt,
      latencyMs: legs.length > 0 ? Math.max(0, this.ctx.clock.now() - trigger.arrivedAt) : null,
    });
  }

  /** What this account still owes to hedge on `symbol` on one side, queued or in flight (base units, ≥ 0). */
  private inFlight(accountId: string, symbol: string, side: 'buy' | 'sell'): Decimal {
    const owed = this.hedger.outstanding(accountId, symbol);
    return Decimal.max(side === 'buy' ? owed : owed.neg(), 0);
  }

  /**
   * Rebuilds what the hedgers owe from the positions (no hedge may be in
   * flight): for every coin-list symbol the accounts' net position is owed,
   * opposite, by that symbol's hedgers this round, and hedged at once when it
   * reaches one minimum order (a resumed run, a new round's hedgers).
   */
  private async rebalance(): Promise<void> {
    for (const symbol of this.symbols) await this.rebalanceSymbol(symbol);
    this.publish();
  }

  private async rebalanceSymbol(symbol: string): Promise<void> {
    const net = this.accs.reduce((sum, a) => sum.plus(this.position(a.accountId, symbol)), ZERO);
    const [h0, h1] = this.hedgersOf(symbol);
    this.carry.set(symbol, new Map([[h0.accountId, net.neg()], [h1.accountId, ZERO]]));
    if (net.abs().gte(minOrderSize(this.market(symbol), this.ctx.risk.exposure(symbol).price))) {
      this.info(`rebalancing ${symbol}: the accounts are net ${net} ${symbol}`);
      const now = this.now();
      await this.hedge(symbol, ZERO, { arrivedAt: now, startedAt: now, fill: null });
    }
  }

  /** True while an order of the run on `symbol` may still fill: a primary slice not ended, or a hedge in flight. */
  private busy(symbol: string): boolean {
    for (const [key, order] of this.primaryOrders) {
      const [accountId, clientOrderId] = key.split('\u0000') as [string, string];
      if (order.symbol === symbol && !this.accs.find((a) => a.accountId === accountId)!.watch.ended(clientOrderId)) return true;
    }
    return this.hedger.busy(symbol);
  }

  /**
   * The REST reconciliation of one account (every order_poll_interval): when
   * two reads in a row show the same position that differs from the one built
   * from fills, while nothing on that symbol could still fill, a fill was
   * missed — the venue's position is taken, the risk guard corrected and the
   * symbol rebalanced (hedged).
   */
  private async checkDrift(accountId: string, positions: readonly Position[]): Promise<void> {
    for (const symbol of this.symbols) {
      const key = orderKey(accountId, symbol);
      const reported = positions.find((p) => p.symbol === symbol)?.size ?? ZERO;
      const tracked = this.position(accountId, symbol);
      if (reported.eq(tracked) || this.busy(symbol)) {
        this.drift.delete(key);
        continue;
      }
      const seen = this.drift.get(key);
      if (!seen?.eq(reported)) {
        this.drift.set(key, reported);
        continue;
      }
      this.drift.delete(key);
      const label = this.accs.find((a) => a.accountId === accountId)!.label;
      this.warn(`${label}: ${symbol} position is ${reported} on the venue but ${tracked} from the fills received (a fill was missed); using the venue's and rebalancing`);
      this.positions.get(accountId)!.set(symbol, reported);
      this.ctx.risk.recordPositionChange(symbol, reported.minus(tracked));
      await this.rebalanceSymbol(symbol);
      this.publish();
    }
  }

  /** Queues a hedge of carried amounts that reached one minimum order (retries of hedges that filled nothing). */
  private queueRehedge(): void {
    for (const [symbol, carried] of this.carry) {
      const total = [...carried.values()].reduce((s, v) => s.plus(v), ZERO);
      const price = this.ctx.risk.exposure(symbol).price;
      if (total.abs().gte(minOrderSize(this.market(symbol), price))) {
        void this.queue.push(async () => {
          const now = this.now();
          await this.hedge(symbol, ZERO, { arrivedAt: now, startedAt: now, fill: null });
          this.publish();
        });
      }
    }
  }

  /**
   * Reports the exposure to the risk guard once the strategy has caught up
   * with every event delivered so far (the guard sees fills and order ends
   * as they are recorded, before the strategy handles them): only then is
   * "uncovered" what the strategy left uncovered.
   */
  private publish(): void {
    if (this.queue.size > 1) return;
    this.ctx.risk.publish();
    if (this.ctx.risk.mode === 'halted') this.halt.abort();
  }

  private triggerFailsafe(acc: RunAccount, symbol: string, message: string): void {
    if (this.failsafe !== null) return;
    this.failsafe = `${acc.label} (${acc.accountId}) on ${symbol}: not enough margin — ${message}`;
    this.ctx.logger.error({ account: acc.accountId, symbol }, `margin failsafe: ${this.failsafe}`);
    this.ctx.emit({ type: 'log', level: 'error', message: `margin failsafe: ${this.failsafe}; flattening every account` });
    this.ctx.risk.escalate('halted', `margin failsafe: ${this.failsafe}`);
    this.halt.abort();
  }

  // ── winding down ──────────────────────────────────────────────────────

  private outcome(completed: StrategyOutcome | null): StrategyOutcome {
    if (this.failsafe !== null) return { kind: 'failsafe', reason: `margin failsafe: ${this.failsafe}; every account flattened` };
    const stop = this.ctx.stopRequest();
    if (stop) return { kind: 'stopped', reason: stop.reason + (stop.flatten ? '; positions flattened' : '') };
    if (this.ctx.risk.mode === 'halted') return { kind: 'halted', reason: 'the risk guard halted the run; every account flattened' };
    return completed ?? { kind: 'stopped', reason: 'stopped' };
  }

  /** Waits (bounded) until no event is queued and no hedge is being covered. */
  private async settle(): Promise<void> {
    const deadline = this.now() + SETTLE_MS;
    await this.queue.idle();
    while (this.hedger.busy() && this.now() < deadline) {
      await this.hedger.idle(deadline - this.now());
      await this.queue.idle();
    }
    if (this.hedger.busy()) {
      const owed = this.hedger.openDebts().map((o) => `${o.owed} ${o.symbol} on ${o.accountId}`);
      this.warn(`hedges still being covered after ${SETTLE_MS / 1000} s: ${owed.join(', ')}`);
    }
  }

  /** Cancels resting slices, lets hedges in flight finish, and flattens when asked. */
  private async windDown(flatten: boolean): Promise<void> {
    for (const acc of this.accs) {
      for (const [key, order] of this.primaryOrders) {
        const [accountId, clientOrderId] = key.split('\u0000') as [string, string];
        if (accountId === acc.accountId && !acc.watch.ended(clientOrderId)) await this.cancel(acc, order.symbol, clientOrderId);
      }
    }
    await this.settle();
    if (flatten) {
      this.flattening = true;
      // Flattening closes every position: no hedge may race it.
      this.hedger.close();
      const result = await flattenAccounts({ accounts: this.accs, symbols: this.symbols, clock: this.ctx.clock, logger: this.ctx.logger });
      await this.queue.idle();
      const left = result.leftovers.map((l) => `${l.symbol} ${l.size} on ${l.accountId} (${l.reason})`);
      this.info(`flattened with ${result.orders} order(s)${left.length > 0 ? `; left open: ${left.join(', ')}` : ''}`);
    }
    this.ctx.risk.publish();
    this.progress();
  }

  private teardown(): void {
    this.hedger.close();
    for (const off of this.detach.splice(0)) off();
    for (const acc of this.accs) acc.watch.close();
    for (const book of this.books.values()) book.close();
  }

  // ── state and helpers ─────────────────────────────────────────────────

  private round(acc: Acc): AccountRound {
    return this.state.accounts[acc.accountId]!;
  }

  /** Moves an account's state machine, stores the state, then logs and emits the transition. */
  private move(acc: Acc, to: AccountPhase, reason: string, patch: Partial<AccountRound> = {}): void {
    const from = this.round(acc).phase;
    if (!canMove(from, to)) throw new AccountPhaseError(acc.accountId, from, to);
    this.state.accounts[acc.accountId] = { ...this.round(acc), ...patch, phase: to };
    this.ctx.store.saveState(this.state);
    this.ctx.store.accountTransition(acc.accountId, from, to, reason);
    this.progress();
  }

  private market(symbol: string): Market {
    const m = this.markets.get(symbol);
    if (!m) throw new Error(`no market for ${symbol}`);
    return m;
  }

  private position(accountId: string, symbol: string): Decimal {
    return this.positions.get(accountId)?.get(symbol) ?? ZERO;
  }

  private long(accountId: string, symbol: string | null): Decimal {
    return symbol === null ? ZERO : Decimal.max(this.position(accountId, symbol), 0);
  }

  private quote(symbol: string) {
    return this.accs[0]!.venue.bestBidAsk(symbol);
  }

  /** Clock time in whole ms (what is stored and emitted). */
  private now(): number {
    return wholeMsNow(this.ctx.clock);
  }

  private sleep(ms: number): Promise<void> {
    return sleepUnlessHalted(this.ctx.clock, ms, this.halt.signal);
  }

  private info(message: string): void {
    logToRun(this.ctx, 'info', message);
  }

  private warn(message: string): void {
    logToRun(this.ctx, 'warn', message);
  }

  private progress(): void {
    const now = this.now();
    const accounts: AccountProgress[] = this.accs.map((acc) => {
      const r = this.round(acc);
      const held = this.long(acc.accountId, r.symbol);
      const price = r.symbol ? this.ctx.risk.exposure(r.symbol).price : ZERO;
      const holdEndsAt = r.holdStartedAt === null ? null : r.holdStartedAt + r.holdMs;
      return {
        accountId: acc.accountId,
        label: acc.label,
        role: acc.role,
        symbol: r.symbol,
        phase: r.phase,
        filledSize: decimalText(held),
        targetSize: r.targetSize,
        filledNotional: decimalText(held.times(price), 2),
        targetNotional: r.targetNotional,
        slices: r.slices,
        holdStartedAt: r.holdStartedAt,
        holdEndsAt,
        holdLeftMs: r.phase === 'holding' && holdEndsAt !== null ? Math.max(0, holdEndsAt - now) : null,
        exitStartSize: r.exitStartSize,
        exitRemainingSize: r.phase === 'exiting' || r.phase === 'done' ? decimalText(held) : null,
      };
    });
    this.ctx.emit({
      type: 'progress',
      round: this.state.roundsDone,
      rounds: this.cfg.runOnce ? roundsPerPass(this.symbols.length, this.accs.length) : null,
      accounts,
    });
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || /abort/i.test(err.message));
}
