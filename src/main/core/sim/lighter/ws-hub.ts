import { accountAllAssetsMessage, accountTxMessage, accountTxSnapshot, heightMessage } from './chain-messages';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EngineOrder } from '../engine/order';
import type { EngineTrade } from '../engine/trade';
import { parseJsonObjectFrame } from '../server/json-frame';
import { MicrotaskFlush } from '../server/microtask-flush';
import { upgradeOnPath } from '../server/ws-upgrade';
import { verifyAuthToken } from './auth-token';
import { BookFeed } from './book-feed';
import { LighterError } from './lighter-error';
import type { LighterExchange } from './lighter-exchange';
import { parseBatch, txRateKey, type TxProcessor } from './tx-processor';
import { parseChannel, type Channel } from './ws-channels';
import {
  accountAllMessage,
  accountAllOrdersMessage,
  accountOrdersMessage,
  accountTrades,
  accountTradesMessage,
  marketStatsMessage,
  tradeMessage,
  userStatsMessage,
} from './ws-messages';

/** Path of the WebSocket endpoint (lighter.md §0). */
export const WS_PATH = '/stream';
const MAX_PAYLOAD = 1 << 20;

/** Options of {@link WsHub}. */
export interface WsHubOptions {
  venue: LighterExchange;
  tx: TxProcessor;
  /** Rate-limit gate shared with REST: the error to answer with, or null to go on. `key` is `l1:<address>` or `ip:<address>`. */
  admit: (key: string) => LighterError | null;
  /** Server ping period, ms (default 60,000). */
  pingIntervalMs?: number;
  /** A connection silent for this long is closed, ms (default 120,000: Lighter asks for a message at least every 2 minutes). */
  idleTimeoutMs?: number;
}

interface Client {
  ws: WebSocket;
  ip: string;
  subs: Map<string, Channel>;
  lastSeen: number;
  /** `auth` from the URL query, used when a subscribe message has none. */
  queryAuth: string | null;
  /** `readonly=true` connections may not send transactions. */
  readonly: boolean;
}

/** What the connected clients watch: engine events nobody watches are not even collected. */
interface Watch {
  books: Set<number>;
  tradeMarkets: Set<number>;
  statsMarkets: Set<number>;
  statsAll: boolean;
  /** Accounts with account_all_orders / account_orders subscriptions. */
  orderAccounts: Set<number>;
  /** Accounts with account_all_trades / account_all subscriptions. */
  tradeAccounts: Set<number>;
  /** Accounts with account_all / user_stats subscriptions. */
  stateAccounts: Set<number>;
}

function emptyWatch(): Watch {
  return { books: new Set(), tradeMarkets: new Set(), statsMarkets: new Set(), statsAll: false, orderAccounts: new Set(), tradeAccounts: new Set(), stateAccounts: new Set() };
}

interface Pending {
  orders: Map<number, EngineOrder>;
  trades: EngineTrade[];
  accounts: Set<number>;
  marks: Set<number>;
}

function emptyPending(): Pending {
  return { orders: new Map(), trades: [], accounts: new Set(), marks: new Set() };
}

/**
 * Lighter's WebSocket API on `/stream` (lighter.md §6): `connected` on
 * connect; server `ping` every minute, `pong`/`ping` from the client accepted
 * (a ping is answered with a pong); subscribe / unsubscribe with
 * `subscribed/<channel>` snapshots and `update/<channel>` changes (channel
 * echoed with a colon); errors as `{"error":{"code","message"}}`;
 * `jsonapi/sendtx` and `jsonapi/sendtxbatch` (§6.5). Engine events of one
 * operation are coalesced into one message per channel (flushed in a
 * microtask, before any other I/O is served, so REST and WS agree).
 */
export class WsHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  private readonly clients = new Set<Client>();
  private readonly feed: BookFeed;
  private pending = emptyPending();
  private watch = emptyWatch();
  private readonly flusher = new MicrotaskFlush(() => this.flush());
  private seq = 1;
  private readonly stopPing: () => void;
  private readonly idleTimeoutMs: number;

  constructor(private readonly opts: WsHubOptions) {
    const { venue } = opts;
    this.feed = new BookFeed(venue);
    this.idleTimeoutMs = opts.idleTimeoutMs ?? 120_000;
    venue.engine.on('level', (marketId, side, price) => {
      if (!this.watch.books.has(marketId)) return;
      this.feed.note(marketId, side, price);
      this.flusher.schedule();
    });
    venue.engine.on('order', (o) => {
      if (!this.watch.orderAccounts.has(o.accountId)) return;
      this.pending.orders.set(o.id, o);
      this.flusher.schedule();
    });
    venue.engine.on('trade', (t) => {
      const w = this.watch;
      const wanted =
        w.tradeMarkets.has(t.marketId) || w.statsAll || w.statsMarkets.has(t.marketId) || w.tradeAccounts.has(t.takerAccountId) || w.tradeAccounts.has(t.makerAccountId);
      if (!wanted) return;
      this.pending.trades.push(t);
      this.flusher.schedule();
    });
    venue.engine.on('account', (a) => {
      if (!this.watch.stateAccounts.has(a)) return;
      this.pending.accounts.add(a);
      this.flusher.schedule();
    });
    venue.engine.on('mark', (m) => {
      const w = this.watch;
      if (!w.statsAll && !w.statsMarkets.has(m) && w.stateAccounts.size === 0) return;
      this.pending.marks.add(m);
      this.flusher.schedule();
    });
    venue.txLog.on('executed', (rec) => {
      this.broadcast('height', () => heightMessage(venue, 'update'));
      const account = venue.registry.get(rec.accountIndex);
      if (account) this.broadcast(`account_tx/${rec.accountIndex}`, () => accountTxMessage(account, [rec], 'update'));
    });
    this.stopPing = venue.clock.every(opts.pingIntervalMs ?? 60_000, () => this.ping());
  }

  /** Accepts an HTTP upgrade on `/stream` (query: `auth`, `readonly`); refuses any other path with 404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    upgradeOnPath(this.wss, WS_PATH, req, socket, head, (ws, url) => {
      const client: Client = {
        ws,
        ip: req.socket.remoteAddress ?? 'unknown',
        subs: new Map(),
        lastSeen: this.opts.venue.clock.now(),
        queryAuth: url.searchParams.get('auth'),
        readonly: url.searchParams.get('readonly') === 'true',
      };
      this.clients.add(client);
      ws.on('message', (raw) => this.onMessage(client, raw));
      ws.on('close', () => {
        this.clients.delete(client);
        this.rewatch();
      });
      ws.on('error', () => ws.terminate());
      this.send(client, { type: 'connected', session_id: randomUUID() });
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
    this.rewatch();
  }

  /** Stops the ping timer and drops every connection. */
  close(): void {
    this.stopPing();
    this.dropAll();
    this.wss.close();
  }

  // ---------------------------------------------------------------- inbound

  private onMessage(client: Client, raw: RawData): void {
    client.lastSeen = this.opts.venue.clock.now();
    const msg = parseJsonObjectFrame(raw);
    if (!msg) {
      this.sendError(client, new LighterError(30000));
      return;
    }
    switch (msg.type) {
      case 'ping':
        this.send(client, { type: 'pong' });
        return;
      case 'pong':
        return;
      case 'subscribe':
        return this.subscribe(client, msg);
      case 'unsubscribe':
        return this.unsubscribe(client, msg);
      case 'jsonapi/sendtx':
      case 'jsonapi/sendtxbatch':
        return this.sendTx(client, msg.type, msg.data);
      default:
        this.sendError(client, new LighterError(30001));
    }
  }

  private subscribe(client: Client, msg: Record<string, unknown>): void {
    const { venue } = this.opts;
    const channel = parseChannel(msg.channel);
    const marketOk = channel && (channel.market === undefined || channel.market === 'all' || venue.market(channel.market));
    const accountOk = channel && (channel.account === undefined || venue.registry.get(channel.account));
    if (!channel || !marketOk || !accountOk) {
      this.sendError(client, new LighterError(30005, String(msg.channel)));
      return;
    }
    if (client.subs.has(channel.name)) {
      this.sendError(client, new LighterError(30003, channel.name));
      return;
    }
    const explicit = typeof msg.auth === 'string' ? msg.auth : null;
    if (channel.account !== undefined && (channel.needsAuth || explicit)) {
      try {
        const claims = verifyAuthToken(explicit ?? client.queryAuth, venue.registry, venue.clock.now());
        if (claims.account.index !== channel.account) throw new LighterError(20001, 'auth token is for another account');
      } catch (err) {
        this.sendError(client, err as LighterError);
        return;
      }
    }
    if (typeof channel.market === 'number') venue.touchMarket(channel.market);
    client.subs.set(channel.name, channel);
    this.rewatch();
    this.send(client, this.snapshot(channel));
  }

  private unsubscribe(client: Client, msg: Record<string, unknown>): void {
    const channel = parseChannel(msg.channel);
    if (!channel || !client.subs.delete(channel.name)) {
      this.sendError(client, new LighterError(30002, String(msg.channel)));
      return;
    }
    this.rewatch();
    this.send(client, { type: 'unsubscribed', channel: channel.echo });
  }

  private snapshot(channel: Channel): object {
    const { venue } = this.opts;
    const account = channel.account !== undefined ? venue.registry.get(channel.account)! : null;
    switch (channel.kind) {
      case 'order_book':
        return this.feed.snapshot(channel.market as number);
      case 'trade': {
        const id = channel.market as number;
        return tradeMessage(venue, id, venue.engine.trades().filter((t) => t.marketId === id).slice(-50), 'subscribed', this.seq++);
      }
      case 'market_stats':
        return marketStatsMessage(venue, channel.market!, 'subscribed');
      case 'account_all':
        return accountAllMessage(venue, account!, accountTrades(venue, account!.index), 'subscribed');
      case 'account_all_orders':
        return accountAllOrdersMessage(venue, account!, venue.engine.openOrders(account!.index), 'subscribed');
      case 'account_orders': {
        const m = channel.market as number;
        return accountOrdersMessage(venue, account!, m, venue.engine.openOrders(account!.index, m), 'subscribed', this.seq++);
      }
      case 'account_all_trades':
        return accountTradesMessage(venue, account!, accountTrades(venue, account!.index), 'subscribed');
      case 'user_stats':
        return userStatsMessage(venue, account!, 'subscribed');
      case 'account_all_assets':
        return accountAllAssetsMessage(venue, account!, 'subscribed');
      case 'account_tx':
        return accountTxSnapshot(venue, account!);
      case 'height':
        return heightMessage(venue, 'subscribed');
    }
  }

  private sendTx(client: Client, type: 'jsonapi/sendtx' | 'jsonapi/sendtxbatch', data: unknown): void {
    const { venue, tx, admit } = this.opts;
    const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    const id = d.id;
    let reply: object;
    try {
      if (client.readonly) throw new LighterError(30006, 'sendtx on a readonly connection');
      const submissions = type === 'jsonapi/sendtx' ? [{ txType: Number(d.tx_type), txInfo: d.tx_info }] : parseBatch(d.tx_types, d.tx_infos);
      const blocked = admit(txRateKey(venue, submissions, client.ip));
      if (blocked) throw blocked;
      const accepted = tx.submit(submissions);
      const hash = type === 'jsonapi/sendtx' ? accepted.txHashes[0] : accepted.txHashes;
      reply = { code: 200, id, predicted_execution_time_ms: accepted.predictedExecutionMs, tx_hash: hash, type };
    } catch (err) {
      const e = err instanceof LighterError ? err : new LighterError(29500, (err as Error).message);
      reply = { error: e.body(), id, type };
    }
    const delay = venue.faults.ackDelayMs;
    if (delay > 0) venue.clock.after(delay, () => this.send(client, reply));
    else this.send(client, reply);
  }

  // ---------------------------------------------------------------- outbound

  private send(client: Client, msg: object): void {
    if (client.ws.readyState === client.ws.OPEN) client.ws.send(JSON.stringify(msg));
  }

  private sendError(client: Client, err: LighterError): void {
    this.send(client, { error: err.body() });
  }

  /** Recomputes {@link Watch} from every client's subscriptions. */
  private rewatch(): void {
    const w = emptyWatch();
    for (const c of this.clients) {
      for (const ch of c.subs.values()) {
        if (ch.kind === 'order_book') w.books.add(ch.market as number);
        else if (ch.kind === 'trade') w.tradeMarkets.add(ch.market as number);
        else if (ch.kind === 'market_stats') {
          if (ch.market === 'all') w.statsAll = true;
          else w.statsMarkets.add(ch.market as number);
        } else if (ch.kind === 'account_all_orders' || ch.kind === 'account_orders') w.orderAccounts.add(ch.account!);
        else if (ch.kind === 'account_all_trades') w.tradeAccounts.add(ch.account!);
        else if (ch.kind === 'user_stats') w.stateAccounts.add(ch.account!);
        else if (ch.kind === 'account_all_assets' || ch.kind === 'account_tx' || ch.kind === 'height') continue;
        else {
          w.tradeAccounts.add(ch.account!);
          w.stateAccounts.add(ch.account!);
        }
      }
    }
    this.watch = w;
  }

  private watchers(name: string): Client[] {
    return [...this.clients].filter((c) => c.subs.has(name));
  }

  private broadcast(name: string, build: () => object): void {
    const targets = this.watchers(name);
    if (targets.length === 0) return;
    const msg = build();
    for (const c of targets) this.send(c, msg);
  }

  private ping(): void {
    const now = this.opts.venue.clock.now();
    for (const c of [...this.clients]) {
      if (now - c.lastSeen > this.idleTimeoutMs) {
        c.ws.close(1000, 'no message for too long');
        this.clients.delete(c);
        this.rewatch();
      } else {
        this.send(c, { type: 'ping' });
      }
    }
  }

  /** Sends one message per affected channel for everything that happened since the last flush. */
  private flush(): void {
    const { venue } = this.opts;
    const { orders, trades, accounts, marks } = this.pending;
    this.pending = emptyPending();
    for (const marketId of this.feed.pending()) {
      const delta = this.feed.delta(marketId);
      if (delta) this.broadcast(`order_book/${marketId}`, () => delta);
    }

    const tradesByMarket = groupBy(trades, (t) => t.marketId);
    for (const [marketId, ts] of tradesByMarket) this.broadcast(`trade/${marketId}`, () => tradeMessage(venue, marketId, ts, 'update', this.seq++));

    const tradesByAccount = new Map<number, EngineTrade[]>();
    for (const t of trades) {
      for (const a of new Set([t.takerAccountId, t.makerAccountId])) {
        const list = tradesByAccount.get(a);
        if (list) list.push(t);
        else tradesByAccount.set(a, [t]);
      }
    }
    for (const [a, ts] of tradesByAccount) {
      const account = venue.registry.get(a);
      if (account) this.broadcast(`account_all_trades/${a}`, () => accountTradesMessage(venue, account, ts, 'update'));
    }

    for (const [a, os] of groupBy([...orders.values()], (o) => o.accountId)) {
      const account = venue.registry.get(a);
      if (!account) continue;
      this.broadcast(`account_all_orders/${a}`, () => accountAllOrdersMessage(venue, account, os, 'update'));
      for (const [m, mos] of groupBy(os, (o) => o.marketId)) {
        this.broadcast(`account_orders/${m}/${a}`, () => accountOrdersMessage(venue, account, m, mos, 'update', this.seq++));
      }
    }

    for (const a of this.watch.stateAccounts) {
      const account = venue.registry.get(a)!;
      const moved = [...marks].some((m) => !venue.engine.ledger.position(a, m).size.isZero());
      if (!accounts.has(a) && !moved) continue;
      this.broadcast(`account_all/${a}`, () => accountAllMessage(venue, account, tradesByAccount.get(a) ?? [], 'update'));
      this.broadcast(`user_stats/${a}`, () => userStatsMessage(venue, account, 'update'));
    }

    const statsMarkets = new Set([...marks, ...tradesByMarket.keys()]);
    for (const m of statsMarkets) this.broadcast(`market_stats/${m}`, () => marketStatsMessage(venue, m, 'update'));
    if (statsMarkets.size > 0) this.broadcast('market_stats/all', () => marketStatsMessage(venue, 'all', 'update'));
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}
