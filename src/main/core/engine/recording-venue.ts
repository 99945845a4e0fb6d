import type Decimal from 'decimal.js';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { DeadMansSwitch } from '../venues/dead-mans-switch';
import { sameFillContent, type FillRecordOutcome, type FillsRepository } from '../store/fills-repository';
import type { OrderKey, OrderRecord, OrdersRepository } from '../store/orders-repository';
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
/** How many fill ids stored by reconciliation and not yet delivered are remembered. */
const UNDELIVERED_REMEMBERED = 10_000;
/** Venue order statuses nothing moves on from (a stored `failed` the venue turns out to know is the venue's). */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['filled', 'canceled', 'rejected']);

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
  /**
   * Called when a fill arrives whose identity is stored with other content
   * (an integrity alarm): the engine notifies and makes the run reducing-only.
   * The stored fill stays; the new one is not delivered.
   */
  onIntegrityAlarm(message: string): void;
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
 *   id) — the identity, see FillsRepository — so the strategy sees each fill
 *   exactly once. The fill reaches the risk guard and the run's event bus,
 *   then the strategy. The same fill again is a duplicate: counted, logged at
 *   info, not delivered. The same identity with other content (side, size,
 *   price, order, liquidity) is an integrity alarm ({@link RecordingVenueOptions.onIntegrityAlarm}).
 *   Order updates of the run's orders are stored likewise.
 * - Reconciliation ({@link recordMissedFill}, {@link recordOrderState})
 *   stores what the venue's history says the stream did not deliver; a fill
 *   it stored while the run runs that the stream brings later is delivered
 *   then (once), not dropped as a duplicate.
 * `close()` detaches the wrapper; the shared venue stays connected.
 */
export class RecordingVenue implements Venue {
  readonly venue: Venue['venue'];
  readonly accountId: string;
  private readonly listeners = new Set<(event: AccountEvent) => void>();
  private readonly detach: () => void;
  private lastId = 0;
  private duplicateCount = 0;
  /** Fill ids reconciliation stored while the run was running that the stream has not brought yet. */
  private readonly undelivered = new Set<string>();

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

  /** The shared venue's trade history (nothing is recorded: see {@link recordMissedFill}). */
  fillHistory(limit: number): Promise<Fill[]> {
    return this.opts.inner.fillHistory(limit);
  }

  /** The shared venue's state of an order (nothing is recorded: see {@link recordOrderState}). */
  orderByClientId(symbol: string, clientOrderId: string): Promise<Order | null> {
    return this.opts.inner.orderByClientId(symbol, clientOrderId);
  }

  /** How many fills arrived again with the same content (dropped as duplicates) since this wrapper was made. */
  get duplicates(): number {
    return this.duplicateCount;
  }

  /**
   * Stores a fill the venue's trade history shows and the stream did not
   * deliver (reconciliation), exactly once, and emits it as a run event. It
   * is not handed to the risk guard or the strategy: at start they begin from
   * the venue's positions, which include it; while running, the strategy's
   * position check takes the venue's position and hedges the difference.
   * With `deliverWhenStreamed` (a pass while the run is running), the stream
   * was maybe only late — e.g. one account's resync after a reconnect still
   * under way while another account's `resynced` started the pass — so when
   * the stream then brings this fill, it is delivered once (risk guard,
   * strategy) instead of being dropped as a duplicate; it stays stored once.
   * @returns what the store made of it (a conflict also raises the integrity alarm).
   */
  recordMissedFill(fill: Fill, opts: { deliverWhenStreamed?: boolean } = {}): FillRecordOutcome['outcome'] {
    const outcome = this.storeFill(fill, 'reconciliation');
    if (outcome === 'new' && opts.deliverWhenStreamed) this.rememberUndelivered(fill.fillId);
    return outcome;
  }

  /**
   * Stores the venue's state of one of the run's orders (reconciliation: an
   * order left `submitting`/`open` found finished or filled at the venue)
   * and emits it, unless the stored order is already further on (final, or
   * more filled); returns the stored record, or null when it is not the run's.
   */
  recordOrderState(order: Order): OrderRecord | null {
    // The stream may have moved the order on since the venue was read: never go back.
    const stored = order.clientOrderId !== null ? this.opts.orders.get(this.key(order.clientOrderId)) : null;
    if (stored && (FINAL_STATUSES.has(stored.status) || stored.filledSize.gt(order.filledSize))) return stored;
    const record = this.opts.orders.applyUpdate(this.venue, this.accountId, order, this.now());
    this.opts.risk.recordOrder(this.accountId, order);
    if (record) this.emitOrder(record.purpose, { ...order, clientOrderId: record.clientOrderId });
    return record;
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

  /**
   * Stores a stream fill once and hands it to the risk guard; false when it is
   * not to be delivered (a duplicate or a conflict). A fill reconciliation
   * stored while the run was running and nobody was handed yet is delivered
   * now, without storing it again.
   */
  private recordFill(fill: Fill): boolean {
    if (this.undelivered.delete(fill.fillId) && this.storedAlike(fill)) {
      this.opts.logger.info(
        { component: 'engine', runId: this.opts.runId, account: this.accountId, fillId: fill.fillId },
        `fill ${fill.fillId}, recorded by reconciliation before the stream brought it, delivered now`,
      );
    } else if (this.storeFill(fill, 'stream') !== 'new') {
      return false;
    }
    this.opts.risk.recordFill(this.accountId, fill);
    return true;
  }

  /** True when a fill with this identity and the same content is stored. */
  private storedAlike(fill: Fill): boolean {
    const stored = this.opts.fills.get(this.venue, this.accountId, fill.fillId);
    return stored !== null && sameFillContent(stored, fill);
  }

  /** Remembers a fill id stored by reconciliation and not delivered (the oldest forgotten beyond 10,000). */
  private rememberUndelivered(fillId: string): void {
    this.undelivered.add(fillId);
    if (this.undelivered.size > UNDELIVERED_REMEMBERED) this.undelivered.delete(this.undelivered.values().next().value as string);
  }

  /** Stores a fill under its identity and emits it when new; counts duplicates; raises the alarm on a conflict. */
  private storeFill(fill: Fill, source: 'stream' | 'reconciliation'): FillRecordOutcome['outcome'] {
    const { orders, fills, runId } = this.opts;
    const order = (fill.clientOrderId !== null ? orders.get(this.key(fill.clientOrderId)) : null) ?? orders.getByVenueOrderId(this.venue, this.accountId, fill.venueOrderId);
    const purpose: OrderPurpose | 'external' = (order?.purpose as OrderPurpose | undefined) ?? 'external';
    const result = fills.record({
      venue: this.venue,
      accountId: this.accountId,
      fillId: fill.fillId,
      runId,
      symbol: fill.symbol,
      venueOrderId: fill.venueOrderId,
      clientOrderId: fill.clientOrderId ?? order?.clientOrderId ?? null,
      purpose,
      side: fill.side,
      price: fill.price,
      size: fill.size,
      fee: fill.fee,
      liquidity: fill.liquidity,
      venueTime: fill.timestamp,
      recordedAt: this.now(),
    });
    const log = { component: 'engine', runId, account: this.accountId, fillId: fill.fillId, source };
    if (result.outcome === 'duplicate') {
      this.duplicateCount++;
      this.opts.logger.info({ ...log, duplicates: this.duplicateCount }, `fill ${fill.fillId} arrived again with the same content (duplicate ${this.duplicateCount} of this account in the run); dropped`);
      return result.outcome;
    }
    if (result.outcome === 'conflict') {
      const s = result.stored;
      const message =
        `fill ${fill.fillId} of account ${this.accountId} (${this.venue}) arrived with other content than the stored one: ` +
        `${fill.side} ${fill.size} ${fill.symbol} @ ${fill.price} order ${fill.venueOrderId} ${fill.liquidity}, stored ${s.side} ${s.size} ${s.symbol} @ ${s.price} order ${s.venueOrderId} ${s.liquidity}`;
      this.opts.logger.error(log, `fill integrity alarm: ${message}`);
      this.opts.onIntegrityAlarm(message);
      return result.outcome;
    }
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
    return result.outcome;
  }

  private recordOrder(order: Order): void {
    const record = this.opts.orders.applyUpdate(this.venue, this.accountId, order, this.now());
    this.opts.risk.recordOrder(this.accountId, order);
    if (record) this.emitOrder(record.purpose, { ...order, clientOrderId: record.clientOrderId });
  }
}
