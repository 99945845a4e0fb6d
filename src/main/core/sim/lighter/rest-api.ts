import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimAccount } from './account-registry';
import { accountSummary, detailedAccount } from './account-view';
import { verifyAuthToken } from './auth-token';
import { Query, readForm, sendJson } from './http-io';
import { LighterError } from './lighter-error';
import type { LighterExchange } from './lighter-exchange';
import { detailsWithStats } from './daily-stats';
import { marketDataRoutes } from './market-data-routes';
import { bookOrders, orderBooksEntry } from './market-view';
import { parseBatch, txRateKey, type TxProcessor, type TxSubmission } from './tx-processor';
import { orderJson, tradeJson } from './ws-messages';

/** Prefix of every REST route (lighter.md §0). */
export const API_PREFIX = '/api/v1/';

/** The `message` of a sendTx success, verbatim from a recorded answer (lighter.md §1.10). */
const SEND_TX_MESSAGE = '{"ratelimit": "didn\'t use volume quota"}';

/** Options of {@link RestApi}. */
export interface RestApiOptions {
  venue: LighterExchange;
  tx: TxProcessor;
  /** Rate-limit gate shared with the WebSocket: the error to answer with, or null. */
  admit: (key: string) => LighterError | null;
  /** Waits out the ack-delay fault before a sendTx answer. */
  delayAck: () => Promise<void>;
}

type Handler = (q: Query, req: IncomingMessage) => Promise<unknown> | unknown;

/**
 * Lighter's REST API under `/api/v1/` (lighter.md §1): market data, account
 * lookups, nonces, API keys, private order lists (auth token in the
 * `Authorization` header, or the older `auth` query parameter), trades, and
 * sendTx / sendTxBatch (multipart/form-data). Answers `{code: 200, …}`, or
 * HTTP 400 / 429 with `{code, message}`.
 */
export class RestApi {
  private readonly routes: Record<string, Handler>;

  constructor(private readonly opts: RestApiOptions) {
    this.routes = {
      'GET orderBookDetails': (q) => this.orderBookDetails(q),
      'GET orderBooks': (q) => ({ code: 200, order_books: this.marketsOf(q).map(orderBooksEntry) }),
      'GET orderBookOrders': (q) => this.orderBookOrders(q),
      'GET recentTrades': (q) => this.recentTrades(q),
      'GET trades': (q, req) => this.trades(q, req),
      'GET account': (q) => this.account(q),
      'GET accountsByL1Address': (q) => this.accountsByL1Address(q),
      'GET apikeys': (q) => this.apiKeys(q),
      'GET nextNonce': (q) => this.nextNonce(q),
      'GET accountActiveOrders': (q, req) => this.activeOrders(q, req),
      'GET accountInactiveOrders': (q, req) => this.inactiveOrders(q, req),
      'POST sendTx': (_q, req) => this.sendTx(req, false),
      'POST sendTxBatch': (_q, req) => this.sendTx(req, true),
      ...marketDataRoutes(opts.venue),
    };
  }

  /**
   * Serves one request whose path starts with `/api/v1/`.
   * @throws LighterError for every refusal (the server writes it as `{code, message}`).
   */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const handler = this.routes[`${req.method} ${url.pathname.slice(API_PREFIX.length)}`];
    if (!handler) throw new LighterError(29404);
    const q = new Query(url.searchParams);
    if (req.method === 'GET') this.admit(this.keyOf(q, req));
    sendJson(res, 200, await handler(q, req));
  }

  // ---------------------------------------------------------------- helpers

  private admit(key: string): void {
    const blocked = this.opts.admit(key);
    if (blocked) throw blocked;
  }

  /** Rate-limit key of a GET: the named account's L1 address, else the client IP. */
  private keyOf(q: Query, req: IncomingMessage): string {
    const { registry } = this.opts.venue;
    const byValue = q.str('by') === 'index' ? q.str('value') : undefined;
    const index = Number(q.str('account_index') ?? byValue ?? NaN);
    const account = Number.isSafeInteger(index) ? registry.get(index) : undefined;
    const l1 = account?.l1Address ?? q.str('l1_address') ?? (q.str('by') === 'l1_address' ? q.str('value') : undefined);
    return l1 ? `l1:${l1.toLowerCase()}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`;
  }

  private requireAccount(index: number): SimAccount {
    const account = this.opts.venue.registry.get(index);
    if (!account) throw new LighterError(21100);
    return account;
  }

  /** Checks the auth token (header, or `auth` query parameter) is for `account`. */
  private requireAuth(q: Query, req: IncomingMessage, account: SimAccount): void {
    const token = req.headers.authorization ?? q.str('auth');
    const { venue } = this.opts;
    const claims = verifyAuthToken(token, venue.registry, venue.clock.now());
    if (claims.account.index !== account.index) throw new LighterError(20001, 'auth token is for another account');
  }

  private marketsOf(q: Query) {
    const { venue } = this.opts;
    const filter = q.str('filter') ?? 'all';
    if (!['all', 'perp', 'spot'].includes(filter)) throw new LighterError(20001, 'filter');
    const id = q.optInt('market_id', 0, 4094);
    if (id !== undefined && !venue.market(id)) throw new LighterError(21602);
    if (filter === 'spot') return [];
    return venue.markets().filter((m) => id === undefined || m.spec.market_id === id);
  }

  // ---------------------------------------------------------------- market data

  private orderBookDetails(q: Query) {
    return { code: 200, order_book_details: this.marketsOf(q).map((m) => detailsWithStats(this.opts.venue, m)), spot_order_book_details: [] };
  }

  private orderBookOrders(q: Query) {
    const { venue } = this.opts;
    const id = q.int('market_id', 0, 4094);
    const limit = q.int('limit', 1, 250);
    const market = venue.market(id);
    if (!market) throw new LighterError(21602);
    venue.touchMarket(id);
    const asks = bookOrders(venue, market, 'sell', limit);
    const bids = bookOrders(venue, market, 'buy', limit);
    return { code: 200, total_asks: asks.length, asks, total_bids: bids.length, bids };
  }

  private recentTrades(q: Query) {
    const { venue } = this.opts;
    const id = q.int('market_id', 0, 4094);
    const limit = q.int('limit', 1, 100);
    if (!venue.market(id)) throw new LighterError(21602);
    const trades = venue.engine
      .trades()
      .filter((t) => t.marketId === id)
      .slice(-limit)
      .reverse();
    return { code: 200, trades: trades.map((t) => tradeJson(venue, t)) };
  }

  /** `trades`: sort_by (block_height | timestamp | trade_id, all in trade order), limit, sort_dir, filters, `cursor` = trade id to continue after. */
  private trades(q: Query, req: IncomingMessage) {
    const { venue } = this.opts;
    const sortBy = q.str('sort_by');
    if (!sortBy || !['block_height', 'timestamp', 'trade_id'].includes(sortBy)) throw new LighterError(20001, 'sort_by');
    const limit = q.int('limit', 1, 100);
    const dir = q.str('sort_dir') ?? 'desc';
    if (dir !== 'asc' && dir !== 'desc') throw new LighterError(20001, 'sort_dir');
    const role = q.str('role') ?? 'all';
    if (!['all', 'maker', 'taker'].includes(role)) throw new LighterError(20001, 'role');
    const accountIndex = q.optInt('account_index');
    if (accountIndex !== undefined) this.requireAuth(q, req, this.requireAccount(accountIndex));
    const marketId = q.optInt('market_id', 0, 4094);
    const orderIndex = q.optInt('order_index');
    const cursor = q.optInt('cursor');
    let list = venue.engine.trades().filter((t) => {
      if (marketId !== undefined && t.marketId !== marketId) return false;
      if (orderIndex !== undefined && t.takerOrderId !== orderIndex && t.makerOrderId !== orderIndex) return false;
      if (accountIndex !== undefined) {
        const taker = t.takerAccountId === accountIndex;
        const maker = t.makerAccountId === accountIndex;
        if (role === 'taker' ? !taker : role === 'maker' ? !maker : !taker && !maker) return false;
      }
      return cursor === undefined || (dir === 'desc' ? t.id < cursor : t.id > cursor);
    });
    if (dir === 'desc') list = [...list].reverse();
    const page = list.slice(0, limit);
    const more = list.length > limit;
    return { code: 200, next_cursor: more ? String(page[page.length - 1]!.id) : '', trades: page.map((t) => tradeJson(venue, t)) };
  }

  // ---------------------------------------------------------------- accounts

  private account(q: Query) {
    const { venue } = this.opts;
    const by = q.str('by');
    const value = q.str('value');
    if (value === undefined) throw new LighterError(20001, 'value');
    let accounts: SimAccount[];
    if (by === 'index') {
      if (!/^\d+$/.test(value)) throw new LighterError(20001, 'value');
      accounts = [this.requireAccount(Number(value))];
    } else if (by === 'l1_address') {
      accounts = venue.registry.byL1Address(value);
      if (accounts.length === 0) throw new LighterError(21100);
    } else {
      throw new LighterError(20001, 'by');
    }
    return { code: 200, total: accounts.length, accounts: accounts.map((a) => detailedAccount(venue, a)) };
  }

  private accountsByL1Address(q: Query) {
    const { venue } = this.opts;
    const l1 = q.str('l1_address');
    if (!l1) throw new LighterError(20001, 'l1_address');
    const accounts = venue.registry.byL1Address(l1);
    if (accounts.length === 0) throw new LighterError(21100);
    return { code: 200, l1_address: accounts[0]!.l1Address, sub_accounts: accounts.map((a) => accountSummary(venue, a)) };
  }

  private apiKeys(q: Query) {
    const { registry } = this.opts.venue;
    const account = this.requireAccount(q.int('account_index'));
    const index = q.optInt('api_key_index', 0, 255) ?? 255;
    const keys = index === 255 ? [...account.apiKeys.values()].sort((a, b) => a.apiKeyIndex - b.apiKeyIndex) : [registry.apiKey(account, index)];
    return {
      code: 200,
      api_keys: keys.map((k) => ({ account_index: account.index, api_key_index: k.apiKeyIndex, nonce: k.nextNonce, public_key: k.publicKey, transaction_time: k.transactionTime })),
    };
  }

  private nextNonce(q: Query) {
    const account = this.requireAccount(q.int('account_index'));
    const key = this.opts.venue.registry.apiKey(account, q.int('api_key_index', 0, 254));
    return { code: 200, nonce: key.nextNonce };
  }

  private activeOrders(q: Query, req: IncomingMessage) {
    const { venue } = this.opts;
    const account = this.requireAccount(q.int('account_index'));
    this.requireAuth(q, req, account);
    const marketId = q.optInt('market_id', 0, 4094);
    return { code: 200, orders: venue.engine.openOrders(account.index, marketId).map((o) => orderJson(venue, o)) };
  }

  /** `accountInactiveOrders`: finished orders, newest first; `cursor` is the offset to continue from. */
  private inactiveOrders(q: Query, req: IncomingMessage) {
    const { venue } = this.opts;
    const account = this.requireAccount(q.int('account_index'));
    this.requireAuth(q, req, account);
    const limit = q.int('limit', 1, 100);
    const marketId = q.optInt('market_id', 0, 4094);
    const offset = q.optInt('cursor') ?? 0;
    const all = venue.engine.finishedOrders(account.index).filter((o) => marketId === undefined || o.marketId === marketId);
    const page = all.slice(offset, offset + limit);
    const next = offset + limit < all.length ? String(offset + limit) : '';
    return { code: 200, next_cursor: next, orders: page.map((o) => orderJson(venue, o)) };
  }

  // ---------------------------------------------------------------- transactions

  private async sendTx(req: IncomingMessage, batch: boolean) {
    const { venue, tx } = this.opts;
    const form = await readForm(req);
    let submissions: TxSubmission[];
    if (batch) {
      submissions = parseBatch(form.get('tx_types'), form.get('tx_infos'));
    } else {
      const type = form.get('tx_type');
      const info = form.get('tx_info');
      if (type === undefined || !/^\d+$/.test(type)) throw new LighterError(20001, 'tx_type');
      if (info === undefined) throw new LighterError(20001, 'tx_info');
      submissions = [{ txType: Number(type), txInfo: info }];
    }
    this.admit(txRateKey(venue, submissions, req.socket.remoteAddress ?? 'unknown'));
    const accepted = tx.submit(submissions);
    await this.opts.delayAck();
    return {
      code: 200,
      message: SEND_TX_MESSAGE,
      tx_hash: batch ? accepted.txHashes : accepted.txHashes[0],
      predicted_execution_time_ms: accepted.predictedExecutionMs,
    };
  }
}
