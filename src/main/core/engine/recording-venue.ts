import type Decimal from 'decimal.js';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { DeadMansSwitch } from '../venues/dead-mans-switch';
import type { FillsRepository } from '../store/fills-repository';
import type { OrdersRepository, OrderKey } from '../store/orders-repository';
import type {
  AccountEvent,
  BestBidAsk,
  BookSubscription,
  Collateral,
  Fill,
  Market,
  ModifyOrderRequest,
  Order,
  OrderHandle,
  Position,
  Venue,
} from '../venues/venue';
import { VenueError } from '../venues/venue-errors';
import { decimalText } from './decimal-text';
import { HEDGE_PURPOSES, URGENT_PURPOSES, type OrderPurpose, type RunOrderRequest } from './order-purpose';
import type { RiskGuard } from './risk-guard';
import type { RunEventInput } from '../../../shared/schemas/runs';

/** Largest client order index Lighter accepts (2^48 − 1); ids are decimal so they survive restarts. */
const MAX_CLIENT_ORDER_ID = 2 ** 48 - 1;
/** Ids per millisecond of the clock. */
const IDS_PER_MS = 64;

/** Construction of a {@link RecordingVenue}. */
export interface RecordingVenueOptions {
  runId: string;
  /** The shared, connected venue of the account. */
  inner: Venue;
  orders: OrdersRepository;
  fills: FillsRepository;
  risk: RiskGuard;
  clock: Clock;
  logger: Logger;
  /** Emits a run event (stamped by the engine). */
  emit(event: RunEventInput): void;
  /** Called when recording failed: the event was NOT delivered; the engine fails the run. */
  onRecordingFailure(err: unknown): void;
}

/**
 * The one place where a run's orders and fills are written to SQLite before
 * the strategy acts on them: a {@link Venue} around the account's shared
 * venue client.
 * - `placeOrder`: risk check, then the order is stored (`submitting`, with a
 *   client order id made here: a decimal integer `now × 64 + n`, unique per
 *   account while the clock moves forward) before it is sent; the answer is
 *   stored next. Hedge purposes are registered with the risk guard; hedge
 *   and flatten purposes go to the venue as urgent orders.
 * - Account stream: every fill is inserted once under (venue, account, fill
 *   id); a fill already stored is dropped, so the strategy sees each fill
 *   exactly once. The fill reaches the risk guard and the run's event bus,
 *   then the strategy. Order updates of the run's orders are stored likewise.
 * `close()` detaches the wrapper; the shared venue stays connected.
 */
export class RecordingVenue implements Venue {
  readonly venue: Venue['venue'];
  readonly accountId: string;
  private readonly listeners = new Set<(event: AccountEvent) => void>();
  private readonly detach: () => void;
  private lastId = 0;

  constructor(private readonly opts: RecordingVenueOptions) {
    this.venue = opts.inner.venue;
    this.accountId = opts.inner.accountId;
    this.detach = opts.inner.onAccountEvent((e) => this.onInner(e));
  }

  /** Connects the shared venue (a no-op when it already is). */
  connect(): Promise<void> {
    return this.opts.inner.connect();
  }

  /** Stops listening to the shared venue; it stays connected for other runs. */
  async close(): Promise<void> {
    this.detach();
    this.listeners.clear();
  }

  markets(): Promise<Market[]> {
    return this.opts.inner.markets();
  }

  market(symbol: string): Promise<Market> {
    return this.opts.inner.market(symbol);
  }

  bestBidAsk(symbol: string): Promise<BestBidAsk> {
    return this.opts.inner.bestBidAsk(symbol);
  }

  subscribeBook(symbol: string): Promise<BookSubscription> {
    return this.opts.inner.subscribeBook(symbol);
  }

  /**
   * Checks the order with the risk guard, stores it, sends it, stores the answer.
   * @throws RiskRejectedError (nothing stored or sent); the venue's typed errors (stored as `failed`).
   */
  async placeOrder(order: RunOrderRequest): Promise<OrderHandle> {
    const [handle] = await this.send([order], (reqs) => this.opts.inner.placeOrder(reqs[0]!).then((h) => [h]));
    return handle!;
  }

  /** Like {@link placeOrder} for a batch the venue accepts or refuses as a whole. */
  placeOrders(orders: RunOrderRequest[]): Promise<OrderHandle[]> {
    return this.send(orders, (reqs) => this.opts.inner.placeOrders(reqs));
  }

  cancelOrder(symbol: string, venueOrderId: string): Promise<void> {
    return this.opts.inner.cancelOrder(symbol, venueOrderId);
  }

  cancelAll(symbol?: string): Promise<void> {
    return this.opts.inner.cancelAll(symbol);
  }

  modifyOrder(change: ModifyOrderRequest): Promise<void> {
    return this.opts.inner.modifyOrder(change);
  }

  openOrders(symbol?: string): Promise<Order[]> {
    return this.opts.inner.openOrders(symbol);
  }

  positions(): Promise<Position[]> {
    return this.opts.inner.positions();
  }

  collateral(): Promise<Collateral> {
    return this.opts.inner.collateral();
  }

  /** The shared venue's dead-man's switch (Venue.armDeadMansSwitch); null when the venue has none. */
  async armVenueDeadMansSwitch(windowMs: number): Promise<DeadMansSwitch | null> {
    return (await this.opts.inner.armDeadMansSwitch?.(windowMs)) ?? null;
  }

  /** The account's events, fills and orders already recorded; each fill once. */
  onAccountEvent(listener: (event: AccountEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A fresh client order id: decimal, increasing, ≤ 2^48 − 1. */
  nextClientOrderId(): string {
    const candidate = (this.now() * IDS_PER_MS) % MAX_CLIENT_ORDER_ID;
    this.lastId = candidate > this.lastId ? candidate : this.lastId + 1;
    return String(this.lastId);
  }

  /** Clock time in whole ms (stored). */
  private now(): number {
    return Math.floor(this.opts.clock.now());
  }

  private key(clientOrderId: string): OrderKey {
    return { venue: this.venue, accountId: this.accountId, clientOrderId };
  }

  private async send(orders: RunOrderRequest[], sendAll: (reqs: RunOrderRequest[]) => Promise<OrderHandle[]>): Promise<OrderHandle[]> {
    const { risk } = this.opts;
    for (const o of orders) risk.check(o);
    const prepared = orders.map((o) => {
      const { purpose = 'other', ...order } = o;
      const urgent = order.urgent ?? URGENT_PURPOSES.has(purpose);
      return { purpose, order: { ...order, urgent, clientOrderId: order.clientOrderId ?? this.nextClientOrderId() } };
    });
    for (const { purpose, order } of prepared) {
      this.opts.orders.insertSubmitting(this.opts.runId, this.key(order.clientOrderId), order, purpose, this.now());
      if (HEDGE_PURPOSES.has(purpose)) risk.expectHedge(this.accountId, order.clientOrderId, order.symbol, order.side === 'buy' ? order.size : order.size.neg());
      this.emitOrder(purpose, { ...order, venueOrderId: null, filledSize: null, status: 'submitting', rejection: null });
    }
    let handles: OrderHandle[];
    try {
      handles = await sendAll(prepared.map((p) => p.order));
    } catch (err) {
      const kind = err instanceof VenueError ? err.kind : null;
      for (const { purpose, order } of prepared) {
        this.opts.orders.markFailed(this.key(order.clientOrderId), kind, (err as Error).message, this.now());
        if (HEDGE_PURPOSES.has(purpose)) risk.dropHedge(this.accountId, order.clientOrderId, order.symbol);
        this.emitOrder(purpose, { ...order, venueOrderId: null, filledSize: null, status: 'failed', rejection: kind });
      }
      throw err;
    }
    handles.forEach((h, i) => this.opts.orders.markAccepted(this.key(prepared[i]!.order.clientOrderId), h.txId, h.venueOrderId, this.now()));
    return handles;
  }

  private emitOrder(
    purpose: string,
    o: {
      clientOrderId: string;
      venueOrderId: string | null;
      symbol: string;
      side: Order['side'];
      type: Order['type'];
      timeInForce: string;
      reduceOnly?: boolean;
      price: Decimal;
      size: Decimal;
      filledSize: Decimal | null;
      status: string;
      rejection: string | null;
    },
  ): void {
    this.opts.emit({
      type: 'order',
      accountId: this.accountId,
      purpose,
      order: {
        clientOrderId: o.clientOrderId,
        venueOrderId: o.venueOrderId,
        symbol: o.symbol,
        side: o.side,
        type: o.type,
        timeInForce: o.type === 'market' ? 'IOC' : o.timeInForce,
        reduceOnly: o.reduceOnly ?? false,
        price: decimalText(o.price),
        size: decimalText(o.size),
        filledSize: o.filledSize ? decimalText(o.filledSize) : '0',
        status: o.status,
        rejection: o.rejection,
      },
    });
  }

  private onInner(event: AccountEvent): void {
    try {
      if (event.type === 'fill' && !this.recordFill(event.fill)) return;
      if (event.type === 'order') this.recordOrder(event.order);
    } catch (err) {
      this.opts.logger.error({ component: 'engine', account: this.accountId, err, event: event.type }, 'recording an account event failed; not delivered');
      this.opts.onRecordingFailure(err);
      return;
    }
    for (const l of this.listeners) l(event);
  }

  /** Stores a fill once; false when it was stored before (a duplicate, dropped). */
  private recordFill(fill: Fill): boolean {
    const { orders, fills, risk, runId } = this.opts;
    const order = fill.clientOrderId !== null ? orders.get(this.key(fill.clientOrderId)) : null;
    const purpose: OrderPurpose | 'external' = (order?.purpose as OrderPurpose | undefined) ?? 'external';
    const fresh = fills.insertOnce({
      venue: this.venue,
      accountId: this.accountId,
      fillId: fill.fillId,
      runId,
      symbol: fill.symbol,
      venueOrderId: fill.venueOrderId,
      clientOrderId: fill.clientOrderId,
      purpose,
      side: fill.side,
      price: fill.price,
      size: fill.size,
      fee: fill.fee,
      liquidity: fill.liquidity,
      venueTime: fill.timestamp,
      recordedAt: this.now(),
    });
    if (!fresh) {
      this.opts.logger.debug({ component: 'engine', account: this.accountId, fillId: fill.fillId }, 'duplicate fill dropped');
      return false;
    }
    risk.recordFill(this.accountId, fill);
    this.opts.emit({
      type: 'fill',
      accountId: this.accountId,
      purpose,
      fill: {
        fillId: fill.fillId,
        symbol: fill.symbol,
        side: fill.side,
        price: decimalText(fill.price),
        size: decimalText(fill.size),
        fee: decimalText(fill.fee),
        liquidity: fill.liquidity,
        clientOrderId: fill.clientOrderId,
      },
    });
    return true;
  }

  private recordOrder(order: Order): void {
    const record = this.opts.orders.applyUpdate(this.venue, this.accountId, order, this.now());
    this.opts.risk.recordOrder(this.accountId, order);
    if (record) this.emitOrder(record.purpose, { ...order, clientOrderId: record.clientOrderId });
  }
}
