import { orderSizeProblem } from './order-size';
import Decimal from 'decimal.js';
import type { TransportState } from '../../../../shared/schemas/maker-taker-hedge';
import type { RunEventInput } from '../../../../shared/schemas/runs';
import type { Clock } from '../../clock';
import { decimalText } from '../../engine/decimal-text';
import { flattenAccounts } from '../../engine/flatten';
import type { StrategyContext, StrategyOutcome } from '../../engine/strategy';
import type { BookSnapshot, BookSubscription, Market } from '../../venues/venue';
import { sleepUnlessHalted, wholeMsNow } from '../run-clock';
import { logToRun } from '../run-log';
import type { MakerTakerConfig } from './config-schema';
import type { FillTransport } from './fill-transport';
import type { LegHost } from './leg-host';
import { MakerLeg } from './maker-leg';
import { freshState, makerTakerStateSchema, type MakerTakerState } from './run-state';
import { TakerLeg } from './taker-leg';

/** How long winding down waits for hedges in flight and B's answers, ms of clock time. */
const SETTLE_MS = 10_000;

/**
 * One maker-taker-hedge run (README.md in this folder): A's maker loop
 * ({@link MakerLeg}) and/or B's hedger ({@link TakerLeg}) as the mode says,
 * joined by the fill transport; the live `maker-taker` event; the failsafe
 * when B cannot hedge; the wind-down on stop (A's order cancelled, hedges in
 * flight finished, optional flatten, residual positions reported).
 */
export class MakerTakerRun implements LegHost {
  readonly clock: Clock;
  readonly expectAcks: boolean;
  state: MakerTakerState = freshState();
  private readonly haltController = new AbortController();
  private readonly maker: MakerLeg | null;
  private readonly taker: TakerLeg | null;
  private readonly placing = new Set<string>();
  private readonly detach: (() => void)[] = [];
  private failsafe: string | null = null;
  /** The last `maker-taker` event emitted (JSON), so an unchanged state is not emitted again. */
  private lastEmitted = '';
  private bookSubscription: BookSubscription | null = null;
  private fatal: unknown = null;

  constructor(
    readonly ctx: StrategyContext,
    readonly cfg: MakerTakerConfig,
    readonly market: Market,
    readonly transport: FillTransport,
    private readonly orderSize: Decimal | null,
  ) {
    this.clock = ctx.clock;
    this.expectAcks = cfg.mode === 'both' || (cfg.mode === 'a' && cfg.redisUrl !== null);
    if (ctx.resumeState !== null && ctx.resumeState !== undefined) {
      const parsed = makerTakerStateSchema.safeParse(ctx.resumeState);
      if (!parsed.success) throw new Error(`the stored state of run ${ctx.runId} cannot be read: ${parsed.error.message}`);
      this.state = parsed.data;
    }
    const byRole = (role: string) => ctx.accounts.find((a) => a.role === role) ?? null;
    const a = byRole('A');
    const b = byRole('B');
    this.maker = cfg.mode !== 'b' && a && orderSize ? new MakerLeg(this, a, orderSize) : null;
    this.taker = cfg.mode !== 'a' && b ? new TakerLeg(this, b, (err) => this.onFatal(err)) : null;
  }

  get halt(): AbortSignal {
    return this.haltController.signal;
  }

  /** Runs until max_cycles, a stop, a hedge failure or a risk halt; winds down; resolves with how it ended. */
  async run(): Promise<StrategyOutcome> {
    const { ctx } = this;
    const onStop = () => this.haltController.abort();
    if (ctx.signal.aborted) onStop();
    ctx.signal.addEventListener('abort', onStop, { once: true });
    let completed: StrategyOutcome | null = null;
    let error: unknown = null;
    try {
      await this.setUp();
      completed = this.maker ? await this.maker.loop() : await this.waitForHalt();
    } catch (err) {
      error = err;
    }
    if (this.fatal && !error) error = this.fatal;
    const outcome = this.outcome(completed);
    if (!error && !ctx.stopRequest()) ctx.stopping(outcome.reason);
    try {
      await this.windDown(!error && (ctx.risk.mode === 'halted' || (ctx.stopRequest()?.flatten ?? false)));
    } finally {
      ctx.signal.removeEventListener('abort', onStop);
      this.maker?.close();
      this.taker?.close();
      for (const off of this.detach.splice(0)) off();
      this.bookSubscription?.close();
      await this.transport.close();
    }
    if (error) throw error;
    return outcome;
  }

  save(): void {
    this.ctx.store.saveState(this.state);
  }

  changed(): void {
    const { maker, taker } = this;
    const net = (maker?.position ?? new Decimal(0)).plus(taker?.position ?? 0);
    const unhedged = maker && taker ? net : maker ? maker.unackedSize : (taker?.carry.neg() ?? new Decimal(0));
    const event: RunEventInput = {
      type: 'maker-taker',
      mode: this.cfg.mode,
      symbol: this.market.symbol,
      phase: maker ? maker.phase : null,
      cycles: maker ? this.state.cycles : (taker?.fillsHedged ?? 0),
      a: maker
        ? {
            accountId: maker.account.accountId,
            label: maker.account.label,
            position: decimalText(maker.position),
            order: maker.order
              ? { side: maker.order.side, price: decimalText(maker.order.price), size: decimalText(maker.order.size), filledSize: decimalText(maker.orderFilled), reduceOnly: maker.order.reduceOnly }
              : null,
          }
        : null,
      b: taker ? { accountId: taker.account.accountId, label: taker.account.label, position: decimalText(taker.position), hedges: taker.hedges, retries: taker.retries } : null,
      unhedgedSize: decimalText(unhedged),
      transport: this.transport.state(),
    };
    const json = JSON.stringify(event);
    if (json === this.lastEmitted) return;
    this.lastEmitted = json;
    this.ctx.emit(event);
  }

  publishExposure(): void {
    if (this.cfg.mode === 'both' && this.placing.size > 0) return;
    this.ctx.risk.publish();
    if (this.ctx.risk.mode === 'halted') this.haltController.abort();
  }

  awaitingPlacement(id: string, waiting: boolean): void {
    if (waiting) this.placing.add(id);
    else this.placing.delete(id);
  }

  hedgeFailed(reason: string): void {
    if (this.failsafe !== null) return;
    this.failsafe = reason;
    this.ctx.logger.error(`hedge failed: ${reason}`);
    this.ctx.emit({ type: 'log', level: 'error', message: `hedge failed: ${reason}; stopping the run` });
    this.ctx.notifier.notify({
      kind: 'hedge-failed',
      runId: this.ctx.runId,
      title: `HedgeDesk maker-taker-hedge run ${this.ctx.runId}: hedge failed`,
      body: `Run ${this.ctx.runId} (${this.market.symbol}, mode ${this.cfg.mode}): ${reason}. The run stops.`,
    });
    this.haltController.abort();
  }

  book(): BookSnapshot | null {
    return this.bookSubscription?.snapshot() ?? null;
  }

  async quote(): Promise<{ bid: Decimal | null; ask: Decimal | null }> {
    const book = this.book();
    if (book && book.bids.length > 0 && book.asks.length > 0) return { bid: book.bids[0]!.price, ask: book.asks[0]!.price };
    return this.ctx.accounts[0]!.venue.bestBidAsk(this.market.symbol);
  }

  now(): number {
    return wholeMsNow(this.clock);
  }

  sleep(ms: number): Promise<void> {
    return sleepUnlessHalted(this.clock, ms, this.halt);
  }

  info(message: string): void {
    logToRun(this.ctx, 'info', message);
  }

  warn(message: string): void {
    logToRun(this.ctx, 'warn', message);
  }

  private onFatal(err: unknown): void {
    this.fatal ??= err;
    this.haltController.abort();
  }

  private async setUp(): Promise<void> {
    const { ctx } = this;
    try {
      this.bookSubscription = await ctx.accounts[0]!.venue.subscribeBook(this.market.symbol);
    } catch (err) {
      this.warn(`no live ${this.market.symbol} book (${(err as Error).message}); prices come over REST`);
    }
    const { bid, ask } = await this.quote();
    const mid = bid && ask ? bid.plus(ask).div(2) : (bid ?? ask);
    if (mid) ctx.risk.setPrice(this.market.symbol, mid);
    if (this.maker && this.orderSize && mid) {
      // A size no account can carry fails here, before the first order, not after a series of refused ones.
      const problem = await orderSizeProblem(this.orderSize, mid, this.market, ctx.accounts);
      if (problem) throw new Error(problem);
    }
    let last: TransportState = this.transport.state();
    this.detach.push(
      this.transport.onState((s) => {
        if (s === last) return;
        if (s === 'down') this.warn('the fill transport (Redis) is down: A posts no new orders until it is back');
        else if (s === 'up' && last === 'down') this.info('the fill transport (Redis) is back');
        last = s;
        this.changed();
      }),
    );
    this.taker?.start();
    await this.maker?.start();
    await this.transport.start();
    this.detach.push(
      ctx.onPositionSnapshot((accountId, positions) => {
        if (this.maker?.account.accountId === accountId) this.maker.checkDrift(positions);
        if (this.taker?.account.accountId === accountId) this.taker.checkDrift(positions);
      }),
    );
    this.save();
    if (this.state.unacked.length > 0) this.info(`resending ${this.state.unacked.length} fill(s) of A that B had not answered before the restart`);
    this.changed();
  }

  private waitForHalt(): Promise<null> {
    return new Promise((resolve) => {
      if (this.halt.aborted) resolve(null);
      else this.halt.addEventListener('abort', () => resolve(null), { once: true });
    });
  }

  private outcome(completed: StrategyOutcome | null): StrategyOutcome {
    if (this.failsafe !== null) return { kind: 'failsafe', reason: `hedge failed: ${this.failsafe}` };
    const stop = this.ctx.stopRequest();
    if (stop) return { kind: 'stopped', reason: stop.reason + (stop.flatten ? '; positions flattened' : '') };
    if (this.ctx.risk.mode === 'halted') return { kind: 'halted', reason: 'the risk guard halted the run; positions flattened' };
    if (this.ctx.risk.mode === 'reducing-only') return { kind: 'stopped', reason: 'the risk guard made the run reducing-only (uncovered exposure above one minimum order)' };
    return completed ?? { kind: 'stopped', reason: 'stopped' };
  }

  /** Cancels A's order, lets hedges in flight and B's answers finish (bounded), flattens when asked, reports the residual positions. */
  private async windDown(flatten: boolean): Promise<void> {
    const { ctx } = this;
    await this.maker?.cancelResting();
    const deadline = this.now() + SETTLE_MS;
    await this.taker?.idle();
    if (this.failsafe === null) await this.maker?.settle(deadline);
    await this.taker?.idle();
    if (flatten) {
      const result = await flattenAccounts({ accounts: ctx.accounts, symbols: [this.market.symbol], clock: this.clock, logger: ctx.logger });
      const left = result.leftovers.map((l) => `${l.symbol} ${l.size} on ${l.accountId} (${l.reason})`);
      this.info(`flattened with ${result.orders} order(s)${left.length > 0 ? `; left open: ${left.join(', ')}` : ''}`);
    }
    const residual = await Promise.all(
      ctx.accounts.map(async (a) => {
        const size = await a.venue
          .positions()
          .then((ps) => ps.find((p) => p.symbol === this.market.symbol)?.size ?? new Decimal(0))
          .catch(() => null);
        return `${a.role} ${a.label}: ${size === null ? 'unknown (positions could not be read)' : `${decimalText(size)} ${this.market.symbol}`}`;
      }),
    );
    this.info(`residual positions: ${residual.join('; ')}`);
    ctx.risk.publish();
    if (this.maker) this.maker.phase = 'stopped';
    this.changed();
  }
}
