import Decimal from 'decimal.js';
import { decimalText } from '../../engine/decimal-text';
import { HedgeExecutor } from '../../engine/hedge-executor';
import { minOrderSize } from '../../engine/market-math';
import { SerialQueue } from '../../engine/serial-queue';
import type { RunAccount } from '../../engine/strategy';
import type { Position } from '../../venues/venue';
import { A_FILLED_CHANNEL, B_FILLED_CHANNEL, type FillMessage } from './fill-message';
import type { LegHost } from './leg-host';
import { PositionDrift } from './position-drift';
import { ANSWERS_KEPT } from './run-state';

const ZERO = new Decimal(0);
/** Longest B waits for the hedge executor to cover one fill, ms of clock time (retry_times ends it sooner). */
const HEDGE_WAIT_MS = 60_000;

/** What B did with one fill of A: base units hedged and left unhedged (≥ 0), and whether it gave up. */
interface HedgeResult {
  status: 'hedged' | 'failed';
  hedged: Decimal;
  unhedged: Decimal;
}

/**
 * Account B, the taker: hedges every fill of A it hears of on the
 * transport's `hedge:account_a_filled` channel, once per message id (the
 * answers are persisted, so a duplicate or a restart never hedges twice), with
 * a marketable IOC order (venue type `market`, worst price `slippage_bps`
 * beyond the best bid/ask): a sell against A's buy, a (reduce-only when it
 * closes B's short) buy against A's sell. A refusal or an unfilled remainder
 * is retried up to `retry_times`; sizes below one minimum order are carried
 * to the next fill. Answers each message on `hedge:account_b_filled`
 * (`status` hedged / failed). Messages are handled one at a time.
 */
export class TakerLeg {
  /** B's position in the market, signed base units (from fills; reconciled over REST). */
  position = ZERO;
  /** Hedge orders sent. */
  hedges = 0;
  /** Hedge attempts beyond the first of each fill. */
  retries = 0;
  /** Fills of A hedged (answered `hedged`). */
  fillsHedged = 0;
  private readonly executor: HedgeExecutor;
  private readonly queue: SerialQueue;
  private readonly answers: Map<string, string>;
  private readonly detach: (() => void)[] = [];
  private readonly drift = new PositionDrift();
  /** Refusals and unfilled orders of the fill being hedged. */
  private failures = 0;
  /** Ends the wait for the current fill's hedge once retry_times are spent. */
  private giveUp: (() => void) | null = null;

  constructor(
    private readonly host: LegHost,
    readonly account: RunAccount,
    onFatal: (err: unknown) => void,
  ) {
    this.executor = new HedgeExecutor({
      accounts: [account],
      market: () => host.market,
      risk: host.ctx.risk,
      clock: host.clock,
      logger: host.ctx.logger,
      slippageBps: host.cfg.slippageBps,
      onOrder: () => {
        this.hedges++;
        host.publishExposure();
        host.changed();
      },
      onRetry: (_accountId, _symbol, message) => {
        this.retries++;
        this.failures++;
        host.warn(`${account.label}: ${message} (retry ${this.failures} of ${host.cfg.retryTimes})`);
        if (this.failures > host.cfg.retryTimes) this.giveUp?.();
      },
      onResidual: (_accountId, _symbol, signed) => {
        host.state.carry = decimalText(new Decimal(host.state.carry).plus(signed));
      },
    });
    this.queue = new SerialQueue(onFatal);
    this.answers = new Map(host.state.answers.map((a) => [a.forId, a.ack]));
    const reconciled = host.ctx.reconciled.get(account.accountId);
    this.position = reconciled?.positions.find((p) => p.symbol === host.market.symbol)?.size ?? ZERO;
  }

  /** What B still owes below one minimum order (signed, base units: sell negative). */
  get carry(): Decimal {
    return new Decimal(this.host.state.carry);
  }

  /** Starts listening to B's fills and to A's fills on the transport. */
  start(): void {
    this.detach.push(
      this.account.venue.onAccountEvent((e) => {
        if (e.type !== 'fill' || e.fill.symbol !== this.host.market.symbol) return;
        this.position = this.position.plus(e.fill.side === 'buy' ? e.fill.size : e.fill.size.neg());
        this.host.changed();
      }),
    );
    this.detach.push(this.host.transport.subscribe(A_FILLED_CHANNEL, (m) => void this.queue.push(() => this.handle(m))));
  }

  /** Resolves once every message received so far is handled. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** True while a message is queued or being hedged. */
  get busy(): boolean {
    return this.queue.size > 0;
  }

  /**
   * The REST reconciliation (every poll_interval): when B is idle and two
   * reads in a row show the same position that differs from the one built from
   * fills, a fill was missed: the venue's position is taken.
   */
  checkDrift(positions: readonly Position[]): void {
    const reported = positions.find((p) => p.symbol === this.host.market.symbol)?.size ?? ZERO;
    if (!this.drift.confirm(reported, this.position, this.busy)) return;
    this.host.warn(`${this.account.label}: ${this.host.market.symbol} position is ${reported} on the venue but ${this.position} from the fills received (a fill was missed); using the venue's`);
    this.host.ctx.risk.recordPositionChange(this.host.market.symbol, reported.minus(this.position));
    this.position = reported;
    this.host.changed();
  }

  /** Stops listening to B's account and the transport. */
  close(): void {
    for (const off of this.detach.splice(0)) off();
    this.executor.close();
  }

  private async handle(m: FillMessage): Promise<void> {
    const { host } = this;
    const { market } = host;
    if (String(m.market_index) !== String(market.venueMarketId) || (m.symbol !== undefined && m.symbol.toUpperCase() !== market.symbol)) {
      host.warn(`ignored fill ${m.id}: market ${m.symbol ?? m.market_index} is not ${market.symbol} (${market.venueMarketId})`);
      return;
    }
    const prior = this.answers.get(m.id);
    if (prior !== undefined) {
      host.info(`fill ${m.id} was already answered (a duplicate message): hedged once, answer sent again`);
      await this.publishAnswer(JSON.parse(prior) as FillMessage);
      host.awaitingPlacement(m.id, false);
      return;
    }
    if (host.halt.aborted && host.cfg.mode === 'b') {
      host.warn(`${this.account.label} is stopping: fill ${m.id} of ${m.filled_base_amount} ${market.symbol} is not hedged (A's ack_timeout will flatten it)`);
      return;
    }
    const size = new Decimal(m.filled_base_amount);
    const owed = m.side === 'buy' ? size.neg() : size;
    host.info(`${this.account.label}: hedging A's ${m.side} fill of ${size} ${market.symbol} (${m.id})`);
    const result = await this.hedge(owed, m.id);
    const ack: FillMessage = {
      id: `${this.account.accountId}:ack:${m.id}`,
      for_id: m.id,
      status: result.status,
      account_index: this.account.accountId,
      market_index: market.venueMarketId,
      order_index: null,
      filled_base_amount: decimalText(result.hedged),
      unhedged_base_amount: decimalText(result.unhedged),
      timestamp: Math.floor(host.now() / 1000),
      side: m.side === 'buy' ? 'sell' : 'buy',
      symbol: market.symbol,
    };
    this.answers.set(m.id, JSON.stringify(ack));
    for (const old of [...this.answers.keys()].slice(0, Math.max(0, this.answers.size - ANSWERS_KEPT))) this.answers.delete(old);
    host.state.answers = [...this.answers].map(([forId, a]) => ({ forId, ack: a }));
    if (result.status === 'hedged') this.fillsHedged++;
    host.save();
    host.changed();
    await this.publishAnswer(ack);
    if (result.status === 'failed') {
      host.warn(`${this.account.label}: could not hedge ${result.unhedged} ${market.symbol} of fill ${m.id} after ${host.cfg.retryTimes} retr${host.cfg.retryTimes === 1 ? 'y' : 'ies'}`);
      if (host.cfg.mode === 'b') host.hedgeFailed(`B could not hedge ${result.unhedged} ${market.symbol} of A's fill ${m.id} after ${host.cfg.retryTimes} retries; A was told to flatten it`);
    }
  }

  private async publishAnswer(ack: FillMessage): Promise<void> {
    try {
      await this.host.transport.publish(B_FILLED_CHANNEL, ack);
    } catch (err) {
      this.host.warn(`the answer to fill ${ack.for_id} was not sent (${(err as Error).message}); A will ask again`);
    }
  }

  /**
   * Hedges `owed` plus the carry (signed: sell negative) through the hedge
   * executor — one IOC at a time, partial fills followed up, refusals
   * retried — until less than one minimum order is left (carried to the next
   * fill). When refusals or unfilled orders exceed retry_times, the debt is
   * taken back from the executor and reported unhedged (A flattens it).
   */
  private async hedge(owed: Decimal, forId: string): Promise<HedgeResult> {
    const { host } = this;
    const { market } = host;
    const left = this.carry.plus(owed);
    const min = minOrderSize(market, host.ctx.risk.exposure(market.symbol).price);
    if (left.abs().lt(min)) {
      host.state.carry = decimalText(left);
      host.awaitingPlacement(forId, false);
      host.publishExposure();
      if (!left.isZero()) host.info(`${this.account.label}: ${left.abs()} ${market.symbol} carried to the next fill (below the minimum order of ${min})`);
      return { status: 'hedged', hedged: ZERO, unhedged: ZERO };
    }
    host.state.carry = '0';
    const before = this.position;
    this.failures = 0;
    const gaveUp = new Promise<void>((resolve) => (this.giveUp = resolve));
    const side = left.isNegative() ? 'sell' : 'buy';
    const reduceOnly = side === 'buy' && this.position.isNegative() && left.abs().lte(this.position.abs());
    const acked = this.executor.owe(this.account.accountId, market.symbol, left, { reduceOnly });
    await Promise.race([acked, gaveUp]);
    host.awaitingPlacement(forId, false);
    host.publishExposure();
    const spent = await Promise.race([this.executor.idle(HEDGE_WAIT_MS).then(() => false), gaveUp.then(() => true)]);
    this.giveUp = null;
    const hedged = this.position.minus(before).abs();
    if (spent || this.executor.busy()) {
      const unhedged = this.executor.abandon(this.account.accountId, market.symbol);
      host.state.carry = '0';
      return { status: 'failed', hedged, unhedged: unhedged.abs() };
    }
    host.publishExposure();
    return { status: 'hedged', hedged, unhedged: ZERO };
  }
}
