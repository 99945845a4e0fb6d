/**
 * An in-memory {@link Venue} for fast, deterministic engine and strategy
 * tests (test support only). Every order fills at once and in full while
 * `placeOrder` runs — its events (open, fill, filled, positions) are
 * delivered synchronously before the promise resolves, the worst case for
 * a caller that learns its client order id late. Limit orders fill at their
 * price as maker, market orders at the book as taker; reduce-only orders are
 * capped at the position. Hooks refuse placements, end orders with a typed
 * rejection on the stream, split fills, or hold the venue's answer back.
 */
import Decimal from 'decimal.js';
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
  PlaceOrderRequest,
  Position,
  Venue,
} from '../../venues/venue';
import { InvalidOrderError, OrderNotFoundError, type VenueError, type VenueErrorKind } from '../../venues/venue-errors';

const d = (v: string | number) => new Decimal(v);

/** A market with Lighter's real ETH / BTC limits (fees 0). */
export function fakeMarket(symbol: 'ETH' | 'BTC'): Market {
  const eth = symbol === 'ETH';
  return {
    symbol,
    venueMarketId: eth ? 0 : 1,
    tickSize: d(eth ? '0.01' : '0.1'),
    stepSize: d(eth ? '0.0001' : '0.00001'),
    minBaseAmount: d(eth ? '0.005' : '0.0001'),
    minNotional: d(10),
    maxNotional: null,
    priceDecimals: eth ? 2 : 1,
    sizeDecimals: eth ? 4 : 5,
    makerFee: d(0),
    takerFee: d(0),
    status: 'active',
  };
}

/** Quotes per symbol: best bid and ask (USDC). */
export type FakeBook = Map<string, { bid: Decimal; ask: Decimal }>;

/** Shared state of a set of fake venues: markets, the book, a clock and fill ids. */
export interface FakeWorld {
  markets: Market[];
  book: FakeBook;
  now(): number;
  nextFillId(): string;
}

/** A world with ETH at 3000/3000.6 and BTC at 100000/100020. */
export function fakeWorld(now: () => number): FakeWorld {
  let fills = 0;
  return {
    markets: [fakeMarket('ETH'), fakeMarket('BTC')],
    book: new Map([
      ['ETH', { bid: d('3000'), ask: d('3000.6') }],
      ['BTC', { bid: d('100000'), ask: d('100020') }],
    ]),
    now,
    nextFillId: () => String(++fills),
  };
}

/** One fake account. */
export class FakeVenue implements Venue {
  readonly venue = 'lighter' as const;
  /** Every order accepted, in order. */
  readonly placed: PlaceOrderRequest[] = [];
  /** Refuses a placement by throwing the returned error. */
  refuse: ((order: PlaceOrderRequest) => VenueError | null) | null = null;
  /** Ends an accepted order with this rejection on the stream instead of filling it. */
  rejectOnStream: ((order: PlaceOrderRequest) => VenueErrorKind | null) | null = null;
  /** Splits a fill into these fractions (default one fill). */
  fillParts: number[] = [1];
  /** Awaited before the venue answers a placement (after the events were delivered). */
  beforeAnswer: ((order: PlaceOrderRequest) => Promise<void>) | null = null;
  /** When false, limit orders rest (open) instead of filling. */
  fillLimits = true;
  /** Fails position reads (reconciliation tests). */
  failPositions: Error | null = null;
  private readonly listeners = new Set<(e: AccountEvent) => void>();
  private readonly sizes = new Map<string, Decimal>();
  private readonly resting = new Map<string, Order>();
  /** Every fill emitted, oldest first (the trade history). */
  private readonly history: Fill[] = [];
  /** The last state of every order emitted, by client order id. */
  private readonly known = new Map<string, Order>();
  private nextOrder = 1;

  constructor(
    readonly accountId: string,
    private readonly world: FakeWorld,
  ) {}

  async connect(): Promise<void> {}
  async close(): Promise<void> {}

  async markets(): Promise<Market[]> {
    return this.world.markets;
  }

  async market(symbol: string): Promise<Market> {
    const m = this.world.markets.find((x) => x.symbol === symbol);
    if (!m) throw new InvalidOrderError('lighter', `unknown symbol ${symbol}`);
    return m;
  }

  async bestBidAsk(symbol: string): Promise<BestBidAsk> {
    const q = this.world.book.get(symbol);
    return { symbol, bid: q?.bid ?? null, ask: q?.ask ?? null, timestamp: this.world.now() };
  }

  async subscribeBook(symbol: string): Promise<BookSubscription> {
    const snapshot = () => {
      const q = this.world.book.get(symbol)!;
      return { symbol, bids: [{ price: q.bid, size: d(1000) }], asks: [{ price: q.ask, size: d(1000) }], sequence: 1, timestamp: this.world.now() };
    };
    return { snapshot, onUpdate: () => () => undefined, resyncs: 0, close: () => undefined };
  }

  /** Sets a position directly (a position held before a run). */
  setPosition(symbol: string, size: Decimal): void {
    this.sizes.set(symbol, size);
  }

  async placeOrder(order: PlaceOrderRequest): Promise<OrderHandle> {
    const refusal = this.refuse?.(order);
    if (refusal) throw refusal;
    this.placed.push(order);
    const clientOrderId = order.clientOrderId ?? `fake-${this.nextOrder}`;
    const venueOrderId = String(this.nextOrder++);
    const base: Order = {
      symbol: order.symbol,
      venueOrderId,
      clientOrderId,
      side: order.side,
      type: order.type,
      timeInForce: order.type === 'market' ? 'IOC' : order.timeInForce,
      reduceOnly: order.reduceOnly ?? false,
      price: order.price,
      size: order.size,
      filledSize: d(0),
      avgFillPrice: null,
      status: 'open',
      statusReason: null,
      rejection: null,
      updatedAt: this.world.now(),
    };
    const rejection = this.rejectOnStream?.(order);
    if (rejection) {
      this.emit({ type: 'order', order: { ...base, status: 'rejected', statusReason: 'canceled-margin-not-allowed', rejection } });
    } else if (order.type === 'limit' && !this.fillLimits) {
      this.resting.set(venueOrderId, base);
      this.emit({ type: 'order', order: base });
    } else {
      this.execute(base, order);
    }
    await this.beforeAnswer?.(order);
    return { symbol: order.symbol, clientOrderId, venueOrderId: null, txId: `tx-${venueOrderId}`, acceptedAt: this.world.now() };
  }

  async placeOrders(orders: PlaceOrderRequest[]): Promise<OrderHandle[]> {
    const out: OrderHandle[] = [];
    for (const o of orders) out.push(await this.placeOrder(o));
    return out;
  }

  async cancelOrder(_symbol: string, venueOrderId: string): Promise<void> {
    const order = this.resting.get(venueOrderId);
    if (!order) throw new OrderNotFoundError('lighter', `no open order ${venueOrderId}`);
    this.resting.delete(venueOrderId);
    this.emit({ type: 'order', order: { ...order, status: 'canceled', statusReason: 'canceled', updatedAt: this.world.now() } });
  }

  async cancelAll(symbol?: string): Promise<void> {
    for (const o of [...this.resting.values()]) if (symbol === undefined || o.symbol === symbol) await this.cancelOrder(o.symbol, o.venueOrderId);
  }

  async modifyOrder(_change: ModifyOrderRequest): Promise<void> {
    throw new InvalidOrderError('lighter', 'the fake venue does not modify orders');
  }

  async openOrders(symbol?: string): Promise<Order[]> {
    return [...this.resting.values()].filter((o) => symbol === undefined || o.symbol === symbol);
  }

  async positions(): Promise<Position[]> {
    if (this.failPositions) throw this.failPositions;
    return [...this.sizes.entries()]
      .filter(([, size]) => !size.isZero())
      .map(([symbol, size]) => ({ symbol, size, entryPrice: this.world.book.get(symbol)!.bid, unrealizedPnl: d(0), liquidationPrice: null }));
  }

  /** The fills emitted so far, newest first. */
  async fillHistory(limit: number): Promise<Fill[]> {
    return this.history.slice(-limit).reverse();
  }

  async orderByClientId(_symbol: string, clientOrderId: string): Promise<Order | null> {
    return this.known.get(clientOrderId) ?? null;
  }

  async collateral(): Promise<Collateral> {
    return { total: d(10_000), available: d(10_000) };
  }

  onAccountEvent(listener: (event: AccountEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers any event to the listeners (duplicates, foreign orders…). */
  deliver(event: AccountEvent): void {
    this.emit(event);
  }

  /** The current position in a symbol (signed, base units). */
  position(symbol: string): Decimal {
    return this.sizes.get(symbol) ?? d(0);
  }

  private execute(base: Order, order: PlaceOrderRequest): void {
    const quote = this.world.book.get(order.symbol)!;
    const price = order.type === 'market' ? (order.side === 'buy' ? quote.ask : quote.bid) : order.price;
    const held = this.position(order.symbol);
    let size = order.size;
    if (order.reduceOnly) {
      const reducible = order.side === 'buy' ? Decimal.max(held.neg(), 0) : Decimal.max(held, 0);
      size = Decimal.min(size, reducible);
    }
    this.emit({ type: 'order', order: base });
    let filled = d(0);
    for (const part of this.fillParts) {
      const piece = Decimal.min(size.times(part).toDecimalPlaces(8), size.minus(filled));
      if (piece.lte(0)) continue;
      filled = filled.plus(piece);
      this.sizes.set(order.symbol, this.position(order.symbol).plus(order.side === 'buy' ? piece : piece.neg()));
      const fill: Fill = {
        fillId: this.world.nextFillId(),
        symbol: order.symbol,
        venueOrderId: base.venueOrderId,
        clientOrderId: base.clientOrderId,
        side: order.side,
        price,
        size: piece,
        fee: d(0),
        liquidity: order.type === 'market' ? 'taker' : 'maker',
        timestamp: this.world.now(),
      };
      this.emit({ type: 'fill', fill });
    }
    const status = filled.eq(order.size) ? 'filled' : 'canceled';
    this.emit({ type: 'order', order: { ...base, filledSize: filled, avgFillPrice: filled.gt(0) ? price : null, status, updatedAt: this.world.now() } });
    this.emit({ type: 'positions', positions: [] });
  }

  private emit(event: AccountEvent): void {
    if (event.type === 'fill') this.history.push(event.fill);
    if (event.type === 'order' && event.order.clientOrderId !== null) this.known.set(event.order.clientOrderId, event.order);
    for (const l of this.listeners) l(event);
  }
}
