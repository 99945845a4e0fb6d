import Decimal from 'decimal.js';
import { decimalText } from '../../engine/decimal-text';
import { floorToStep, minOrderSize, offsetPrice } from '../../engine/market-math';
import { OrderWatch } from '../../engine/order-watch';
import { SerialQueue } from '../../engine/serial-queue';
import type { RunAccount } from '../../engine/strategy';
import type { Position } from '../../venues/venue';
import { A_FILLED_CHANNEL, B_FILLED_CHANNEL, type FillMessage } from './fill-message';
import type { LegHost } from './leg-host';
import { PositionDrift } from './position-drift';
import { ANSWERS_KEPT } from './run-state';

const ZERO = new Decimal(0);
/** How long B waits for a hedge (IOC) to end, ms of clock time. */
const HEDGE_WAIT_MS = 10_000;
/** Pause before retrying a refused hedge, ms of clock time. */
const RETRY_PAUSE_MS = 200;

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
  private readonly watch: OrderWatch;
  private readonly queue: SerialQueue;
  private readonly answers: Map<string, string>;
  private readonly detach: (() => void)[] = [];
  private readonly drift = new PositionDrift();

  constructor(
    private readonly host: LegHost,
    readonly account: RunAccount,
    onFatal: (err: unknown) => void,
  ) {
    this.watch = new OrderWatch(account.venue, host.clock);
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
    this.watch.close();
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
   * Sends marketable IOC orders for `owed` plus the carry (signed: sell
   * negative) until less than one minimum order is left, retrying refusals and
   * unfilled remainders up to retry_times.
   */
  private async hedge(owed: Decimal, forId: string): Promise<HedgeResult> {
    const { host } = this;
    const { market, cfg } = host;
    let left = this.carry.plus(owed);
    let hedged = ZERO;
    let attempt = 0;
    for (;;) {
      const { bid, ask } = await host.quote();
      const side: 'buy' | 'sell' = left.isNegative() ? 'sell' : 'buy';
      const reference = side === 'sell' ? bid : ask;
      const min = minOrderSize(market, reference ?? host.ctx.risk.exposure(market.symbol).price);
      if (left.abs().lt(min)) {
        host.state.carry = decimalText(left);
        host.awaitingPlacement(forId, false);
        host.publishExposure();
        if (!left.isZero()) host.info(`${this.account.label}: ${left.abs()} ${market.symbol} carried to the next fill (below the minimum order of ${min})`);
        return { status: 'hedged', hedged, unhedged: ZERO };
      }
      if (attempt > cfg.retryTimes) {
        host.state.carry = '0';
        host.awaitingPlacement(forId, false);
        return { status: 'failed', hedged, unhedged: left.abs() };
      }
      if (attempt > 0) this.retries++;
      attempt++;
      if (!reference) {
        host.warn(`${this.account.label}: no ${side === 'sell' ? 'bid' : 'ask'} in the ${market.symbol} book to hedge against (attempt ${attempt})`);
        await host.sleep(RETRY_PAUSE_MS);
        continue;
      }
      const price = offsetPrice(reference, side === 'sell' ? -cfg.slippageBps : cfg.slippageBps, side, market.tickSize);
      const size = floorToStep(left.abs(), market.stepSize);
      const reduceOnly = side === 'buy' && this.position.isNegative() && size.lte(this.position.abs());
      const clientOrderId = this.account.venue.nextClientOrderId();
      try {
        await this.account.venue.placeOrder({
          symbol: market.symbol,
          side,
          size,
          type: 'market',
          price,
          timeInForce: 'IOC',
          reduceOnly,
          clientOrderId,
          purpose: side === 'sell' ? 'hedge' : 'hedge-buyback',
        });
      } catch (err) {
        host.warn(`${this.account.label}: hedge ${side} ${size} ${market.symbol} refused (attempt ${attempt} of ${cfg.retryTimes + 1}): ${(err as Error).message}`);
        await host.sleep(RETRY_PAUSE_MS);
        continue;
      }
      this.hedges++;
      host.awaitingPlacement(forId, false);
      host.publishExposure();
      host.changed();
      const ended = await this.watch.waitEnded(clientOrderId, HEDGE_WAIT_MS);
      const filled = this.watch.get(clientOrderId).filled;
      hedged = hedged.plus(filled);
      left = left.isNegative() ? left.plus(filled) : left.minus(filled);
      host.publishExposure();
      if (!ended) host.warn(`${this.account.label}: hedge ${clientOrderId} did not end within ${HEDGE_WAIT_MS / 1000} s (${filled} filled)`);
      else if (left.abs().gte(min)) host.warn(`${this.account.label}: hedge ${side} filled ${filled} of ${size} ${market.symbol}; ${left.abs()} left (attempt ${attempt} of ${cfg.retryTimes + 1})`);
    }
  }
}
