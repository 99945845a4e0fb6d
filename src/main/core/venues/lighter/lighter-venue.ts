import type { Agent } from 'node:http';
import Decimal from 'decimal.js';
import type { Dispatcher } from 'undici';
import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import { RenewedSwitch, type DeadMansSwitch } from '../dead-mans-switch';
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
  Side,
  Venue,
} from '../venue';
import { InvalidOrderError, OrderNotFoundError, ReduceOnlyRejectedError, UnknownVenueError } from '../venue-errors';
import { AccountStream } from './account-stream';
import { AuthTokens } from './auth-token';
import { BookSubscriptions } from './book-subscriptions';
import { ClientOrderIds } from './client-order-ids';
import { encodeOrderAmounts } from './codec';
import { toFill } from './fills';
import { MarketCatalog } from './markets';
import { NonceManager } from './nonce-manager';
import { toOrder } from './orders';
import { toCollateral, toPosition } from './positions';
import { createLighterRateLimiter, type LighterTier } from './rate-limits';
import { LighterRest } from './rest-client';
import type { LighterOrderFields, LighterSigner } from './signer/lighter-signer';
import { MAX_BATCH, TxSender, type SignWithNonce } from './tx-sender';
import type { LighterOrder } from './wire';
import { LighterWs } from './ws-connection';

/** OrderExpiry −1: the signer sets now + 28 days, the longest it offers (lighter.md §3.2; Lighter allows 5 min … 30 days). */
const LONGEST_EXPIRY = -1;
/**
 * Shortest scheduled cancel-all Lighter takes: 5 min ahead (lighter-go
 * `MinOrderCancelAllPeriod`, types/txtypes/constants.go; the simulator
 * refuses less with 21714), plus 10 s for clock skew and transit.
 */
const MIN_SCHEDULED_CANCEL_ALL_MS = 5 * 60_000 + 10_000;
/** API key indexes Lighter's own apps use and reset (lighter.md §5.1). */
const RESERVED_API_KEYS = 3;
/** Largest page of `trades` and `accountInactiveOrders` (lighter.md §1.6–§1.7; the client's REST replay reads the same). */
const MAX_TRADES_PAGE = 100;

/** Timeouts and intervals of the Lighter client (rate-limit retries also on code 23000). */
export interface LighterTiming extends LiveTiming {
  /** Auth token lifetime, ms (default 1 h, capped at 8 h) and refresh margin (default 5 min). */
  authLifetimeMs?: number;
  authRefreshBeforeMs?: number;
}

/** Construction of a Lighter client: see {@link createLighterVenue}. */
export interface LighterVenueOptions {
  /** The HedgeDesk account id this client trades for. */
  accountId: string;
  /** REST base, e.g. `https://mainnet.zklighter.elliot.ai` (lighter.md §0) or the simulator's. */
  baseUrl: string;
  /** WebSocket URL, e.g. `wss://mainnet.zklighter.elliot.ai/stream` (lighter.md §0) or the simulator's. */
  wsUrl: string;
  /** Lighter account index; when absent it is looked up from `l1Address` (master account, §1.4). */
  accountIndex?: number;
  /** The account's L1 (Ethereum) address, used when `accountIndex` is absent. */
  l1Address?: string;
  /** API key index (4–254 recommended; 0–3 are reserved by Lighter's apps, §5.1). */
  apiKeyIndex: number;
  /** Signs transactions and auth tokens for (accountIndex, apiKeyIndex). */
  signer: LighterSigner;
  /** Request budget tier of the account (§7.2). */
  tier: LighterTier;
  clock: Clock;
  logger: Logger;
  /** undici dispatcher for REST (e.g. a proxy agent); the global one when absent. */
  dispatcher?: Dispatcher;
  /** Agent of the WebSocket stream (e.g. a proxy tunnel); direct when absent. */
  wsAgent?: Agent;
  timing?: LighterTiming;
  /**
   * The account's self-trade prevention, sent with every order it creates (tx attributes 6 / 7;
   * `selfTradeWireModes` of shared/schemas/self-trade.ts). Absent = 0 / 0: expire maker, same account.
   */
  selfTrade?: Pick<LighterOrderFields, 'selfTradeBehaviorMode' | 'selfTradeEqualityMode'>;
}

/**
 * Builds a Lighter client implementing {@link Venue}. Nothing touches the
 * network until `connect()`.
 * @throws TypeError when neither `accountIndex` nor `l1Address` is given, or the API key index is outside 0–254.
 */
export function createLighterVenue(options: LighterVenueOptions): Venue {
  if (options.accountIndex === undefined && !options.l1Address) throw new TypeError('Lighter needs an accountIndex or an l1Address');
  if (!Number.isInteger(options.apiKeyIndex) || options.apiKeyIndex < 0 || options.apiKeyIndex > 254) {
    throw new TypeError(`Lighter API key index must be 0–254, got ${options.apiKeyIndex}`);
  }
  return new LighterVenue(options);
}

interface Connected {
  accountIndex: number;
  markets: MarketCatalog;
  ws: LighterWs;
  stream: AccountStream;
  books: BookSubscriptions;
}

/**
 * The Lighter client (lighter.md): markets from `orderBookDetails`, books
 * over WS, account state from `account` and the private channels, orders as
 * signed transactions through `sendTx` / `sendTxBatch` with per-key nonces,
 * all REST rate-limited per the account's tier.
 */
class LighterVenue extends LiveVenueClient<Connected> implements Venue {
  readonly venue = 'lighter' as const;
  private readonly rest: LighterRest;
  private readonly auth: AuthTokens;
  private readonly ids: ClientOrderIds;
  private readonly tx: TxSender;
  private readonly log: Logger;

  constructor(private readonly opts: LighterVenueOptions) {
    super(opts.accountId, 'Lighter', opts.timing ?? {});
    this.log = opts.logger.child({ component: 'venue.lighter', account: opts.accountId });
    const timing = opts.timing ?? {};
    this.auth = new AuthTokens(opts.signer, opts.clock, { lifetimeMs: timing.authLifetimeMs, refreshBeforeMs: timing.authRefreshBeforeMs });
    const authToken = () => this.auth.get();
    this.rest = new LighterRest({
      baseUrl: opts.baseUrl,
      tier: opts.tier,
      limiter: createLighterRateLimiter(opts.clock),
      authToken,
      clock: opts.clock,
      logger: this.log,
      dispatcher: opts.dispatcher,
      maxRateLimitRetries: timing.maxRateLimitRetries,
      backoff: timing.rateLimitBackoff,
      timeoutMs: timing.restTimeoutMs,
    });
    this.ids = new ClientOrderIds(opts.clock);
    const nonces = new NonceManager(() => this.rest.nextNonce(opts.signer.accountIndex, opts.apiKeyIndex), this.log);
    this.tx = new TxSender(nonces, this.rest);
  }

  /**
   * Loads markets, resolves the account index, checks the signer matches it,
   * reads the fill history and opens the WebSocket with the private channels.
   * A failed connect leaves nothing running and may be retried.
   * @throws TypeError when the signer is for another account or API key.
   * @throws UnknownVenueError when the L1 address has no Lighter account.
   * @throws VenueError (typed) when Lighter cannot be reached.
   */
  protected async openSession(): Promise<Connected> {
    const { opts } = this;
    if (opts.apiKeyIndex <= RESERVED_API_KEYS) {
      this.log.warn({ apiKeyIndex: opts.apiKeyIndex }, 'Lighter API key index 0–3 is reserved for Lighter’s own apps, which may reset it; use 4–254');
    }
    const markets = new MarketCatalog((await this.rest.orderBookDetails()).order_book_details);
    const accountIndex = opts.accountIndex ?? (await this.lookupAccountIndex(opts.l1Address!));
    if (opts.signer.accountIndex !== accountIndex || opts.signer.apiKeyIndex !== opts.apiKeyIndex) {
      throw new TypeError(
        `Lighter signer is for account ${opts.signer.accountIndex} key ${opts.signer.apiKeyIndex}, not account ${accountIndex} key ${opts.apiKeyIndex}`,
      );
    }
    const timing = opts.timing ?? {};
    const ws = new LighterWs({
      url: opts.wsUrl,
      agent: opts.wsAgent,
      clock: opts.clock,
      logger: this.log,
      authToken: () => this.auth.get(),
      pingIntervalMs: timing.pingIntervalMs,
      reconnect: timing.reconnect,
    });
    const stream = new AccountStream({ accountIndex, ws, rest: this.rest, markets, ids: this.ids, clock: opts.clock, logger: this.log });
    const books = await this.startStreams(ws, stream, () => new BookSubscriptions(ws, markets, opts.clock, this.log));
    this.log.info({ accountIndex, markets: markets.all().length }, 'Lighter connected');
    return { accountIndex, markets, ws, stream, books };
  }

  /** From the live book when subscribed, else `orderBookOrders` with limit 1 (lighter.md §1.3). */
  async bestBidAsk(symbol: string): Promise<BestBidAsk> {
    const { markets, books } = this.connected();
    const live = books.ready(symbol);
    if (live) return { symbol, ...live.best() };
    const res = await this.rest.orderBookOrders(markets.idOf(symbol), 1);
    const bid = res.bids[0];
    const ask = res.asks[0];
    return { symbol, bid: bid ? new Decimal(bid.price) : null, ask: ask ? new Decimal(ask.price) : null, timestamp: this.opts.clock.now() };
  }

  /**
   * CreateOrder (tx type 14) via sendTx. Limit: Type 0 with TIF GTT
   * (expiry −1 = now + 28 d, set by the signer), IOC (expiry 0) or post-only
   * (expiry −1);
   * market: Type 1, IOC, expiry 0, Price = the worst price (lighter.md §3.2, §3.4).
   * The order id is known only once Lighter executes it (order stream).
   * An urgent order (hedge, flatten) goes ahead of others in the rate limiter.
   * @throws BelowMinSizeError, InvalidOrderError, ReduceOnlyRejectedError before sending; typed VenueErrors from Lighter.
   */
  async placeOrder(order: PlaceOrderRequest): Promise<OrderHandle> {
    const prepared = this.prepare(order);
    const res = await this.tx.send(prepared.sign, order.urgent ? 'urgent' : 'normal');
    return { symbol: order.symbol, clientOrderId: prepared.clientOrderId, venueOrderId: null, txId: res.tx_hash, acceptedAt: this.opts.clock.now() };
  }

  /**
   * Several CreateOrders in one sendTxBatch (≤ 50), all accepted or none (lighter.md §1.10, §6.5).
   * @throws InvalidOrderError for more than 50 orders; the errors of {@link placeOrder}.
   */
  async placeOrders(orders: PlaceOrderRequest[]): Promise<OrderHandle[]> {
    if (orders.length === 0) return [];
    if (orders.length > MAX_BATCH) throw new InvalidOrderError('lighter', `at most ${MAX_BATCH} orders per Lighter batch, got ${orders.length}`);
    const prepared = orders.map((o) => this.prepare(o));
    const res = await this.tx.sendBatch(
      prepared.map((p) => p.sign),
      orders.some((o) => o.urgent) ? 'urgent' : 'normal',
    );
    const acceptedAt = this.opts.clock.now();
    return orders.map((o, i) => ({
      symbol: o.symbol,
      clientOrderId: prepared[i]!.clientOrderId,
      venueOrderId: null,
      txId: res.tx_hash[i] ?? null,
      acceptedAt,
    }));
  }

  /** CancelOrder (tx type 15) by exchange order index (lighter.md §3.5). */
  async cancelOrder(symbol: string, venueOrderId: string): Promise<void> {
    const marketIndex = this.connected().markets.idOf(symbol);
    const index = parseOrderIndex(venueOrderId);
    await this.tx.send((nonce) => this.opts.signer.signCancelOrder(marketIndex, index, nonce));
  }

  /**
   * All markets: one CancelAllOrders (tx type 16, immediate: TimeInForce 0,
   * Time 0). One market: its open orders cancelled with CancelOrder
   * transactions in batches of ≤ 50 (lighter.md §3.5).
   */
  async cancelAll(symbol?: string): Promise<void> {
    const { markets, accountIndex } = this.connected();
    if (symbol === undefined) {
      await this.tx.send((nonce) => this.opts.signer.signCancelAllOrders(0, 0, nonce));
      return;
    }
    const marketIndex = markets.idOf(symbol);
    const open = await this.rest.activeOrders(accountIndex, marketIndex);
    const signs: SignWithNonce[] = open
      .filter((o) => o.market_index === marketIndex)
      .map((o) => (nonce) => this.opts.signer.signCancelOrder(marketIndex, o.order_index, nonce));
    for (let i = 0; i < signs.length; i += MAX_BATCH) await this.tx.sendBatch(signs.slice(i, i + MAX_BATCH));
  }

  /**
   * Lighter's dead-man's switch: a scheduled CancelAllOrders (tx type 16,
   * TimeInForce 1, Time = now + the window, Unix ms; lighter.md §3.5),
   * renewed every windowMs / 2 while the app is alive and aborted
   * (TimeInForce 2) on release. Lighter schedules no sooner than 5 min
   * ahead, so the window in force is at least that (see
   * MIN_SCHEDULED_CANCEL_ALL_MS). Renewals are ordinary (non-urgent) sendTx.
   */
  async armDeadMansSwitch(windowMs: number): Promise<DeadMansSwitch> {
    this.connected();
    const { signer } = this.opts;
    return RenewedSwitch.arm({
      windowMs,
      floorMs: MIN_SCHEDULED_CANCEL_ALL_MS,
      schedule: async (at) => {
        await this.tx.send((nonce) => signer.signCancelAllOrders(1, Math.floor(at), nonce));
      },
      abort: async () => {
        await this.tx.send((nonce) => signer.signCancelAllOrders(2, 0, nonce));
      },
      clock: this.opts.clock,
      logger: this.log,
    });
  }

  /**
   * ModifyOrder (tx type 17): new size and limit price of a resting order,
   * rounded like a new limit order on the order's side (lighter.md §3.5).
   * @throws OrderNotFoundError when the order is not among the account's open orders.
   */
  async modifyOrder(change: ModifyOrderRequest): Promise<void> {
    const { markets, stream, accountIndex } = this.connected();
    const market = markets.get(change.symbol);
    const marketIndex = markets.idOf(change.symbol);
    const index = parseOrderIndex(change.venueOrderId);
    let side: Side | undefined = stream.knownOrder(change.venueOrderId)?.side;
    if (!side) {
      const open = await this.rest.activeOrders(accountIndex, marketIndex);
      const found = open.find((o) => o.order_id === change.venueOrderId);
      if (!found) throw new OrderNotFoundError('lighter', `no open Lighter order ${change.venueOrderId} on ${change.symbol}`);
      side = found.is_ask ? 'sell' : 'buy';
    }
    const amounts = encodeOrderAmounts(change.size, change.price, side, market);
    await this.tx.send((nonce) => this.opts.signer.signModifyOrder(marketIndex, index, amounts.baseAmount, amounts.price, 0, nonce, this.opts.selfTrade));
  }

  /** `accountActiveOrders` (auth), one market or all (lighter.md §1.6). */
  async openOrders(symbol?: string): Promise<Order[]> {
    const { markets, accountIndex } = this.connected();
    const marketIndex = symbol === undefined ? undefined : markets.idOf(symbol);
    const orders = await this.rest.activeOrders(accountIndex, marketIndex);
    const result: Order[] = [];
    for (const o of orders) {
      const m = markets.byMarketId(o.market_index);
      if (!m || (marketIndex !== undefined && o.market_index !== marketIndex)) continue;
      result.push(toOrder(o, m.symbol, (i) => this.ids.clientOrderIdOf(i)));
    }
    return result;
  }

  /**
   * The account's last `limit` (≤ 100) trades from `GET /api/v1/trades?account_index=`
   * (auth), newest first, as its fills (lighter.md §1.7). Weight 600.
   */
  async fillHistory(limit: number): Promise<Fill[]> {
    const { markets, accountIndex } = this.connected();
    const trades = await this.rest.accountTrades(accountIndex, Math.min(Math.max(1, limit), MAX_TRADES_PAGE));
    return trades.flatMap((t) => {
      const m = markets.byMarketId(t.market_id);
      return (m && toFill(t, accountIndex, m.symbol, (clientIndex) => (clientIndex ? this.ids.clientOrderIdOf(clientIndex) : null))) || [];
    });
  }

  /**
   * The order with this client order index: among the market's active orders
   * (`accountActiveOrders`), else the last 100 finished ones
   * (`accountInactiveOrders`), lighter.md §1.6; null when in neither.
   */
  async orderByClientId(symbol: string, clientOrderId: string): Promise<Order | null> {
    const { markets, accountIndex } = this.connected();
    const marketIndex = markets.idOf(symbol);
    const { index } = this.ids.assign(clientOrderId);
    const match = (o: LighterOrder) => o.market_index === marketIndex && o.client_order_index === index;
    const found = (await this.rest.activeOrders(accountIndex, marketIndex)).find(match) ?? (await this.rest.inactiveOrders(accountIndex, MAX_TRADES_PAGE)).find(match);
    return found ? toOrder(found, symbol, (i) => this.ids.clientOrderIdOf(i)) : null;
  }

  /** Open positions from `account` (lighter.md §1.5). */
  async positions(): Promise<Position[]> {
    const { markets, accountIndex } = this.connected();
    const account = await this.rest.account(accountIndex);
    return account.positions.flatMap((p) => toPosition(p, markets.byMarketId(p.market_id)?.symbol ?? p.symbol) ?? []);
  }

  /** Perp collateral from `account` (lighter.md §1.5). */
  async collateral(): Promise<Collateral> {
    const account = await this.rest.account(this.connected().accountIndex);
    return toCollateral(account.collateral, account.available_balance);
  }

  private async lookupAccountIndex(l1Address: string): Promise<number> {
    const [master] = await this.rest.accountsByL1Address(l1Address);
    if (!master) throw new UnknownVenueError('lighter', `no Lighter account for L1 address ${l1Address}`);
    return master.index;
  }

  /** Validates and encodes one order; returns the signing step and the client order id. */
  private prepare(order: PlaceOrderRequest): { sign: SignWithNonce; clientOrderId: string } {
    const market = this.connected().markets.get(order.symbol);
    const reduceOnly = order.reduceOnly ?? false;
    if (market.status === 'inactive') throw new InvalidOrderError('lighter', `Lighter market ${order.symbol} is inactive`);
    if (market.status === 'reduce-only' && !reduceOnly) {
      throw new ReduceOnlyRejectedError('lighter', `Lighter market ${order.symbol} accepts reduce-only orders only`);
    }
    const isMarket = order.type === 'market';
    const amounts = encodeOrderAmounts(order.size, order.price, order.side, market);
    const { index, clientOrderId } = this.ids.assign(order.clientOrderId);
    const timeInForce: LighterOrderFields['timeInForce'] = isMarket || order.timeInForce === 'IOC' ? 0 : order.timeInForce === 'POST_ONLY' ? 2 : 1;
    const fields: LighterOrderFields = {
      marketIndex: Number(market.venueMarketId),
      clientOrderIndex: index,
      baseAmount: amounts.baseAmount,
      price: amounts.price,
      isAsk: order.side === 'sell',
      orderType: isMarket ? 1 : 0,
      timeInForce,
      reduceOnly,
      triggerPrice: 0,
      orderExpiry: timeInForce === 0 ? 0 : LONGEST_EXPIRY,
      ...this.opts.selfTrade,
    };
    return { sign: (nonce) => this.opts.signer.signCreateOrder(fields, nonce), clientOrderId };
  }
}

/** An exchange order index from its string id. @throws InvalidOrderError when it is not a positive integer. */
function parseOrderIndex(venueOrderId: string): number {
  if (!/^\d{1,16}$/.test(venueOrderId) || Number(venueOrderId) <= 0) throw new InvalidOrderError('lighter', `not a Lighter order id: ${venueOrderId}`);
  return Number(venueOrderId);
}
