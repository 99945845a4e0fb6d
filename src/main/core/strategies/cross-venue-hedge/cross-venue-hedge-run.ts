import Decimal from 'decimal.js';
import { CROSS_HEDGE_HISTORY, crossHedgeStateSchema, type CrossHedgeState, type CycleCloseReason, type CycleLeg, type CycleRecord } from '../../../../shared/schemas/cross-venue-hedge';
import { decimalText } from '../../engine/decimal-text';
import { flattenAccounts } from '../../engine/flatten';
import { HedgeExecutor } from '../../engine/hedge-executor';
import { floorToStep, minOrderSize, offsetPrice } from '../../engine/market-math';
import type { OrderPurpose } from '../../engine/order-purpose';
import { OrderWatch } from '../../engine/order-watch';
import type { RunAccount, StrategyContext, StrategyOutcome } from '../../engine/strategy';
import type { BookSubscription, Fill, Market, Side } from '../../venues/venue';
import { sleepUnlessHalted, wholeMsNow } from '../run-clock';
import { logToRun } from '../run-log';
import type { CrossVenueHedgeConfig } from './config-schema';
import { cycleQuantity } from './cycle-quantity';
import { judgeLegs, legPnlPct, legPnlUsdc, slippageBps } from './leg-pnl';
import { checkCrossVenueMarkets } from './market-checks';

const ZERO = new Decimal(0);
/** How long a marketable order may take to end (venue's final status and its fills), ms of clock time. */
const ORDER_END_MS = 10_000;
/**
 * How long a rollback or close may go on being retried by the hedge executor
 * before the strategy gives the rest up (reported in the cycle), ms of clock
 * time. Longer than the risk guard's naked-time bound (10 s → reducing-only,
 * 60 s → halted), which acts first on a leg left naked; this only ends the
 * wait when both legs stay open (still hedged).
 */
const COVER_LIMIT_MS = 120_000;
/**
 * A holding cycle looks at the marks on every book update of either venue,
 * and at least this often (ms of clock time) — also how often it is emitted
 * with marks and PnL.
 */
const LOOK_EVERY_MS = 1_000;

/** A leg's phase as its account's transitions show it. */
type LegPhase = 'flat' | 'opening' | 'holding' | 'closing';

/** One account of the run in its role for the run (long or short), with what the strategy tracks of it. */
interface Leg {
  role: 'long' | 'short';
  acc: RunAccount;
  /** `lighter account "Paper A"`: for messages. */
  name: string;
  market: Market;
  watch: OrderWatch;
  book: BookSubscription | null;
  /** Takes the leg down (rollback, close): reduce-only marketable orders retried until covered. */
  hedger: HedgeExecutor;
  /** Fills of the hedger's orders not yet counted by {@link CrossVenueHedgeRun.cover} (a late one counts in the next cover, so `held` follows the venue). */
  hedgeFills: Fill[];
  /** Fills of this run's orders on the ticker, by client order id. */
  fills: Map<string, Fill[]>;
  /** The leg's signed size in the engine's last two REST position reads while holding (oldest first). */
  reads: Decimal[];
  phase: LegPhase;
  /** Size held in the current cycle (base units, ≥ 0). */
  held: Decimal;
  /** Average entry price of the held size (USDC). */
  entryPrice: Decimal | null;
  fees: Decimal;
}

/** What one marketable order did. */
interface Execution {
  filled: Decimal;
  /** Volume-weighted fill price; null when nothing filled. */
  price: Decimal | null;
  fees: Decimal;
  /** Why it was refused or ended short, for the log; null when it filled in full. */
  problem: string | null;
  /** A rollback or close the hedge executor had not covered after {@link COVER_LIMIT_MS}: the rest was given up. */
  gaveUp: boolean;
}

const openSide = (role: Leg['role']): Side => (role === 'long' ? 'buy' : 'sell');
const closeSide = (role: Leg['role']): Side => (role === 'long' ? 'sell' : 'buy');

/**
 * One cross-venue-hedge run (README.md in this folder): cycles of "open the
 * long and the short leg at once with marketable orders, equalise them
 * (reduce-only rollback of the difference), hold while watching each leg's
 * PnL on its venue's book, close both at once on take-profit, stop-loss or
 * hold expiry, cool down", until stopped. Every cycle is stored in the run's
 * state and emitted as a `cycle` event.
 */
export class CrossVenueHedgeRun {
  private state: CrossHedgeState = { version: 1, history: [], current: null, failures: 0, nextCycleAt: null };
  private readonly detach: (() => void)[] = [];
  private lastEmit = 0;

  constructor(
    private readonly cfg: CrossVenueHedgeConfig,
    private readonly ctx: StrategyContext,
  ) {}

  /**
   * Runs cycles until stopped, the run fails (max_failures opens in a row
   * failed, a quantity below a venue's minimum) or the risk guard leaves
   * normal mode; closes open legs on the way out as configured.
   * @throws Error when the accounts lack collateral, hold positions already,
   *   or the markets do not fit (the run fails with the message).
   */
  async run(): Promise<StrategyOutcome> {
    const opened: Leg[] = [];
    let legs: [Leg, Leg];
    try {
      legs = await this.setUp(opened);
    } catch (err) {
      this.teardown(opened);
      throw err;
    }
    let error: unknown = null;
    let halted = false;
    try {
      halted = await this.loop(legs);
    } catch (err) {
      error = err;
    }
    const stop = this.ctx.stopRequest();
    const suspend = stop !== null && (stop as { suspend?: boolean }).suspend === true;
    const close = !suspend && (halted || error !== null || stop === null || stop.flatten || this.cfg.closeOnStop);
    let left = '';
    try {
      if (this.state.current && close) await this.closeCycle(legs, 'stop');
      else if (this.state.current) left = `; legs left open: ${legs.map((l) => `${l.role} ${l.held} ${this.cfg.ticker} on ${l.name}`).join(', ')}`;
      if (halted) {
        // Whatever a failed rollback or close left in the ticker goes too (reduce-only).
        const result = await flattenAccounts({ accounts: legs.map((l) => l.acc), symbols: [this.cfg.ticker], clock: this.ctx.clock, logger: this.ctx.logger });
        if (result.leftovers.length > 0) left = `; left open: ${result.leftovers.map((x) => `${x.size} ${x.symbol} on ${x.accountId} (${x.reason})`).join(', ')}`;
      }
      this.ctx.risk.publish();
    } finally {
      this.teardown(legs);
    }
    if (error) throw error;
    if (halted) return { kind: 'halted', reason: `the risk guard left normal mode (uncovered exposure); the ticker flattened${left}` };
    return { kind: 'stopped', reason: `${stop?.reason ?? 'stopped'}${this.state.current === null && close ? '; legs closed' : ''}${left}` };
  }

  // ── set-up ────────────────────────────────────────────────────────────

  /** Builds both legs (pushed to `opened` as they are made, for teardown), checks the accounts, loads or stores the state. */
  private async setUp(opened: Leg[]): Promise<[Leg, Leg]> {
    const { ctx, cfg } = this;
    if (ctx.accounts.length !== 2) throw new Error(`cross-venue-hedge needs two accounts, got ${ctx.accounts.length}`);
    const legs = (await Promise.all(
      ctx.accounts.map(async (acc, i): Promise<Leg> => {
        const name = `${acc.venue.venue} account "${acc.label}"`;
        const issues = checkCrossVenueMarkets(cfg, await acc.venue.markets(), name);
        if (issues.length > 0) throw new Error(issues.map((x) => `${x.path}: ${x.message}`).join('; '));
        const role: Leg['role'] = (i === 0) !== cfg.reverse ? 'long' : 'short';
        const market = await acc.venue.market(cfg.ticker);
        const hedgeFills: Fill[] = [];
        const leg: Leg = {
          role,
          acc,
          name,
          market,
          watch: new OrderWatch(acc.venue, ctx.clock),
          book: null,
          hedger: new HedgeExecutor({
            accounts: [acc],
            market: () => market,
            risk: ctx.risk,
            clock: ctx.clock,
            logger: ctx.logger,
            slippageBps: cfg.slippageBps,
            onFill: (_accountId, fill) => hedgeFills.push(fill),
            onRetry: (_accountId, _symbol, message) => this.warn(`${name}: ${message}`),
          }),
          hedgeFills,
          fills: new Map(),
          reads: [],
          phase: 'flat',
          held: ZERO,
          entryPrice: null,
          fees: ZERO,
        };
        opened.push(leg);
        this.detach.push(
          acc.venue.onAccountEvent((e) => {
            if (e.type !== 'fill' || e.fill.symbol !== leg.market.symbol || e.fill.clientOrderId === null) return;
            const list = leg.fills.get(e.fill.clientOrderId);
            if (list) list.push(e.fill);
          }),
        );
        try {
          leg.book = await acc.venue.subscribeBook(leg.market.symbol);
        } catch (err) {
          ctx.logger.warn({ account: acc.accountId, err: (err as Error).message }, 'no live book; marks come from REST');
        }
        return leg;
      }),
    )) as [Leg, Leg];
    this.detach.push(
      ctx.onPositionSnapshot((accountId, positions) => {
        const leg = legs.find((l) => l.acc.accountId === accountId);
        if (leg?.phase !== 'holding') return;
        leg.reads = [...leg.reads.slice(-1), positions.find((p) => p.symbol === leg.market.symbol)?.size ?? ZERO];
      }),
    );
    const resumed = ctx.resumeState !== null && ctx.resumeState !== undefined;
    if (resumed) {
      const parsed = crossHedgeStateSchema.safeParse(ctx.resumeState);
      if (!parsed.success) throw new Error(`the stored state of run ${ctx.runId} cannot be read: ${parsed.error.message}`);
      this.state = parsed.data;
    } else this.checkFlat(legs);
    await this.checkCollateral(legs);
    const mid = await this.averageMid(legs);
    if (mid) ctx.risk.setPrice(cfg.ticker, mid);
    if (resumed) await this.resumeCycle(legs);
    ctx.store.saveState(this.state);
    return legs;
  }

  /** A fresh run refuses accounts that already hold the ticker or have orders in it. */
  private checkFlat(legs: readonly Leg[]): void {
    for (const leg of legs) {
      const reconciled = this.ctx.reconciled.get(leg.acc.accountId);
      if (reconciled?.openOrders.some((o) => o.symbol === leg.market.symbol)) {
        throw new Error(`${leg.name} has open ${leg.market.symbol} orders: cancel them before starting`);
      }
      const held = reconciled?.positions.find((p) => p.symbol === leg.market.symbol)?.size ?? ZERO;
      if (!held.isZero()) throw new Error(`${leg.name} already holds ${held} ${leg.market.symbol}: close it before starting (or resume the run that opened it)`);
    }
  }

  /**
   * Both accounts need at least 2 × margin of available collateral.
   * @throws Error naming both accounts and both amounts.
   */
  private async checkCollateral(legs: readonly Leg[]): Promise<void> {
    const need = this.cfg.margin.times(2);
    const available = await Promise.all(legs.map(async (l) => (await l.acc.venue.collateral()).available));
    if (available.some((a) => a.lt(need))) {
      const each = legs.map((l, i) => `${l.name} has ${decimalText(available[i]!, 2)} USDC`).join(', ');
      throw new Error(`not enough collateral: each account needs at least ${need} USDC available (2 × margin ${this.cfg.margin}); ${each}`);
    }
  }

  /**
   * A resumed run: a cycle that was holding goes on holding when both
   * accounts still hold its legs; any other cycle in progress is closed
   * (reduce-only) and recorded as ended by the restart.
   */
  private async resumeCycle(legs: [Leg, Leg]): Promise<void> {
    const current = this.state.current;
    if (!current) return;
    const sizes = legs.map((l) => this.ctx.reconciled.get(l.acc.accountId)?.positions.find((p) => p.symbol === l.market.symbol)?.size ?? ZERO);
    const consistent =
      current.phase === 'holding' &&
      legs.every((l, i) => {
        const stored = current.legs.find((c) => c.accountId === l.acc.accountId);
        const signed = l.role === 'long' ? sizes[i]! : sizes[i]!.neg();
        return stored !== undefined && stored.entryPrice !== null && signed.eq(stored.size) && signed.gt(0);
      });
    if (consistent) {
      for (const l of legs) {
        const stored = current.legs.find((c) => c.accountId === l.acc.accountId)!;
        l.held = new Decimal(stored.size);
        l.entryPrice = new Decimal(stored.entryPrice!);
        l.fees = new Decimal(stored.fees);
        this.move(l, 'holding', `cycle ${current.cycle} resumed`);
      }
      this.info(`cycle ${current.cycle}: resumed holding ${current.legs[0]!.size} ${this.cfg.ticker} on both legs`);
      return;
    }
    this.warn(`cycle ${current.cycle} was ${current.phase} when the run was interrupted: closing what the accounts hold`);
    const result = await flattenAccounts({ accounts: legs.map((l) => l.acc), symbols: [this.cfg.ticker], clock: this.ctx.clock, logger: this.ctx.logger });
    const done: CycleRecord = { ...current, phase: 'closed', closedAt: this.now(), closeReason: null, detail: `closed after a restart with ${result.orders} reduce-only order(s)`, nextCycleAt: null };
    this.finishCycle(done);
  }

  // ── the loop ──────────────────────────────────────────────────────────

  /** Cycles until a stop; true when the risk guard left normal mode. */
  private async loop(legs: [Leg, Leg]): Promise<boolean> {
    const { ctx } = this;
    while (!ctx.signal.aborted) {
      if (ctx.risk.mode !== 'normal') return true;
      if (!this.state.current) {
        const wait = (this.state.nextCycleAt ?? 0) - this.now();
        if (wait > 0) {
          await this.sleep(wait);
          continue;
        }
        await this.openCycle(legs);
        continue;
      }
      const reason = await this.hold(legs);
      if (reason === null) break;
      await this.closeCycle(legs, reason);
    }
    return ctx.risk.mode !== 'normal';
  }

  /**
   * Opens both legs at once with marketable orders; when they filled
   * differently, takes the difference off the larger leg (reduce-only,
   * marketable) so both hold the same size. Holding when both hold
   * something; a failed open otherwise (both flat), counted toward
   * max_failures.
   * @throws CycleQuantityError; Error after max_failures failed opens in a row.
   */
  private async openCycle(legs: [Leg, Leg]): Promise<void> {
    const { cfg } = this;
    const mids = await Promise.all(legs.map((l) => this.mid(l)));
    if (mids.some((m) => m === null)) {
      this.warn(`no prices on ${legs.filter((_, i) => mids[i] === null).map((l) => l.name).join(' and ')}: waiting`);
      await this.sleep(1_000);
      return;
    }
    const [midA, midB] = mids as [Decimal, Decimal];
    const size = cycleQuantity(cfg.margin, [
      { name: legs[0].name, market: legs[0].market, mid: midA },
      { name: legs[1].name, market: legs[1].market, mid: midB },
    ]);
    this.ctx.risk.setPrice(cfg.ticker, midA.plus(midB).div(2));
    const number = (this.state.history.at(-1)?.cycle ?? 0) + 1;
    const record: CycleRecord = {
      cycle: number,
      symbol: cfg.ticker,
      phase: 'opening',
      targetSize: decimalText(size),
      legs: legs.map((l, i) => this.legView(l, { entryMid: mids[i]! })),
      fees: '0',
      pnl: '0',
      startedAt: this.now(),
      openedAt: null,
      holdEndsAt: null,
      closedAt: null,
      closeReason: null,
      detail: null,
      nextCycleAt: null,
    };
    for (const l of legs) {
      l.held = ZERO;
      l.entryPrice = null;
      l.fees = ZERO;
    }
    this.state.current = record;
    this.state.nextCycleAt = null;
    this.save(record);
    for (const l of legs) this.move(l, 'opening', `cycle ${number}: ${openSide(l.role)} ${size} ${cfg.ticker}`);

    const opened = await Promise.all(legs.map((l, i) => this.execute(l, openSide(l.role), size, mids[i]!, false, 'entry')));
    legs.forEach((l, i) => {
      const e = opened[i]!;
      l.held = e.filled;
      l.entryPrice = e.price;
      l.fees = e.fees;
    });
    const problems = legs.flatMap((l, i) => (opened[i]!.problem ? [`${l.role} leg on ${l.name}: ${opened[i]!.problem}`] : []));
    let detail = problems.length > 0 ? problems.join('; ') : null;
    if (!legs[0].held.eq(legs[1].held)) {
      const rolled = await this.equalise(legs);
      detail = [detail, rolled].filter((x) => x !== null).join('; ');
    }
    const held = legs[0].held;
    const hedged = held.gt(0) && held.eq(legs[1].held);
    record.legs = legs.map((l, i) => ({
      ...this.legView(l, { entryMid: mids[i]! }),
      entrySlippageBps: opened[i]!.price ? decimalText(slippageBps(openSide(l.role), opened[i]!.price!, mids[i]!), 2) : null,
    }));
    record.detail = detail;
    this.ctx.risk.publish();
    if (hedged) {
      this.state.failures = 0;
      record.phase = 'holding';
      record.openedAt = this.now();
      record.holdEndsAt = record.openedAt + cfg.holdMs;
      this.totals(record);
      this.save(record);
      for (const l of legs) this.move(l, 'holding', `cycle ${number}: ${l.role} ${held} ${cfg.ticker} at ${l.entryPrice}`);
      this.info(`cycle ${number}: long and short ${held} ${cfg.ticker} open${detail ? ` (${detail})` : ''}; holding up to ${cfg.holdMs / 1000} s`);
      return;
    }
    this.state.failures++;
    record.phase = 'failed';
    record.closeReason = 'open-failed';
    record.closedAt = this.now();
    record.legs = record.legs.map((l) => ({ ...l, size: '0' }));
    const left = legs.filter((l) => l.held.gt(0));
    if (left.length > 0) detail = `${detail ?? ''}; left open: ${left.map((l) => `${l.held} on ${l.name}`).join(', ')}`;
    record.detail = detail ?? 'nothing filled';
    this.totals(record);
    for (const l of legs) this.move(l, 'flat', `cycle ${number}: open failed`);
    this.warn(`cycle ${number}: the open failed and was rolled back (${record.detail}); ${this.state.failures} of ${cfg.maxFailures} failures in a row`);
    if (this.state.failures >= cfg.maxFailures) {
      this.finishCycle({ ...record, nextCycleAt: null });
      throw new Error(`${this.state.failures} cycles in a row failed to open; last: ${record.detail}`);
    }
    this.finishCycle({ ...record, nextCycleAt: this.now() + cfg.cooldownMs });
  }

  /**
   * Takes the difference between the legs off the larger one (reduce-only,
   * marketable), repeating while it is at least one minimum order. When the
   * difference is below the larger venue's minimum order (it cannot be
   * sent), both legs are closed instead. Returns what it did, for the cycle's detail.
   */
  private async equalise(legs: [Leg, Leg]): Promise<string> {
    const [a, b] = legs;
    const larger = a.held.gt(b.held) ? a : b;
    const smaller = larger === a ? b : a;
    const diff = larger.held.minus(smaller.held);
    const mid = await this.mid(larger);
    const min = minOrderSize(larger.market, mid ?? larger.entryPrice ?? ZERO);
    if (diff.gte(min)) {
      const taken = (await this.cover(larger, diff, 'flatten')).filled;
      larger.held = larger.held.minus(taken);
      if (larger.held.eq(smaller.held)) return `rolled back ${taken} ${this.cfg.ticker} on ${larger.name} (the ${larger.role} leg filled ${diff} more)`;
    }
    const closed = await Promise.all(legs.map(async (l) => (l.held.gt(0) ? (await this.cover(l, l.held, 'flatten')).filled : ZERO)));
    legs.forEach((l, i) => (l.held = l.held.minus(closed[i]!)));
    return `the legs could not be made equal (difference ${diff} ${this.cfg.ticker}, minimum order ${min} on ${larger.name}): closed both`;
  }

  /**
   * Holds until take-profit, stop-loss or hold expiry (clock time), judging
   * each leg on its own against its venue's mid on every book update (and at
   * least once a second); emits the cycle with marks and PnL about once a
   * second. A leg that two REST position reads in a row show smaller than
   * held (liquidated, closed by hand) ends the cycle too: `leg-closed`.
   * Returns why to close, or null on a stop.
   */
  private async hold(legs: [Leg, Leg]): Promise<CycleCloseReason | null> {
    const record = this.state.current!;
    this.lastEmit = 0; // the first look at the marks is emitted at once
    for (const l of legs) l.reads = []; // reads from before the hold may predate the open
    while (!this.ctx.signal.aborted) {
      const lost = legs.find((l) => this.shrunk(l) !== null);
      if (lost) {
        const now = this.shrunk(lost)!;
        record.detail = `the ${lost.role} leg on ${lost.name} went from ${lost.held} to ${now} ${this.cfg.ticker} outside the run (liquidated or closed by hand)`;
        this.warn(`cycle ${record.cycle}: ${record.detail}; closing the other leg`);
        lost.held = now;
        return 'leg-closed';
      }
      const marks = await Promise.all(legs.map((l) => this.mid(l)));
      legs.forEach((l, i) => {
        const view = record.legs.find((v) => v.accountId === l.acc.accountId)!;
        const mark = marks[i] ?? (view.mark === null ? null : new Decimal(view.mark));
        if (mark && l.entryPrice) Object.assign(view, this.markView(l, mark));
      });
      this.totals(record);
      const judged = legs.every((l, i) => marks[i] && l.entryPrice);
      const reason = judged
        ? judgeLegs(
            legs.map((l, i) => ({ role: l.role, entryPrice: l.entryPrice!, mark: marks[i]! })),
            this.cfg.takeProfitPct,
            this.cfg.stopLossPct,
          )
        : null;
      if (reason) return reason;
      if (this.now() >= (record.holdEndsAt ?? 0)) return 'hold-expired';
      if (this.now() - this.lastEmit >= LOOK_EVERY_MS) this.emitCycle(record);
      await this.nextLook(legs, Math.min(LOOK_EVERY_MS, Math.max(1, (record.holdEndsAt ?? 0) - this.now())));
    }
    return null;
  }

  /** Resolves on the next book update of either leg, after `ms` of clock time, or on a stop — whichever comes first. */
  private nextLook(legs: readonly Leg[], ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = new AbortController();
      const offs: (() => void)[] = [];
      let done = false;
      const wake = () => {
        if (done) return;
        done = true;
        timer.abort();
        for (const off of offs) off();
        resolve();
      };
      for (const l of legs) if (l.book) offs.push(l.book.onUpdate(wake));
      this.ctx.clock.sleep(Math.round(ms), AbortSignal.any([timer.signal, this.ctx.signal])).then(wake, wake);
    });
  }

  /** The size a holding leg still has when two REST reads in a row agree it is smaller than held (base units, ≥ 0); else null. */
  private shrunk(l: Leg): Decimal | null {
    const [a, b] = l.reads;
    if (!a || !b || !a.eq(b)) return null;
    const size = l.role === 'long' ? b : b.neg();
    return size.lt(l.held) ? Decimal.max(size, 0) : null;
  }

  /** Closes both legs at once (reduce-only, marketable) and records the ended cycle. */
  private async closeCycle(legs: [Leg, Leg], reason: CycleCloseReason): Promise<void> {
    const record = this.state.current!;
    if (legs.every((l) => l.held.isZero())) {
      this.finishCycle({ ...record, phase: 'closed', closedAt: this.now(), closeReason: reason, nextCycleAt: null });
      return;
    }
    record.phase = 'closing';
    record.closeReason = reason;
    this.save(record);
    for (const l of legs) this.move(l, 'closing', `cycle ${record.cycle}: ${reason}`);
    const mids = await Promise.all(legs.map((l) => this.mid(l)));
    const exits = await Promise.all(legs.map((l) => this.closeLeg(l)));
    const left = legs.filter((l) => l.held.gt(0));
    record.legs = legs.map((l, i) => {
      const view = record.legs.find((v) => v.accountId === l.acc.accountId)!;
      const e = exits[i]!;
      const exitPrice = e.price;
      const size = new Decimal(view.size);
      return {
        ...view,
        exitPrice: exitPrice ? decimalText(exitPrice) : null,
        exitMid: mids[i] ? decimalText(mids[i]!) : null,
        mark: exitPrice ? decimalText(exitPrice) : view.mark,
        fees: decimalText(l.fees),
        pnl: exitPrice && l.entryPrice ? decimalText(legPnlUsdc(l.role, l.entryPrice, exitPrice, size, l.fees), 6) : view.pnl,
        pnlPct: exitPrice && l.entryPrice ? decimalText(legPnlPct({ role: l.role, entryPrice: l.entryPrice, mark: exitPrice }), 4) : view.pnlPct,
        exitSlippageBps: exitPrice && mids[i] ? decimalText(slippageBps(closeSide(l.role), exitPrice, mids[i]!), 2) : null,
      };
    });
    if (left.length > 0) record.detail = `not closed: ${left.map((l) => `${l.held} ${this.cfg.ticker} on ${l.name}`).join(', ')}`;
    this.totals(record);
    for (const l of legs) this.move(l, 'flat', `cycle ${record.cycle}: closed (${reason})`);
    const stopping = this.ctx.signal.aborted;
    this.finishCycle({ ...record, phase: 'closed', closedAt: this.now(), nextCycleAt: stopping ? null : this.now() + this.cfg.cooldownMs });
    this.ctx.risk.publish();
    const total = new Decimal(record.pnl);
    this.info(`cycle ${record.cycle} closed (${reason}): PnL ${total.toDecimalPlaces(4)} USDC, fees ${new Decimal(record.fees).toDecimalPlaces(4)} USDC${record.detail ? `; ${record.detail}` : ''}`);
    if (left.length > 0) this.warn(`cycle ${record.cycle}: ${record.detail}`);
    // Legs the executor could not close in time: no new cycle on top of them; the run halts and flattens the ticker.
    if (exits.some((e) => e.gaveUp)) this.ctx.risk.escalate('halted', `cycle ${record.cycle}: the legs could not be closed within ${COVER_LIMIT_MS / 1000} s (${record.detail})`);
  }

  /** Closes one leg (reduce-only) and returns its exit fills' volume-weighted price and fees. */
  private async closeLeg(leg: Leg): Promise<Execution> {
    const e = await this.cover(leg, leg.held, 'exit');
    leg.held = leg.held.minus(e.filled);
    return e;
  }

  /**
   * Takes `size` off a leg through its hedge executor: reduce-only
   * marketable IOC orders, one at a time, urgent in the client's rate
   * limiter, a 429, refusal or unfilled order retried with backoff (100 ms
   * doubling to 2 s) until less than one minimum order is left — even while
   * the run stops. Gives up only after {@link COVER_LIMIT_MS}; a leg left
   * naked meanwhile makes the risk guard escalate (reducing-only, then
   * halted, each notified). Fees are added to the leg. Returns what filled:
   * size, volume-weighted price and fees of every fill of its orders.
   */
  private async cover(leg: Leg, size: Decimal, purpose: OrderPurpose): Promise<Execution> {
    const { symbol } = leg.market;
    const side = closeSide(leg.role);
    void leg.hedger.owe(leg.acc.accountId, symbol, side === 'buy' ? size : size.neg(), { reduceOnly: true, purpose });
    const deadline = this.now() + COVER_LIMIT_MS;
    while (leg.hedger.busy() && this.now() < deadline) await leg.hedger.idle(deadline - this.now());
    let problem: string | null = null;
    const gaveUp = leg.hedger.busy();
    if (gaveUp) {
      const left = leg.hedger.abandon(leg.acc.accountId, symbol);
      problem = `${left.abs()} ${symbol} still not covered after ${COVER_LIMIT_MS / 1000} s`;
    }
    const fills = leg.hedgeFills.splice(0);
    const filled = fills.reduce((s, f) => s.plus(f.size), ZERO);
    const fees = fills.reduce((s, f) => s.plus(f.fee), ZERO);
    const price = filled.gt(0) ? fills.reduce((s, f) => s.plus(f.price.times(f.size)), ZERO).div(filled) : null;
    leg.fees = leg.fees.plus(fees);
    if (!problem && filled.lt(size)) problem = `${size.minus(filled)} ${symbol} left (below one minimum order)`;
    if (problem) this.warn(`${leg.name}: reduce-only ${side} ${size} ${symbol}: ${problem}`);
    return { filled, price, fees, problem, gaveUp };
  }

  /**
   * Sends one marketable order (type `market`, worst price `slippage_bps`
   * beyond `mid` on the tick grid) and waits (bounded) for it to end.
   * Never throws for the venue's refusal: it comes back as `problem`.
   */
  private async execute(leg: Leg, side: Side, size: Decimal, mid: Decimal, reduceOnly: boolean, purpose: OrderPurpose): Promise<Execution> {
    const { venue } = leg.acc;
    const price = offsetPrice(mid, side === 'buy' ? this.cfg.slippageBps : -this.cfg.slippageBps, side, leg.market.tickSize);
    const clientOrderId = venue.nextClientOrderId();
    leg.fills.set(clientOrderId, []);
    try {
      await venue.placeOrder({ symbol: leg.market.symbol, side, size: floorToStep(size, leg.market.stepSize), type: 'market', price, timeInForce: 'IOC', reduceOnly, clientOrderId, purpose });
    } catch (err) {
      leg.fills.delete(clientOrderId);
      return { filled: ZERO, price: null, fees: ZERO, problem: `refused: ${(err as Error).message}`, gaveUp: false };
    }
    let order = await leg.watch.waitEnded(clientOrderId, ORDER_END_MS);
    if (!order) {
      const venueOrderId = leg.watch.get(clientOrderId).order?.venueOrderId;
      if (venueOrderId) await venue.cancelOrder(leg.market.symbol, venueOrderId).catch(() => undefined);
      order = await leg.watch.waitEnded(clientOrderId, ORDER_END_MS);
    }
    const fills = leg.fills.get(clientOrderId) ?? [];
    leg.fills.delete(clientOrderId);
    const filled = fills.reduce((s, f) => s.plus(f.size), ZERO);
    const fees = fills.reduce((s, f) => s.plus(f.fee), ZERO);
    const vwap = filled.gt(0) ? fills.reduce((s, f) => s.plus(f.price.times(f.size)), ZERO).div(filled) : null;
    let problem: string | null = null;
    if (!order) problem = `no final status within ${(2 * ORDER_END_MS) / 1000} s (filled ${filled})`;
    else if (filled.lt(size)) problem = `filled ${filled} of ${size} (${order.statusReason ?? order.status})`;
    return { filled, price: vwap, fees, problem, gaveUp: false };
  }

  // ── state, events and helpers ─────────────────────────────────────────

  /** Ends the current cycle: into the history, stored, emitted. */
  private finishCycle(record: CycleRecord): void {
    this.state.history.push(record);
    if (this.state.history.length > CROSS_HEDGE_HISTORY) this.state.history.splice(0, this.state.history.length - CROSS_HEDGE_HISTORY);
    this.state.current = null;
    this.state.nextCycleAt = record.nextCycleAt;
    this.ctx.store.saveState(this.state);
    this.emitCycle(record);
  }

  /** Stores the state with `record` as the current cycle, then emits it. */
  private save(record: CycleRecord): void {
    this.state.current = record;
    this.ctx.store.saveState(this.state);
    this.emitCycle(record);
  }

  private emitCycle(record: CycleRecord): void {
    this.lastEmit = this.now();
    this.ctx.emit({ type: 'cycle', ...structuredClone(record) });
  }

  /** A leg's view before marks: size held, entry, fees. */
  private legView(l: Leg, at: { entryMid: Decimal }): CycleLeg {
    return {
      role: l.role,
      accountId: l.acc.accountId,
      label: l.acc.label,
      venue: l.acc.venue.venue,
      side: openSide(l.role),
      size: decimalText(l.held),
      entryPrice: l.entryPrice ? decimalText(l.entryPrice, 8) : null,
      exitPrice: null,
      entryMid: decimalText(at.entryMid),
      exitMid: null,
      mark: null,
      fees: decimalText(l.fees),
      pnl: decimalText(l.fees.neg()),
      pnlPct: null,
      entrySlippageBps: null,
      exitSlippageBps: null,
    };
  }

  /** The mark-dependent fields of a holding leg. */
  private markView(l: Leg, mark: Decimal): Pick<CycleLeg, 'mark' | 'pnl' | 'pnlPct'> {
    return {
      mark: decimalText(mark),
      pnl: decimalText(legPnlUsdc(l.role, l.entryPrice!, mark, l.held, l.fees), 6),
      pnlPct: decimalText(legPnlPct({ role: l.role, entryPrice: l.entryPrice!, mark }), 4),
    };
  }

  /** Sets the cycle's fee and PnL totals from its legs. */
  private totals(record: CycleRecord): void {
    record.fees = decimalText(record.legs.reduce((s, l) => s.plus(l.fees), ZERO));
    record.pnl = decimalText(record.legs.reduce((s, l) => s.plus(l.pnl), ZERO), 6);
  }

  /** Moves a leg's account to `to` and logs the transition (emitted as a `transition` event). */
  private move(l: Leg, to: LegPhase, reason: string): void {
    if (l.phase === to) return;
    this.ctx.store.accountTransition(l.acc.accountId, l.phase, to, reason);
    l.phase = to;
  }

  /** The venue's mid (USDC) from its live book, else from a REST quote; null with an empty side or when the quote failed (logged). */
  private async mid(l: Leg): Promise<Decimal | null> {
    const book = l.book?.snapshot();
    let bid = book?.bids[0]?.price ?? null;
    let ask = book?.asks[0]?.price ?? null;
    if (!bid || !ask) {
      try {
        ({ bid, ask } = await l.acc.venue.bestBidAsk(l.market.symbol));
      } catch (err) {
        this.ctx.logger.warn({ account: l.acc.accountId, err: (err as Error).message }, 'no quote');
        return null;
      }
    }
    return bid && ask ? bid.plus(ask).div(2) : null;
  }

  private async averageMid(legs: readonly Leg[]): Promise<Decimal | null> {
    const mids = await Promise.all(legs.map((l) => this.mid(l)));
    return mids.every((m) => m !== null) ? mids.reduce((s, m) => s.plus(m!), ZERO).div(mids.length) : null;
  }

  private teardown(legs: readonly Leg[]): void {
    for (const off of this.detach.splice(0)) off();
    for (const l of legs) {
      l.hedger.close();
      l.watch.close();
      l.book?.close();
    }
  }

  /** Clock time in whole ms. */
  private now(): number {
    return wholeMsNow(this.ctx.clock);
  }

  /** Sleeps on the clock; a stop wakes it early. */
  private sleep(ms: number): Promise<void> {
    return sleepUnlessHalted(this.ctx.clock, ms, this.ctx.signal);
  }

  private info(message: string): void {
    logToRun(this.ctx, 'info', message);
  }

  private warn(message: string): void {
    logToRun(this.ctx, 'warn', message);
  }
}
