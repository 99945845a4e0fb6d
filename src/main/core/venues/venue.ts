/**
 * The one venue seam. Strategies and the engine talk only to {@link Venue};
 * every venue quirk (integer scaling, nonces, signatures, auth tokens, channel
 * names) stays inside the venue's folder. All prices, sizes and money are
 * decimal.js values in human units: prices in quote currency (USDC) per unit of
 * base, sizes in base units (e.g. ETH), money in USDC. Times are Unix ms.
 * Failures are the typed errors of `venue-errors.ts`.
 */
import type Decimal from 'decimal.js';
import type { Venue as VenueId } from '../../../shared/schemas/venues';
import type { DeadMansSwitch } from './dead-mans-switch';
import type { VenueErrorKind } from './venue-errors';

export type Side = 'buy' | 'sell';

/**
 * Time in force. `GTC`: rests until filled or cancelled (Lighter sends it as
 * good-till-time with the longest expiry); `IOC`: fills what it can at once, the
 * rest is cancelled; `POST_ONLY`: rests as maker or is cancelled if it would
 * cross (PostOnlyWouldCross).
 */
export type TimeInForce = 'GTC' | 'IOC' | 'POST_ONLY';

/** A tradable market and its limits. */
export interface Market {
  /** The app's symbol, e.g. `ETH` (Lighter's own symbol for perps). */
  symbol: string;
  /** The venue's market id (Lighter `market_id`, e.g. 0 for ETH). */
  venueMarketId: number | string;
  /** Smallest price increment (USDC), e.g. 0.01. */
  tickSize: Decimal;
  /** Smallest size increment (base units), e.g. 0.0001. */
  stepSize: Decimal;
  /** Smallest order size (base units). */
  minBaseAmount: Decimal;
  /** Smallest order notional (USDC), e.g. 10. */
  minNotional: Decimal;
  /** Largest order notional (USDC), when the venue caps it. */
  maxNotional: Decimal | null;
  priceDecimals: number;
  sizeDecimals: number;
  /** Maker and taker fee rates as fractions of notional (0.0002 = 2 bps). */
  makerFee: Decimal;
  takerFee: Decimal;
  /** `reduce-only`: the venue accepts only reducing orders; `inactive`: no trading. */
  status: 'active' | 'reduce-only' | 'inactive';
}

/** One aggregated price level. */
export interface BookLevel {
  price: Decimal;
  size: Decimal;
}

/** A consistent L2 book: bids best (highest) first, asks best (lowest) first; the arrays are read-only (shared with the live book, which never changes them once handed out). */
export interface BookSnapshot {
  symbol: string;
  bids: readonly BookLevel[];
  asks: readonly BookLevel[];
  /** The venue's sequence number of the last applied update. */
  sequence: number;
  timestamp: number;
}

/** Best bid and ask; null on an empty side. */
export interface BestBidAsk {
  symbol: string;
  bid: Decimal | null;
  ask: Decimal | null;
  timestamp: number;
}

/**
 * A live L2 book kept consistent from a snapshot plus deltas. A sequence gap
 * triggers a resync (a fresh snapshot) before listeners hear of it again.
 */
export interface BookSubscription {
  /** The book as of the last applied update. */
  snapshot(): BookSnapshot;
  /** Called after every applied snapshot or delta (possibly very often: throttle in the UI). */
  onUpdate(listener: (book: BookSnapshot) => void): () => void;
  /** How many resyncs happened after a detected gap or a reconnect. */
  readonly resyncs: number;
  /** Stops the subscription. */
  close(): void;
}

/** A new order. */
export interface PlaceOrderRequest {
  symbol: string;
  side: Side;
  /** Size in base units; rounded down to the step size by the venue client. */
  size: Decimal;
  /**
   * `limit` rests at `price`; `market` executes at once and never worse than
   * `price` (the worst-price bound, required: slippage protection).
   */
  type: 'limit' | 'market';
  price: Decimal;
  /** Ignored for `market` (always IOC). */
  timeInForce: TimeInForce;
  reduceOnly?: boolean;
  /** Caller's id, unique per account; generated when omitted. */
  clientOrderId?: string;
  /**
   * A hedge or flatten order: the client sends it ahead of discretionary
   * requests and may use the share of the account's request budget kept for
   * such orders (rate-limiter.ts). Default false.
   */
  urgent?: boolean;
}

/** What the venue answered to an accepted order. */
export interface OrderHandle {
  symbol: string;
  clientOrderId: string;
  /** The venue's order id, when known at acceptance (Lighter assigns it on execution). */
  venueOrderId: string | null;
  /** Venue transaction id (Lighter tx hash), when there is one. */
  txId: string | null;
  acceptedAt: number;
}

export type OrderStatus = 'pending' | 'open' | 'partially_filled' | 'filled' | 'canceled' | 'rejected';

/** An order as the venue reports it. */
export interface Order {
  symbol: string;
  venueOrderId: string;
  clientOrderId: string | null;
  side: Side;
  type: 'limit' | 'market';
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  price: Decimal;
  size: Decimal;
  filledSize: Decimal;
  /** Average fill price; null before any fill. */
  avgFillPrice: Decimal | null;
  status: OrderStatus;
  /** Why it was cancelled or rejected, as the venue put it (e.g. `canceled-post-only`). For logs only. */
  statusReason: string | null;
  /**
   * When the venue refused the order as an outcome (not a plain cancel): the
   * typed reason, e.g. `PostOnlyWouldCross`, `ReduceOnlyRejected`,
   * `InsufficientMargin`. Strategies branch on this, never on `statusReason`.
   */
  rejection: VenueErrorKind | null;
  updatedAt: number;
}

/** One fill of one of the account's orders. */
export interface Fill {
  /** Unique per venue (Lighter `trade_id`, Paradex fill `id`); with the account, the key for exactly-once processing (store/fills-repository.ts). */
  fillId: string;
  symbol: string;
  venueOrderId: string;
  clientOrderId: string | null;
  side: Side;
  price: Decimal;
  size: Decimal;
  /** Fee paid in USDC (negative = rebate). */
  fee: Decimal;
  liquidity: 'maker' | 'taker';
  timestamp: number;
}

/** An open position. `size` is signed: positive long, negative short. */
export interface Position {
  symbol: string;
  size: Decimal;
  entryPrice: Decimal;
  unrealizedPnl: Decimal;
  /** Null when the venue does not report it. */
  liquidationPrice: Decimal | null;
}

/** Account collateral in USDC. */
export interface Collateral {
  total: Decimal;
  available: Decimal;
}

/** One event of an account's stream. */
export type AccountEvent =
  | { type: 'order'; order: Order }
  | { type: 'fill'; fill: Fill }
  | { type: 'positions'; positions: Position[] }
  | { type: 'collateral'; collateral: Collateral }
  /** `resynced`: after a reconnect, orders and positions were re-read over REST and missed fills replayed. */
  | { type: 'connection'; state: 'connected' | 'disconnected' | 'resynced' };

/** Changes to a resting order. */
export interface ModifyOrderRequest {
  symbol: string;
  venueOrderId: string;
  size: Decimal;
  price: Decimal;
}

/**
 * One trading account on one venue. Implementations: one per venue folder
 * (real client), pointed at the real venue (live) or at the built-in
 * simulator (paper).
 */
export interface Venue {
  readonly venue: VenueId;
  /** The HedgeDesk account id this instance trades for. */
  readonly accountId: string;

  /** Loads markets, resolves the account, opens streams. Must be called before anything else. */
  connect(): Promise<void>;
  /** Closes streams and timers. */
  close(): Promise<void>;

  markets(): Promise<Market[]>;
  /** @throws InvalidOrderError for an unknown symbol. */
  market(symbol: string): Promise<Market>;
  bestBidAsk(symbol: string): Promise<BestBidAsk>;
  subscribeBook(symbol: string): Promise<BookSubscription>;

  placeOrder(order: PlaceOrderRequest): Promise<OrderHandle>;
  /** Sends several orders at once (one batch where the venue supports it), all or none accepted. */
  placeOrders(orders: PlaceOrderRequest[]): Promise<OrderHandle[]>;
  cancelOrder(symbol: string, venueOrderId: string): Promise<void>;
  /** Cancels every open order, or those of one market. */
  cancelAll(symbol?: string): Promise<void>;
  modifyOrder(change: ModifyOrderRequest): Promise<void>;

  openOrders(symbol?: string): Promise<Order[]>;
  positions(): Promise<Position[]>;
  collateral(): Promise<Collateral>;

  /**
   * The account's most recent fills from the venue's trade history (REST:
   * Lighter `GET /api/v1/trades` filtered by account, Paradex `GET /fills`),
   * newest first, at most `limit` (one page; Lighter ≤ 100, Paradex ≤ 5000).
   * Every fill the account made, whoever placed the order; for
   * reconciliation — the stream delivers live fills.
   * @throws typed VenueErrors when the history cannot be read.
   */
  fillHistory(limit: number): Promise<Fill[]>;
  /**
   * The venue's current state of the order the caller placed with
   * `clientOrderId` on `symbol`, open or finished; null when the venue does
   * not know it (never arrived, or too old for the venue's history: Lighter
   * keeps the last 100 finished orders readable, Paradex every order).
   * @throws typed VenueErrors when the venue cannot be read.
   */
  orderByClientId(symbol: string, clientOrderId: string): Promise<Order | null>;

  /** The account's order updates and fills (each fill once), positions and collateral. */
  onAccountEvent(listener: (event: AccountEvent) => void): () => void;

  /**
   * Arms the venue's dead-man's switch on the account's resting orders
   * (dead-mans-switch.ts): while the app lives it is kept alive; when the app
   * dies the venue cancels the orders within the switch's `windowMs`. Absent
   * on venues without one. Call after `connect()`.
   * @throws RangeError for a window that is not positive; typed VenueErrors when the venue refuses.
   */
  armDeadMansSwitch?(windowMs: number): Promise<DeadMansSwitch>;
}
