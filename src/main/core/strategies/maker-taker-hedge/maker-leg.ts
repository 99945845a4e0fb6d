import Decimal from 'decimal.js';
import type { MakerPhase } from '../../../../shared/schemas/maker-taker-hedge';
import { decimalText } from '../../engine/decimal-text';
import { RiskRejectedError } from '../../engine/engine-errors';
import { floorToStep, minOrderSize, offsetPrice } from '../../engine/market-math';
import type { RunOrderRequest } from '../../engine/order-purpose';
import { OrderWatch } from '../../engine/order-watch';
import type { RunAccount, StrategyOutcome } from '../../engine/strategy';
import type { Fill, Position } from '../../venues/venue';
import { OrderNotFoundError } from '../../venues/venue-errors';
import { A_FILLED_CHANNEL, B_FILLED_CHANNEL, type FillMessage } from './fill-message';
import { TransportDownError } from './fill-transport';
import type { LegHost } from './leg-host';
import { PositionDrift } from './position-drift';

const ZERO = new Decimal(0);
/** How long a cancel may take to be confirmed on the order stream, ms of clock time. */
const CANCEL_CONFIRM_MS = 5_000;
/** Maker orders refused in a row before the run fails. */
const MAX_PLACEMENT_FAILURES = 10;
/** Longest single wait of the loop (acks, pauses), ms of clock time, so stops and state changes are seen promptly. */
const TICK_MS = 100;

/** A's maker order in the book. */
export interface MakerOrder {
  clientOrderId: string;
  side: 'buy' | 'sell';
  price: Decimal;
  size: Decimal;
  reduceOnly: boolean;
  placedAt: number;
}

interface Unacked {
  message: FillMessage;
  signed: Decimal;
  /** Last sent, clock ms (0: not yet, after a restart). */
  sentAt: number;
  /** Since when B's answer is awaited with the transport up, clock ms (ack_timeout counts from here). */
  awaitedSince: number;
}

/**
 * Account A, the maker. Its loop: post a limit buy at bid level `depth`
 * (A-only mode: when long, a reduce-only limit sell of the position at ask
 * level `depth` instead — the originals' main_A state machine); cancel it
 * once it is older than `order_timeout`; publish every fill on
 * `hedge:account_a_filled` as it comes from the WebSocket; once the order
 * ended, wait until B acknowledged every fill before posting again
 * (resending unacknowledged fills every poll_interval; B dedupes). While the
 * transport is down no new order is posted. When B answers `failed` (or
 * stays silent past `ack_timeout`), A flattens the unhedged size with a
 * reduce-only marketable order and the run stops.
 */
export class MakerLeg {
  /** A's position in the market, signed base units (from fills; reconciled over REST). */
  position = ZERO;
  phase: MakerPhase = 'idle';
  order: MakerOrder | null = null;
  /** Filled size of the current order, base units. */
  orderFilled = ZERO;
  private readonly watch: OrderWatch;
  private readonly makerOrders = new Set<string>();
  private readonly unacked = new Map<string, Unacked>();
  private readonly detach: (() => void)[] = [];
  private placementFailures = 0;
  private pendingCycle = false;
  private readonly drift = new PositionDrift();
  /** The hedge failure being handled (flatten, then the run ends), once B gave up. */
  private failure: Promise<void> | null = null;

  constructor(
    private readonly host: LegHost,
    readonly account: RunAccount,
    private readonly orderSize: Decimal,
  ) {
    this.watch = new OrderWatch(account.venue, host.clock);
    const reconciled = host.ctx.reconciled.get(account.accountId);
    this.position = reconciled?.positions.find((p) => p.symbol === host.market.symbol)?.size ?? ZERO;
    for (const u of host.state.unacked) this.unacked.set(u.id, { message: JSON.parse(u.message) as FillMessage, signed: new Decimal(u.signed), sentAt: 0, awaitedSince: host.now() });
  }

  /** A's fills not yet acknowledged by B, signed base units (buy positive). */
  get unackedSize(): Decimal {
    return [...this.unacked.values()].reduce((s, u) => s.plus(u.signed), ZERO);
  }

  /** Listens to A's fills and B's answers and cancels A's orders left in the market (the originals clear them at start). */
  async start(): Promise<void> {
    const { host } = this;
    this.detach.push(this.account.venue.onAccountEvent((e) => (e.type === 'fill' && e.fill.symbol === host.market.symbol ? this.onFill(e.fill) : undefined)));
    this.detach.push(host.transport.subscribe(B_FILLED_CHANNEL, (m) => this.onAnswer(m)));
    const left = (host.ctx.reconciled.get(this.account.accountId)?.openOrders ?? []).filter((o) => o.symbol === host.market.symbol);
    if (left.length > 0) {
      host.info(`${this.account.label}: cancelling ${left.length} ${host.market.symbol} order(s) left from before`);
      await this.account.venue.cancelAll(host.market.symbol);
    }
  }

  /** Trades until halted; resolves with `completed` when max_cycles is reached, else null. */
  async loop(): Promise<StrategyOutcome | null> {
    const { host } = this;
    const { cfg } = host;
    while (!host.halt.aborted) {
      if (this.failure) {
        await this.failure;
        return null;
      }
      if (this.unacked.size > 0 && host.expectAcks) {
        await this.awaitAcks();
        continue;
      }
      this.unacked.clear();
      if (this.pendingCycle) {
        this.pendingCycle = false;
        host.state.cycles++;
        host.state.unacked = [];
        host.save();
        host.changed();
      }
      if (cfg.maxCycles > 0 && host.state.cycles >= cfg.maxCycles) return { kind: 'completed', reason: `max_cycles: ${host.state.cycles} cycles done` };
      if (host.ctx.risk.mode !== 'normal') return null;
      if (host.transport.state() === 'down' || host.transport.state() === 'connecting') {
        this.setPhase('paused');
        await host.sleep(TICK_MS);
        continue;
      }
      await this.postAndWait();
    }
    return null;
  }

  /** Cancels A's resting order (wind-down). */
  async cancelResting(): Promise<void> {
    if (this.order) await this.cancel(this.order);
    this.order = null;
  }

  /** Waits (bounded by `untilMs`, clock time) for B's answers to A's fills. */
  async settle(untilMs: number): Promise<void> {
    while (this.host.expectAcks && this.unacked.size > 0 && this.host.now() < untilMs) {
      this.resend();
      await this.host.clock.sleep(TICK_MS);
    }
  }

  /**
   * The REST reconciliation (every poll_interval): when A has no order and no
   * fill waiting for B, and two reads in a row show the same position that
   * differs from the one built from fills, a fill was missed: the venue's
   * position is taken and the difference is sent to B like a fill.
   */
  checkDrift(positions: readonly Position[]): void {
    const { host } = this;
    const reported = positions.find((p) => p.symbol === host.market.symbol)?.size ?? ZERO;
    if (!this.drift.confirm(reported, this.position, this.order !== null || this.unacked.size > 0)) return;
    const delta = reported.minus(this.position);
    host.warn(`${this.account.label}: ${host.market.symbol} position is ${reported} on the venue but ${this.position} from the fills received (a fill was missed); using the venue's and hedging the difference`);
    host.ctx.risk.recordPositionChange(host.market.symbol, delta);
    this.position = reported;
    const price = host.ctx.risk.exposure(host.market.symbol).price;
    this.publishFill(`${this.account.accountId}:reconcile:${host.now()}`, delta.isPositive() ? 'buy' : 'sell', delta.abs(), price, null, host.now());
  }

  /** Stops listening to A's account and the transport. */
  close(): void {
    for (const off of this.detach.splice(0)) off();
    this.watch.close();
  }

  private setPhase(phase: MakerPhase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.host.changed();
  }

  /** One maker order: decide, price at the book level, place, wait until it ends or goes stale, cancel when stale. */
  private async postAndWait(): Promise<void> {
    const { host } = this;
    const { market, cfg } = host;
    this.setPhase('idle');
    const min = minOrderSize(market, host.ctx.risk.exposure(market.symbol).price);
    let side: 'buy' | 'sell' = 'buy';
    let size = this.orderSize;
    let reduceOnly = false;
    if (cfg.mode === 'a' && this.position.gte(min)) {
      side = 'sell';
      size = floorToStep(this.position, market.stepSize);
      reduceOnly = true;
    } else if (cfg.mode === 'a' && this.position.isNegative() && this.position.abs().gte(market.stepSize)) {
      host.warn(`${this.account.label} is short ${this.position.abs()} ${market.symbol}: A only ever holds a long; close it by hand`);
      await host.sleep(cfg.pollIntervalMs * 5);
      return;
    }
    const price = this.levelPrice(side);
    if (!price) {
      await host.sleep(cfg.pollIntervalMs);
      return;
    }
    if (side === 'buy' && size.times(price).lt(market.minNotional)) {
      throw new Error(`an order of ${size} ${market.symbol} at ${price} is ${size.times(price).toDecimalPlaces(2)} USDC, below the minimum order of ${market.minNotional} USDC: raise quantity`);
    }
    const clientOrderId = this.account.venue.nextClientOrderId();
    const order: MakerOrder = { clientOrderId, side, price, size, reduceOnly, placedAt: host.now() };
    const request: RunOrderRequest = { symbol: market.symbol, side, size, type: 'limit', price, timeInForce: 'GTC', reduceOnly, clientOrderId, purpose: side === 'buy' ? 'entry' : 'exit' };
    this.makerOrders.add(clientOrderId);
    this.order = order;
    this.orderFilled = ZERO;
    try {
      await this.account.venue.placeOrder(request);
      this.placementFailures = 0;
    } catch (err) {
      this.order = null;
      if (err instanceof RiskRejectedError) return;
      this.placementFailures++;
      host.warn(`${this.account.label}: maker ${side} ${size} ${market.symbol} at ${price} refused: ${(err as Error).message}`);
      if (this.placementFailures >= MAX_PLACEMENT_FAILURES) throw new Error(`${MAX_PLACEMENT_FAILURES} maker orders in a row were refused; last: ${(err as Error).message}`, { cause: err });
      await host.sleep(cfg.pollIntervalMs);
      return;
    }
    this.setPhase('resting');
    host.changed();
    const ended = await this.watch.waitEnded(clientOrderId, cfg.orderTimeoutMs, host.halt);
    if (host.halt.aborted) return;
    if (!ended) {
      host.info(`${this.account.label}: cancelling the ${side} at ${price}: resting longer than order_timeout (${cfg.orderTimeoutMs / 1000} s)`);
      await this.cancel(order);
    }
    this.order = null;
    if (this.watch.get(clientOrderId).filled.gt(0)) this.pendingCycle = true;
    this.setPhase(this.unacked.size > 0 ? 'awaiting-hedge' : 'idle');
    host.changed();
  }

  /** The price of bid (buy) or ask (sell) level `depth` of the live book, the deepest level there is when the book is shallower; null on an empty side. */
  private levelPrice(side: 'buy' | 'sell'): Decimal | null {
    const book = this.host.book();
    const levels = side === 'buy' ? book?.bids : book?.asks;
    if (!levels || levels.length === 0) {
      this.host.warn(`the ${this.host.market.symbol} book has no ${side === 'buy' ? 'bids' : 'asks'}: waiting`);
      return null;
    }
    return levels[Math.min(this.host.cfg.depth, levels.length) - 1]!.price;
  }

  private async cancel(order: MakerOrder): Promise<void> {
    const { host } = this;
    if (this.watch.ended(order.clientOrderId)) return;
    const known = this.watch.get(order.clientOrderId).order;
    try {
      if (known?.venueOrderId) await this.account.venue.cancelOrder(host.market.symbol, known.venueOrderId);
      else await this.account.venue.cancelAll(host.market.symbol);
    } catch (err) {
      if (!(err instanceof OrderNotFoundError)) host.warn(`${this.account.label}: cancelling the maker order failed: ${(err as Error).message}`);
    }
    if (!(await this.watch.waitEnded(order.clientOrderId, CANCEL_CONFIRM_MS))) host.warn(`${this.account.label}: the cancel of maker order ${order.clientOrderId} was not confirmed within ${CANCEL_CONFIRM_MS / 1000} s`);
  }

  private onFill(fill: Fill): void {
    const signed = fill.side === 'buy' ? fill.size : fill.size.neg();
    this.position = this.position.plus(signed);
    if (fill.clientOrderId !== null && this.makerOrders.has(fill.clientOrderId)) {
      if (this.order?.clientOrderId === fill.clientOrderId) this.orderFilled = this.orderFilled.plus(fill.size);
      this.publishFill(`${this.account.accountId}:${fill.fillId}`, fill.side, fill.size, fill.price, fill.venueOrderId, fill.timestamp);
    }
    this.host.changed();
    this.host.publishExposure();
  }

  /** Sends one fill (or missed position change) of A to B, recorded as unacknowledged first. */
  private publishFill(id: string, side: 'buy' | 'sell', size: Decimal, price: Decimal, venueOrderId: string | null, timestamp: number): void {
    const { host } = this;
    const message: FillMessage = {
      id,
      account_index: this.account.accountId,
      market_index: host.market.venueMarketId,
      order_index: venueOrderId,
      filled_base_amount: decimalText(size),
      filled_quote_amount: decimalText(size.times(price), 6),
      avg_price: decimalText(price),
      timestamp: Math.floor(timestamp / 1000),
      side,
      symbol: host.market.symbol,
    };
    if (host.expectAcks) {
      this.unacked.set(id, { message, signed: side === 'buy' ? size : size.neg(), sentAt: host.now(), awaitedSince: host.now() });
      host.state.unacked = [...this.unacked].map(([k, u]) => ({ id: k, message: JSON.stringify(u.message), signed: decimalText(u.signed) }));
      host.save();
      host.awaitingPlacement(id, true);
    }
    this.send(message);
  }

  private send(message: FillMessage): void {
    this.host.transport.publish(A_FILLED_CHANNEL, message).catch((err: unknown) => {
      if (!(err instanceof TransportDownError)) this.host.warn(`fill ${message.id} was not sent to B: ${(err as Error).message}`);
    });
  }

  /** Resends fills B has not answered for a poll interval (B dedupes by id), when Redis is up (in-process delivery is not lost). */
  private resend(): void {
    const { host } = this;
    if (host.transport.state() !== 'up') return;
    const due = host.now() - Math.max(host.cfg.pollIntervalMs, 500);
    for (const u of this.unacked.values()) {
      if (u.sentAt > due) continue;
      u.sentAt = host.now();
      this.send(u.message);
    }
  }

  private onAnswer(m: FillMessage): void {
    if (m.for_id === undefined) return;
    const u = this.unacked.get(m.for_id);
    if (!u) return;
    this.unacked.delete(m.for_id);
    this.host.state.unacked = this.host.state.unacked.filter((x) => x.id !== m.for_id);
    this.host.save();
    this.host.changed();
    if (m.status === 'failed') this.failure ??= this.fail(`B could not hedge ${m.unhedged_base_amount ?? m.filled_base_amount} ${this.host.market.symbol} of A's fill ${m.for_id}`, new Decimal(m.unhedged_base_amount ?? u.signed.abs()).times(u.signed.isNegative() ? -1 : 1));
  }

  /** Waits for B's answers; resends; gives up after ack_timeout. */
  private async awaitAcks(): Promise<void> {
    const { host } = this;
    const down = host.transport.state() === 'down' || host.transport.state() === 'connecting';
    this.setPhase(down ? 'paused' : 'awaiting-hedge');
    if (down) for (const u of this.unacked.values()) u.awaitedSince = host.now();
    const oldest = Math.min(...[...this.unacked.values()].map((u) => u.awaitedSince));
    if (!down && host.now() - oldest > host.cfg.ackTimeoutMs) {
      const size = this.unackedSize;
      this.unacked.clear();
      this.failure ??= this.fail(`B did not answer within ack_timeout (${host.cfg.ackTimeoutMs / 1000} s) for ${size.abs()} ${host.market.symbol} of A's fills`, size);
      return;
    }
    this.resend();
    await host.sleep(TICK_MS);
  }

  /** Flattens `unhedged` (signed: A's long B did not sell) with a reduce-only marketable order, then ends the run as a failsafe. */
  private async fail(reason: string, unhedged: Decimal): Promise<void> {
    const { host } = this;
    const { market } = host;
    if (this.order) await this.cancel(this.order);
    let outcome = 'nothing to flatten';
    const size = floorToStep(Decimal.min(unhedged.abs(), this.position.abs()), market.stepSize);
    if (size.gt(0)) {
      const side: 'buy' | 'sell' = unhedged.isPositive() ? 'sell' : 'buy';
      const { bid, ask } = await host.quote();
      const reference = side === 'sell' ? bid : ask;
      if (!reference || size.lt(minOrderSize(market, reference))) {
        outcome = `${size} ${market.symbol} left unhedged on A (${reference ? 'below the minimum order' : 'empty book'})`;
      } else {
        const clientOrderId = this.account.venue.nextClientOrderId();
        const price = offsetPrice(reference, side === 'sell' ? -host.cfg.slippageBps : host.cfg.slippageBps, side, market.tickSize);
        try {
          await this.account.venue.placeOrder({ symbol: market.symbol, side, size, type: 'market', price, timeInForce: 'IOC', reduceOnly: true, clientOrderId, purpose: 'flatten' });
          await this.watch.waitEnded(clientOrderId, CANCEL_CONFIRM_MS);
          outcome = `A flattened ${this.watch.get(clientOrderId).filled} of ${size} ${market.symbol} (reduce-only ${side})`;
        } catch (err) {
          outcome = `A's reduce-only ${side} of ${size} ${market.symbol} was refused: ${(err as Error).message}`;
        }
      }
    }
    host.hedgeFailed(`${reason}; ${outcome}`);
  }
}
