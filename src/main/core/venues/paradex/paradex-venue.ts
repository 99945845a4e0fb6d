import type { Agent } from 'node:http';
import Decimal from 'decimal.js';
import type { Dispatcher } from 'undici';
import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import type { DeadMansSwitch } from '../dead-mans-switch';
import { LiveVenueClient, type LiveTiming } from '../live-venue-client';
import type {
  BestBidAsk,
  Collateral,
  Fill,
  ModifyOrderRequest,
  Order,
  OrderHandle,
  PlaceOrderRequest,
  Position,
  Venue,
} from '../venue';
import { InvalidOrderError, OrderNotFoundError, ReduceOnlyRejectedError } from '../venue-errors';
import { AccountStream } from './account-stream';
import { BookSubscriptions, type BookFeed } from './book-subscriptions';
import { ClientOrderIds } from './client-order-ids';
import { checkOrderLimits, roundPrice, roundSize } from './codec';
import { paradexError } from './errors';
import { toFill } from './fills';
import { JwtSession, DEFAULT_JWT_REFRESH_AFTER_MS } from './jwt-session';
import { DEFAULT_MARKET_EMULATION, emulatedLimitPrice, type MarketEmulation, type MarketOrderMode } from './market-emulation';
import { DEFAULT_PARADEX_FEES, MarketCatalog, type FeeRates } from './markets';
import { signedModifyBody, signedOrderBody, type ChainParams, type PreparedOrder } from './order-body';
import { toOrder } from './orders';
import { toCollateral, toPosition } from './positions';
import type { RequestPriority } from '../rate-limiter';
import { ParadexRateLimits, sharedIpLimits } from './rate-limits';
import { ParadexRest } from './rest-client';
import { paradexAccountAddress, ParadexSigner, starkPublicKey } from './signer';
import { authTypedData } from './typed-data';
import { ParadexWs } from './ws-connection';

/** Largest `POST /orders/batch` (paradex.md §5). */
export const MAX_BATCH = 10;
/** Lifetime of the auth signature (`PARADEX-SIGNATURE-EXPIRATION` − now), s: between ccxt's 180 s and paradex-py's 24 h (§4). */
const AUTH_SIGNATURE_LIFETIME_S = 30 * 60;
/** Largest `GET /fills` page the simulator and Paradex serve (paradex.md §6). */
const MAX_FILLS_PAGE = 5000;

/** Timeouts and intervals of the Paradex client. */
export interface ParadexTiming extends LiveTiming {
  /** Age at which the JWT is replaced, ms (default 3 min of its 5, §4). */
  jwtRefreshAfterMs?: number;
}

/** Construction of a Paradex client: see {@link createParadexVenue}. */
export interface ParadexVenueOptions {
  /** The HedgeDesk account id this client trades for. */
  accountId: string;
  /** REST base including `/v1`: `https://api.prod.paradex.trade/v1` (paradex.md §0) or `${sim.url}/v1`. */
  baseUrl: string;
  /** WebSocket URL: `wss://ws.api.prod.paradex.trade/v1` (paradex.md §0) or the simulator's. */
  wsUrl: string;
  /** The L2 (StarkNet) private key, hex. Kept in memory only. */
  l2PrivateKey: string;
  /**
   * The L2 account address. When absent it is derived from the key and
   * `/system/config` (standard accounts only; a subkey needs its main
   * account's address, paradex.md §1).
   */
  l2Address?: string;
  clock: Clock;
  logger: Logger;
  /** undici dispatcher for REST (e.g. a proxy agent); the global one when absent. */
  dispatcher?: Dispatcher;
  /** Agent of the WebSocket stream (e.g. a proxy tunnel); direct when absent. */
  wsAgent?: Agent;
  /** Fee rates reported in {@link Market} when `/markets` states none (default {@link DEFAULT_PARADEX_FEES}). */
  fees?: FeeRates;
  /**
   * How `type:'market'` orders are sent. `native` (default): a Paradex MARKET
   * order, which has **no worst-price bound** on Paradex — the request's
   * `price` is used only for the minimum-notional check. `limit-emulation`:
   * the seed bot's limit IOC at best ± offset, capped at the request's worst
   * price, cancelled if still open after `emulation.cancelAfterMs`.
   */
  marketOrderMode?: MarketOrderMode;
  emulation?: Partial<MarketEmulation>;
  /**
   * Order book channel (default `deltas`: a snapshot then deltas checked by
   * `seq_no`, resubscribed on a gap; `snapshot`: whole 15-level books every
   * 50 ms, the channel ccxt uses — see {@link BookFeed}).
   */
  bookFeed?: BookFeed;
  timing?: ParadexTiming;
}

/**
 * Builds a Paradex client implementing {@link Venue}. Nothing touches the
 * network until `connect()`.
 * @throws TypeError for a malformed private key or address (the message never contains the key).
 */
export function createParadexVenue(options: ParadexVenueOptions): Venue {
  starkPublicKey(options.l2PrivateKey);
  if (options.l2Address !== undefined && !/^0x[0-9a-fA-F]{1,64}$/.test(options.l2Address)) {
    throw new TypeError(`Paradex L2 account address must be 0x followed by 1 to 64 hex digits, got ${options.l2Address}`);
  }
  return new ParadexVenue(options);
}

interface Connected {
  signer: ParadexSigner;
  chain: ChainParams;
  markets: MarketCatalog;
  ws: ParadexWs;
  stream: AccountStream;
  books: BookSubscriptions;
}

/**
 * The Paradex client (paradex.md): system config and markets over REST, a
 * JWT from a StarkNet-signed `POST /auth` kept fresh by a {@link JwtSession},
 * books and the account's orders, fills, positions and collateral over the
 * JSON-RPC WebSocket (REST resync after every reconnect), orders as
 * StarkNet-signed `POST /orders`, every REST call rate-limited to Paradex's
 * published limits.
 */
class ParadexVenue extends LiveVenueClient<Connected> implements Venue {
  readonly venue = 'paradex' as const;
  private readonly rest: ParadexRest;
  private readonly ids: ClientOrderIds;
  private readonly log: Logger;
  private readonly emulation: MarketEmulation;
  private lifetime = new AbortController();

  constructor(private readonly opts: ParadexVenueOptions) {
    super(opts.accountId, 'Paradex', opts.timing ?? {});
    this.log = opts.logger.child({ component: 'venue.paradex', account: opts.accountId });
    const timing = opts.timing ?? {};
    this.rest = new ParadexRest({
      baseUrl: opts.baseUrl,
      limits: new ParadexRateLimits(opts.clock, sharedIpLimits(opts.baseUrl, opts.clock)),
      clock: opts.clock,
      logger: this.log,
      dispatcher: opts.dispatcher,
      maxRateLimitRetries: timing.maxRateLimitRetries,
      backoff: timing.rateLimitBackoff,
      timeoutMs: timing.restTimeoutMs,
    });
    this.ids = new ClientOrderIds(opts.clock);
    this.emulation = { ...DEFAULT_MARKET_EMULATION, ...opts.emulation };
  }

  /**
   * Reads `/system/config`, resolves the account address, authenticates
   * (`POST /auth`), loads markets, reads the fill history and opens the
   * WebSocket with the private channels. A failed connect leaves nothing
   * running and may be retried.
   * @throws InvalidSignatureError when Paradex refuses the key/address (wrong key, not onboarded).
   * @throws VenueError (typed) when Paradex cannot be reached.
   */
  protected async openSession(): Promise<Connected> {
    const { opts } = this;
    const timing = opts.timing ?? {};
    const config = await this.rest.systemConfig();
    const address = opts.l2Address ?? paradexAccountAddress(starkPublicKey(opts.l2PrivateKey), config);
    const signer = new ParadexSigner(opts.l2PrivateKey, address);
    const chain: ChainParams = { chainId: config.starknet_chain_id, decimals: config.paraclear_decimals };
    const jwt = new JwtSession(() => this.authenticate(signer, chain.chainId), opts.clock, timing.jwtRefreshAfterMs ?? DEFAULT_JWT_REFRESH_AFTER_MS);
    this.rest.authenticated(jwt);
    await jwt.get();
    const markets = new MarketCatalog(await this.rest.markets(), opts.fees ?? DEFAULT_PARADEX_FEES, opts.clock.now());
    const ws = new ParadexWs({ url: opts.wsUrl, agent: opts.wsAgent, clock: opts.clock, logger: this.log, jwt, pingIntervalMs: timing.pingIntervalMs, reconnect: timing.reconnect });
    const stream = new AccountStream({ ws, rest: this.rest, markets, clock: opts.clock, logger: this.log });
    const books = await this.startStreams(ws, stream, () => new BookSubscriptions(ws, markets, this.log, opts.bookFeed ?? 'deltas'));
    this.lifetime = new AbortController();
    this.log.info({ address, markets: markets.all().length, chainId: chain.chainId }, 'Paradex connected');
    return { signer, chain, markets, ws, stream, books };
  }

  /** `POST /auth` with a fresh `Request` signature (paradex.md §4). */
  private authenticate(signer: ParadexSigner, chainId: string): Promise<string> {
    const timestamp = Math.floor(this.opts.clock.now() / 1000);
    const expiration = timestamp + AUTH_SIGNATURE_LIFETIME_S;
    const signature = signer.sign(authTypedData(chainId, timestamp, expiration));
    return this.rest.auth({ account: signer.address, signature, timestamp, expiration });
  }

  /** Closes the WebSocket, its timers and pending emulation cancels; `connect()` may be called again. */
  override async close(): Promise<void> {
    this.lifetime.abort(new Error('closed'));
    await super.close();
  }

  /** From the live book when subscribed, else `GET /bbo/{market}` (paradex.md §6). */
  async bestBidAsk(symbol: string): Promise<BestBidAsk> {
    const { markets, books } = this.connected();
    const market = markets.get(symbol);
    const live = books.ready(market.symbol);
    if (live) return { symbol: market.symbol, ...live.best() };
    const bbo = await this.rest.bbo(String(market.venueMarketId));
    return {
      symbol: market.symbol,
      bid: bbo.bid !== null ? new Decimal(bbo.bid) : null,
      ask: bbo.ask !== null ? new Decimal(bbo.ask) : null,
      timestamp: bbo.last_updated_at,
    };
  }

  /**
   * `POST /orders` with a StarkNet-signed order (paradex.md §5). Limit: LIMIT
   * with instruction GTC / IOC / POST_ONLY at `price` rounded to the tick
   * (buy down, sell up). Market: see {@link ParadexVenueOptions.marketOrderMode}.
   * Paradex's risk checks run after acceptance: a refused order comes back
   * CLOSED with a `cancel_reason` as an order event whose `rejection` is typed.
   * @throws BelowMinSizeError, InvalidOrderError, ReduceOnlyRejectedError before sending; typed VenueErrors from Paradex.
   */
  async placeOrder(order: PlaceOrderRequest): Promise<OrderHandle> {
    const { prepared, emulated } = await this.prepareToSend(order);
    const handle = await this.send(order.symbol, prepared, order.urgent ? 'urgent' : 'normal');
    if (emulated) this.cancelIfStillOpen(handle.venueOrderId!);
    return handle;
  }

  /**
   * One `POST /orders/batch` (≤ 10 orders, paradex.md §5). Paradex rejects
   * the whole batch on a shape or signature failure; when it accepts some
   * orders and refuses others, the accepted ones are cancelled and the first
   * refusal is thrown, so the call is all or none.
   * @throws InvalidOrderError for more than 10 orders; the errors of {@link placeOrder}.
   */
  async placeOrders(orders: PlaceOrderRequest[]): Promise<OrderHandle[]> {
    if (orders.length === 0) return [];
    if (orders.length > MAX_BATCH) throw new InvalidOrderError('paradex', `at most ${MAX_BATCH} orders per Paradex batch, got ${orders.length}`);
    if (orders.length === 1) return [await this.placeOrder(orders[0]!)];
    const { signer, chain, stream } = this.connected();
    const ready = await Promise.all(orders.map((o) => this.prepareToSend(o)));
    const prepared = ready.map((r) => r.prepared);
    const now = this.opts.clock.now();
    const res = await this.rest.createOrders(
      prepared.map((p, i) => signedOrderBody(p, signer, chain, now + i)),
      orders.some((o) => o.urgent) ? 'urgent' : 'normal',
    );
    const accepted = res.orders.filter((o): o is NonNullable<typeof o> => o !== null);
    const refusal = res.errors.find((e) => e !== null);
    if (refusal || accepted.length !== orders.length) {
      if (accepted.length > 0) await this.rest.cancelOrders(accepted.map((o) => o.id)).catch((err: unknown) => this.log.warn({ err: (err as Error).message }, 'cancel of a partly accepted batch failed'));
      throw paradexError(refusal?.error, refusal?.message ?? `Paradex accepted ${accepted.length} of ${orders.length} batched orders`, 400);
    }
    stream.applyOrders(accepted);
    ready.forEach((r, i) => r.emulated && this.cancelIfStillOpen(accepted[i]!.id));
    const acceptedAt = this.opts.clock.now();
    return orders.map((o, i) => ({ symbol: o.symbol, clientOrderId: prepared[i]!.clientId, venueOrderId: accepted[i]!.id, txId: null, acceptedAt }));
  }

  /** `DELETE /orders/{id}` (paradex.md §5): queued; the CLOSED update follows on the stream. */
  async cancelOrder(symbol: string, venueOrderId: string): Promise<void> {
    this.connected().markets.get(symbol);
    await this.rest.cancelOrder(venueOrderId);
  }

  /** `DELETE /orders[?market=]` (paradex.md §5). */
  async cancelAll(symbol?: string): Promise<void> {
    const { markets } = this.connected();
    await this.rest.cancelAll(symbol === undefined ? undefined : markets.venueSymbolOf(symbol));
  }

  /**
   * `PUT /orders/{id}` with a `ModifyOrder` signature (paradex.md §5): new
   * size and price of a resting limit order, rounded like a new limit order
   * on the order's side.
   * @throws OrderNotFoundError when the order is unknown or no longer open.
   */
  async modifyOrder(change: ModifyOrderRequest): Promise<void> {
    const { markets, stream, signer, chain } = this.connected();
    const market = markets.get(change.symbol);
    let known = stream.knownOrder(change.venueOrderId);
    if (!known) {
      const o = await this.rest.order(change.venueOrderId);
      known = toOrder(o, market.symbol);
    }
    if (known.status !== 'open' && known.status !== 'partially_filled' && known.status !== 'pending') {
      throw new OrderNotFoundError('paradex', `Paradex order ${change.venueOrderId} is ${known.status}, not open`);
    }
    const size = roundSize(change.size, market);
    const price = roundPrice(change.price, known.side, market);
    const body = signedModifyBody({ id: change.venueOrderId, market: String(market.venueMarketId), side: known.side, size, price }, signer, chain, this.opts.clock.now());
    await this.rest.modifyOrder(change.venueOrderId, body);
  }

  /** `GET /orders[?market=]` (paradex.md §5). */
  async openOrders(symbol?: string): Promise<Order[]> {
    const { markets } = this.connected();
    const venueSymbol = symbol === undefined ? undefined : markets.venueSymbolOf(symbol);
    const list = await this.rest.openOrders(venueSymbol);
    return list.flatMap((o) => {
      const m = markets.byVenueSymbol(o.market);
      return m ? [toOrder(o, m.symbol)] : [];
    });
  }

  /** The account's last `limit` fills from `GET /fills?page_size=` (paradex.md §6), newest first. */
  async fillHistory(limit: number): Promise<Fill[]> {
    const { markets } = this.connected();
    const list = await this.rest.fills(Math.min(Math.max(1, limit), MAX_FILLS_PAGE));
    return list.flatMap((f) => {
      const m = markets.byVenueSymbol(f.market);
      return m ? [toFill(f, m.symbol)] : [];
    });
  }

  /** `GET /orders/by_client_id/{client_id}` (paradex.md §5); null when Paradex answers that it has no such order. */
  async orderByClientId(symbol: string, clientOrderId: string): Promise<Order | null> {
    const { markets } = this.connected();
    try {
      const o = await this.rest.orderByClientId(this.ids.assign(clientOrderId));
      return toOrder(o, markets.byVenueSymbol(o.market)?.symbol ?? symbol);
    } catch (err) {
      if (err instanceof OrderNotFoundError) return null;
      throw err;
    }
  }

  /** `GET /positions` (paradex.md §6): the open ones. */
  async positions(): Promise<Position[]> {
    const { markets } = this.connected();
    const list = await this.rest.positions();
    return list.flatMap((p) => {
      const m = markets.byVenueSymbol(p.market);
      return (m && toPosition(p, m.symbol)) || [];
    });
  }

  /**
   * Paradex's dead-man's switch: cancel-on-disconnect on the account's
   * WebSocket (ws-connection.ts `setCancelOnDisconnect`), set again after
   * every reconnect. Paradex cancels as soon as it sees the connection drop
   * (a dead app stops answering its pings), so the window in force is 0 —
   * shorter than any `windowMs` asked for; a brief network drop cancels the
   * resting orders too (the strategies see them cancelled and place again).
   */
  async armDeadMansSwitch(windowMs: number): Promise<DeadMansSwitch> {
    if (!(windowMs > 0)) throw new RangeError(`dead-man's switch window must be positive, got ${windowMs} ms`);
    const { ws } = this.connected();
    await ws.setCancelOnDisconnect(true);
    let released = false;
    return {
      windowMs: 0,
      release: async () => {
        if (released) return;
        released = true;
        await ws.setCancelOnDisconnect(false).catch((err: unknown) => this.log.warn({ err: (err as Error).message }, 'could not turn Paradex cancel-on-disconnect off'));
      },
    };
  }

  /** `GET /account` (paradex.md §6): account value and free collateral. */
  async collateral(): Promise<Collateral> {
    this.connected();
    return toCollateral(await this.rest.account());
  }

  /** Signs and sends one prepared order; feeds the answer to the stream. */
  private async send(symbol: string, prepared: PreparedOrder, priority: RequestPriority): Promise<OrderHandle> {
    const { signer, chain, stream } = this.connected();
    const res = await this.rest.createOrder(signedOrderBody(prepared, signer, chain, this.opts.clock.now()), priority);
    stream.applyOrders([res]);
    return { symbol, clientOrderId: prepared.clientId, venueOrderId: res.id, txId: null, acceptedAt: this.opts.clock.now() };
  }

  /**
   * Rounds and checks one order; in `limit-emulation` mode a market order
   * becomes the seed bot's limit IOC at best ± offset, capped at the worst
   * price ({@link emulatedLimitPrice}; reads the best bid/ask first).
   */
  private async prepareToSend(order: PlaceOrderRequest): Promise<{ prepared: PreparedOrder; emulated: boolean }> {
    if (order.type !== 'market' || this.opts.marketOrderMode !== 'limit-emulation') return { prepared: this.prepare(order), emulated: false };
    const best = await this.bestBidAsk(order.symbol);
    const price = emulatedLimitPrice(best, order.side, this.emulation.offset, order.price);
    return { prepared: this.prepare({ ...order, type: 'limit', price, timeInForce: 'IOC' }), emulated: true };
  }

  /**
   * The seed's safety net for an emulated market order: cancelled if still
   * open after `cancelAfterMs` (IOC should already have ended it). Runs in
   * the background; stops when the client closes.
   */
  private cancelIfStillOpen(venueOrderId: string): void {
    const signal = this.lifetime.signal;
    void this.opts.clock
      .sleep(this.emulation.cancelAfterMs, signal)
      .then(async () => {
        const state = this.session?.stream.knownOrder(venueOrderId);
        if (state && (state.status === 'filled' || state.status === 'canceled' || state.status === 'rejected')) return;
        this.log.info({ venueOrderId }, 'emulated market order still open; cancelling');
        await this.rest.cancelOrder(venueOrderId);
      })
      .catch((err: unknown) => {
        if (!signal.aborted) this.log.warn({ err: (err as Error).message, venueOrderId }, 'cancel of an emulated market order failed');
      });
  }

  /** Validates and rounds one order (no network). */
  private prepare(order: PlaceOrderRequest): PreparedOrder {
    const { markets } = this.connected();
    const market = markets.get(order.symbol);
    const reduceOnly = order.reduceOnly ?? false;
    if (market.status === 'inactive') throw new InvalidOrderError('paradex', `Paradex market ${order.symbol} is not open`);
    if (market.status === 'reduce-only' && !reduceOnly) throw new ReduceOnlyRejectedError('paradex', `Paradex market ${order.symbol} accepts reduce-only orders only`);
    const isMarket = order.type === 'market';
    const size = roundSize(order.size, market);
    const price = isMarket ? null : roundPrice(order.price, order.side, market);
    checkOrderLimits(size, price ?? order.price, reduceOnly, market);
    const maxSize = markets.maxOrderSize(String(market.venueMarketId));
    if (maxSize !== undefined && size.gt(maxSize)) throw new InvalidOrderError('paradex', `${order.symbol}: size ${size.toString()} above max_order_size ${maxSize.toString()}`);
    return {
      market: String(market.venueMarketId),
      side: order.side,
      type: isMarket ? 'MARKET' : 'LIMIT',
      size,
      price,
      timeInForce: order.timeInForce,
      reduceOnly,
      clientId: this.ids.assign(order.clientOrderId),
    };
  }
}
