import { fundingDataJson } from './data-routes';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { parseJsonObjectFrame } from '../server/json-frame';
import { MicrotaskFlush } from '../server/microtask-flush';
import { upgradeOnPath } from '../server/ws-upgrade';
import type { ParadexAccount } from './account-registry';
import { accountSummaryJson, balanceEventJson, fillJson, positionsJson } from './account-view';
import type { BookFeed } from './book-feed';
import { bboJson, marketSummaryJson, tradeJson } from './market-view';
import { orderJson } from './order-view';
import type { ParadexError } from './paradex-error';
import type { ParadexMarket } from './markets';
import type { FillRecord, OrderRecord, ParadexExchange } from './paradex-exchange';
import { parseChannel, type Channel } from './ws-channels';

/** `funding_data.{market}` pushes this often (clock time; funding is not simulated, every rate is "0"). */
const FUNDING_DATA_PERIOD_MS = 5000;

/** Path of the WebSocket endpoint (paradex.md §8: `wss://ws.api.prod.paradex.trade/v1`). */
export const WS_PATH = '/v1';
const MAX_PAYLOAD = 1 << 20;
/** Levels per side of the order-book snapshot channel (`snapshot@15@…`). */
const BOOK_DEPTH = 15;

/** JSON-RPC error codes Paradex uses (paradex.md §8 "Errors"). */
export const RPC_ERRORS = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  method: 100,
  malformedBearer: 40110,
  invalidBearer: 40111,
} as const;

/** Options of {@link WsHub}. */
export interface WsHubOptions {
  venue: ParadexExchange;
  /** The order-book streams (shared with REST so `seq_no` agrees). */
  books: BookFeed;
  /** Server ping period, ms (default 55,000; a connection that did not answer the previous ping is closed). */
  pingIntervalMs?: number;
}

interface Client {
  ws: WebSocket;
  subs: Map<string, Channel>;
  account: ParadexAccount | null;
  alive: boolean;
  /** `order.cancel_on_disconnect` is on: the account's open orders are cancelled when this connection closes. */
  cancelOnDisconnect: boolean;
}

/**
 * Paradex's WebSocket API on `/v1` (paradex.md §8): JSON-RPC 2.0 `auth`
 * (`{bearer}`; an `Authorization: Bearer` handshake header also
 * authenticates), `subscribe` / `unsubscribe` (`{channel}`; twice, or not
 * subscribed, is an error), pushes as `{"jsonrpc":"2.0","method":"subscription",
 * "params":{"channel","data"}}`. Protocol-level pings every 55 s. Order, fill
 * and balance-event pushes are sent as they happen (one message per update);
 * book, BBO, summary, position and account pushes are coalesced per I/O turn.
 */
export class WsHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  private readonly clients = new Set<Client>();
  private readonly dirtyBooks = new Set<number>();
  private readonly dirtyAccounts = new Set<number>();
  private readonly dirtyMarks = new Set<number>();
  private readonly flusher = new MicrotaskFlush(() => this.flush());
  private readonly stopPing: () => void;
  private readonly stopFunding: () => void;
  private readonly books: BookFeed;

  constructor(private readonly opts: WsHubOptions) {
    const { venue } = opts;
    this.books = opts.books;
    venue.on('order', (r) => this.onOrder(r));
    venue.on('fill', (f) => this.onFill(f));
    venue.engine.on('level', (marketId) => this.mark(this.dirtyBooks, marketId));
    venue.engine.on('account', (a) => this.mark(this.dirtyAccounts, a));
    venue.engine.on('mark', (m) => this.mark(this.dirtyMarks, m));
    venue.engine.on('trade', (t) => {
      const data = tradeJson(venue, t);
      this.push(`trades.${data.market}`, () => data);
      this.push('trades.ALL', () => data);
    });
    this.stopPing = venue.clock.every(opts.pingIntervalMs ?? 55_000, () => this.ping());
    this.stopFunding = venue.clock.every(FUNDING_DATA_PERIOD_MS, () => {
      for (const m of venue.markets()) this.push(`funding_data.${m.spec.symbol}`, () => fundingDataJson(m, venue.clock.now()));
    });
  }

  /** Accepts an HTTP upgrade on `/v1`; refuses any other path with 404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    upgradeOnPath(this.wss, WS_PATH, req, socket, head, (ws) => {
      const client: Client = { ws, subs: new Map(), account: null, alive: true, cancelOnDisconnect: false };
      const bearer = req.headers.authorization;
      if (bearer) {
        try {
          client.account = this.accountOf(this.opts.venue.jwt.verifyBearer(bearer).sub);
        } catch {
          /* the connection stays unauthenticated; `auth` may follow */
        }
      }
      this.clients.add(client);
      ws.on('pong', () => (client.alive = true));
      ws.on('message', (raw) => this.onMessage(client, raw));
      ws.on('close', () => {
        this.clients.delete(client);
        this.cancelOnClose(client);
      });
      ws.on('error', () => ws.terminate());
    });
  }

  /** Number of open connections. */
  connectionCount(): number {
    return this.clients.size;
  }

  /** Drops every connection at once, as a network failure would (fault injection). */
  dropAll(): void {
    for (const c of this.clients) c.ws.terminate();
    this.clients.clear();
  }

  /** Stops the ping timer and drops every connection. */
  close(): void {
    this.stopPing();
    this.stopFunding();
    this.dropAll();
    this.wss.close();
  }

  // ---------------------------------------------------------------- inbound

  private accountOf(address: string): ParadexAccount {
    const account = this.opts.venue.registry.get(address);
    if (!account) throw new Error('unknown account');
    return account;
  }

  private onMessage(client: Client, raw: RawData): void {
    const msg = parseJsonObjectFrame(raw);
    if (!msg) {
      this.reply(client, null, { error: { code: RPC_ERRORS.parse, message: 'parse error' } });
      return;
    }
    const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : null;
    const params = (msg.params && typeof msg.params === 'object' ? msg.params : {}) as Record<string, unknown>;
    if (msg.jsonrpc !== '2.0' || typeof msg.method !== 'string') {
      this.reply(client, id, { error: { code: RPC_ERRORS.invalidRequest, message: 'invalid request', data: 'expected {"jsonrpc":"2.0","method",…}' } });
      return;
    }
    switch (msg.method) {
      case 'auth':
        return this.auth(client, id, params);
      case 'subscribe':
        return this.subscribe(client, id, params);
      case 'unsubscribe':
        return this.unsubscribe(client, id, params);
      case 'order.cancel_on_disconnect':
        return this.setCancelOnDisconnect(client, id, params);
      default:
        this.reply(client, id, { error: { code: RPC_ERRORS.methodNotFound, message: 'method not found', data: msg.method } });
    }
  }

  private auth(client: Client, id: number | string | null, params: Record<string, unknown>): void {
    const { venue } = this.opts;
    if (typeof params.bearer !== 'string' || params.bearer === '') {
      this.reply(client, id, { error: { code: RPC_ERRORS.malformedBearer, message: 'malformed bearer', data: 'params.bearer: expected the JWT' } });
      return;
    }
    try {
      client.account = this.accountOf(venue.jwt.verify(params.bearer).sub);
    } catch (err) {
      this.reply(client, id, { error: { code: RPC_ERRORS.invalidBearer, message: 'invalid bearer', data: (err as ParadexError).message } });
      return;
    }
    this.reply(client, id, { result: { node_id: 'paradex-sim' } });
  }

  /**
   * `order.cancel_on_disconnect` `{enabled}` (authenticated connections): while
   * on, the account's open orders are cancelled when the connection closes
   * (docs.paradex.trade/ws/web-socket-channels/order-cancel-on-disconnect;
   * Paradex cancels the orders tracked by that connection — the simulator
   * cancels all of the account's, which is the same for a client with one
   * connection per account).
   */
  private setCancelOnDisconnect(client: Client, id: number | string | null, params: Record<string, unknown>): void {
    if (!client.account) {
      this.reply(client, id, { error: { code: RPC_ERRORS.invalidBearer, message: 'not authenticated', data: 'auth first' } });
      return;
    }
    if (typeof params.enabled !== 'boolean') {
      this.reply(client, id, { error: { code: RPC_ERRORS.invalidRequest, message: 'invalid request', data: 'params.enabled: expected a boolean' } });
      return;
    }
    client.cancelOnDisconnect = params.enabled;
    this.reply(client, id, { result: { enabled: params.enabled } });
  }

  private cancelOnClose(client: Client): void {
    if (!client.cancelOnDisconnect || !client.account) return;
    client.cancelOnDisconnect = false;
    this.opts.venue.cancelAll(client.account);
  }

  private subscribe(client: Client, id: number | string | null, params: Record<string, unknown>): void {
    const channel = parseChannel(this.opts.venue, params.channel);
    if (!channel) {
      this.reply(client, id, { error: { code: RPC_ERRORS.invalidRequest, message: 'invalid subscribe request', data: 'invalid channel' } });
      return;
    }
    if (channel.private && !client.account) {
      this.reply(client, id, { error: { code: RPC_ERRORS.malformedBearer, message: 'unauthorized', data: `${channel.name} needs an authenticated connection (auth first)` } });
      return;
    }
    if (client.subs.has(channel.name)) {
      this.reply(client, id, { error: { code: RPC_ERRORS.method, message: 'already subscribed', data: channel.name } });
      return;
    }
    client.subs.set(channel.name, channel);
    this.reply(client, id, { result: { channel: channel.name } });
    const first = this.initial(channel);
    if (first) this.send(client, { jsonrpc: '2.0', method: 'subscription', params: { channel: channel.name, data: first } });
  }

  private unsubscribe(client: Client, id: number | string | null, params: Record<string, unknown>): void {
    const name = typeof params.channel === 'string' ? params.channel : '';
    if (!client.subs.delete(name)) {
      this.reply(client, id, { error: { code: RPC_ERRORS.method, message: 'not subscribed', data: name } });
      return;
    }
    this.reply(client, id, { result: { channel: name } });
  }

  /** The first push of a public book / BBO / funding-data channel (its current state); private and summary channels wait for changes. */
  private initial(channel: Channel): object | null {
    const { venue } = this.opts;
    if (channel.kind === 'order_book') {
      this.flushBook(channel.market!);
      return this.books.snapshot(channel.market!, channel.name.endsWith('.deltas') ? Infinity : BOOK_DEPTH);
    }
    if (channel.kind === 'bbo') {
      this.flushBook(channel.market!);
      return bboJson(venue, channel.market!, this.books.seq(channel.market!));
    }
    if (channel.kind === 'funding_data') return fundingDataJson(channel.market!, venue.clock.now());
    return null;
  }

  // ---------------------------------------------------------------- outbound

  private send(client: Client, msg: object): void {
    if (client.ws.readyState === client.ws.OPEN) client.ws.send(JSON.stringify(msg));
  }

  private reply(client: Client, id: number | string | null, payload: object): void {
    const usIn = this.opts.venue.clock.now() * 1000;
    this.send(client, { jsonrpc: '2.0', ...payload, id, usIn, usDiff: 0 });
  }

  /** Sends `data()` to every client subscribed to `channel` (and, for private channels, authenticated as `owner`). */
  private push(channel: string, data: () => unknown, owner?: ParadexAccount): void {
    let msg: string | null = null;
    for (const c of this.clients) {
      if (!c.subs.has(channel) || (owner && c.account !== owner)) continue;
      msg ??= JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel, data: data() } });
      if (c.ws.readyState === c.ws.OPEN) c.ws.send(msg);
    }
  }

  private onOrder(r: OrderRecord): void {
    const data = orderJson(this.opts.venue, r);
    this.push(`orders.${data.market}`, () => data, r.account);
    this.push('orders.ALL', () => data, r.account);
  }

  private onFill(f: FillRecord): void {
    const data = fillJson(f);
    this.push(`fills.${data.market}`, () => data, f.account);
    this.push('fills.ALL', () => data, f.account);
    this.push('balance_events', () => balanceEventJson(f), f.account);
  }

  private mark(set: Set<number>, id: number): void {
    if (this.clients.size === 0) return;
    set.add(id);
    this.flusher.schedule();
  }

  /** One push per changed book / BBO / summary, and per account whose positions or margin changed. */
  private flush(): void {
    const { venue } = this.opts;
    for (const id of this.dirtyBooks) this.flushBook(venue.marketById(id)!);
    for (const id of this.dirtyMarks) {
      const m = venue.marketById(id)!;
      this.push('markets_summary', () => marketSummaryJson(venue, m));
    }
    const accounts = new Set(this.dirtyAccounts);
    for (const c of this.clients) {
      const a = c.account;
      if (!a || accounts.has(a.engineId)) continue;
      if ([...this.dirtyMarks].some((m) => !venue.engine.ledger.position(a.engineId, m).size.isZero())) accounts.add(a.engineId);
    }
    for (const engineId of accounts) {
      const account = venue.registry.byEngine(engineId);
      if (!account) continue;
      this.push('account', () => accountSummaryJson(venue, account), account);
      for (const p of positionsJson(venue, account)) this.push('positions', () => p, account);
    }
    this.dirtyBooks.clear();
    this.dirtyAccounts.clear();
    this.dirtyMarks.clear();
  }

  /** Publishes a market's book changes: a delta, the 15-level snapshots and the BBO, all with the delta's `seq_no`. */
  private flushBook(m: ParadexMarket): void {
    const delta = this.books.delta(m);
    if (!delta) return;
    const symbol = m.spec.symbol;
    this.push(`order_book.${symbol}.deltas`, () => delta);
    for (const every of ['50ms', '100ms']) this.push(`order_book.${symbol}.snapshot@15@${every}`, () => this.books.snapshot(m, BOOK_DEPTH));
    this.push(`bbo.${symbol}`, () => bboJson(this.opts.venue, m, delta.seq_no));
  }

  private ping(): void {
    for (const c of [...this.clients]) {
      if (!c.alive) {
        c.ws.terminate();
        this.clients.delete(c);
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }
}
