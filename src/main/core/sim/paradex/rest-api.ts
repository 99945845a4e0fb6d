import Decimal from 'decimal.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BookFeed } from './book-feed';
import type { ParadexAccount } from './account-registry';
import { accountSummaryJson, balancesJson, fillJson, positionsJson } from './account-view';
import { DATA_PRIVATE_GETS, DATA_PUBLIC_GETS, DataRoutes } from './data-routes';
import { readJson, readJsonObject, sendJson } from './http-io';
import { bboJson, marketSummaryJson, orderBookJson, tradeJson } from './market-view';
import type { ParadexMarket } from './markets';
import { parseOrderRequest } from './order-request';
import { orderJson } from './order-view';
import { ParadexError, unauthorized } from './paradex-error';
import type { OrderRecord, ParadexExchange } from './paradex-exchange';
import { parseSignature, verifyStarkSignature } from './stark-signature';
import { authTypedData, messageHash, onboardingTypedData } from './typed-data';

/** Prefix of every REST route (paradex.md §0: `https://api.prod.paradex.trade/v1`). */
export const API_PREFIX = '/v1/';

/** Rate-limit scopes (paradex.md §6 "Rate limits"). */
export type RateScope = 'public' | 'auth' | 'orders' | 'private-get';

/** Options of {@link RestApi}. */
export interface RestApiOptions {
  venue: ParadexExchange;
  /** The order-book streams: `/orderbook` and `/bbo` report their `seq_no`. */
  books: BookFeed;
  /** Rate-limit gate: the error to answer with, or null. `key` is an account address or `ip:<address>`. */
  admit: (scope: RateScope, key: string) => ParadexError | null;
  /** Waits out the ack-delay fault before an order placement / cancellation answer. */
  delayAck: () => Promise<void>;
}

interface Ctx {
  req: IncomingMessage;
  url: URL;
  /** Path after `/v1/`, split on `/`. */
  parts: string[];
  ip: string;
}

type Reply = { status: number; body?: unknown };

/** Public GET routes with a fixed path (plus `orderbook/{market}` and `bbo/{market}`). */
const PUBLIC_GETS: ReadonlySet<string> = new Set(['system/config', 'system/time', 'system/state', 'markets', 'markets/summary', 'trades']);

/** Private GET routes with a fixed path (plus `orders/{id}` and `orders/by_client_id/{id}`). */
const PRIVATE_GETS: ReadonlySet<string> = new Set(['account', 'balance', 'positions', 'fills', 'orders', 'orders-history']);

/** Longest accepted signature lifetime on `POST /auth` (paradex-code-samples use 7 days, paradex.md §4). */
const MAX_SIGNATURE_LIFETIME_S = 7 * 86_400 + 60;
/** Tolerated clock skew of `PARADEX-TIMESTAMP`, s. */
const MAX_SKEW_S = 300;

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function page<T>(items: readonly T[], url: URL, max = 5000): { next: string | null; prev: string | null; results: T[] } {
  const size = Math.min(max, Math.max(1, Number(url.searchParams.get('page_size') ?? '100') || 100));
  const cursor = url.searchParams.get('cursor');
  const start = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8')) || 0 : 0;
  const results = items.slice(start, start + size);
  const enc = (n: number) => Buffer.from(String(n)).toString('base64');
  return { next: start + size < items.length ? enc(start + size) : null, prev: start > 0 ? enc(Math.max(0, start - size)) : null, results };
}

/**
 * Paradex's REST API under `/v1/` (paradex.md §2, §4–§6): system config /
 * time / state, markets, summaries, order book, BBO, trades; onboarding and
 * auth (StarkNet-signed headers → JWT); with `Authorization: Bearer <jwt>`:
 * account, balance, positions, fills, orders (place, batch, cancel one / by
 * client id / batch / all, modify, read, history). Errors: `{error, message, data}`.
 */
export class RestApi {
  private readonly data: DataRoutes;

  constructor(private readonly opts: RestApiOptions) {
    this.data = new DataRoutes(opts.venue, page);
  }

  /**
   * Serves one request whose path starts with `/v1/`.
   * @throws ParadexError for every refusal (the server writes it).
   */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const ctx: Ctx = { req, url, parts: url.pathname.slice(API_PREFIX.length).split('/').filter(Boolean), ip: req.socket.remoteAddress ?? 'unknown' };
    const reply = await this.route(ctx);
    sendJson(res, reply.status, reply.body);
  }

  private async route(ctx: Ctx): Promise<Reply> {
    const { req, parts } = ctx;
    const path = parts.join('/');
    const method = req.method ?? 'GET';
    const ok = (body: unknown): Reply => ({ status: 200, body });

    if (method === 'POST' && path === 'auth') return ok(await this.auth(ctx));
    if (method === 'POST' && path === 'onboarding') return { status: 200, body: await this.onboarding(ctx) };

    if (method === 'GET' && (PUBLIC_GETS.has(path) || (parts.length === 2 && (parts[0] === 'orderbook' || parts[0] === 'bbo')))) {
      this.admit('public', `ip:${ctx.ip}`);
      return ok(this.publicGet(ctx));
    }
    if (method === 'GET' && DATA_PUBLIC_GETS.has(path)) {
      this.admit('public', `ip:${ctx.ip}`);
      return ok(this.data.publicGet(path, ctx.url));
    }
    if (method === 'GET' && !PRIVATE_GETS.has(path) && !DATA_PRIVATE_GETS.has(path) && !(parts[0] === 'orders' && (parts.length === 2 || (parts.length === 3 && parts[1] === 'by_client_id')))) {
      throw new ParadexError('NOT_FOUND', `no route GET /v1/${path}`, 404);
    }
    const account = this.authenticate(ctx);
    if (method === 'GET') {
      this.admit('private-get', account.address);
      return ok(DATA_PRIVATE_GETS.has(path) ? this.data.privateGet(path, ctx.url, account) : this.privateGet(ctx, account));
    }
    if (method === 'POST' && parts.length === 3 && parts[0] === 'account' && parts[1] === 'margin') {
      this.admit('private-get', account.address);
      return ok(this.data.setMargin(parts[2]!, await readJsonObject(ctx.req), account));
    }
    if (parts[0] !== 'orders') throw new ParadexError('NOT_FOUND', `no route ${method} /v1/${path}`, 404);
    this.admit('orders', account.address);
    const reply = await this.orderWrite(ctx, account, method);
    await this.opts.delayAck();
    return reply;
  }

  private admit(scope: RateScope, key: string): void {
    const blocked = this.opts.admit(scope, key);
    if (blocked) throw blocked;
  }

  private authenticate(ctx: Ctx): ParadexAccount {
    const claims = this.opts.venue.jwt.verifyBearer(header(ctx.req, 'authorization'));
    const account = this.opts.venue.registry.get(claims.sub);
    if (!account) throw unauthorized('unknown account');
    return account;
  }

  private marketOf(symbol: string | undefined | null): ParadexMarket {
    const m = symbol ? this.opts.venue.market(symbol) : undefined;
    if (!m) throw new ParadexError('MARKET_NOT_FOUND', `market: ${symbol ?? '(missing)'} is not a market`);
    return m;
  }

  // ---------------------------------------------------------------- public

  /** The body of a public GET (the path is one of them). */
  private publicGet(ctx: Ctx): unknown {
    const { venue } = this.opts;
    const { parts, url } = ctx;
    const q = (name: string) => url.searchParams.get(name);
    switch (parts.join('/')) {
      case 'system/config':
        return venue.config;
      case 'system/time':
        return { server_time: String(venue.clock.now()) };
      case 'system/state':
        return { status: 'ok' };
      case 'markets': {
        const m = q('market');
        return { results: venue.markets().filter((x) => !m || m === 'ALL' || x.spec.symbol === m).map((x) => x.spec) };
      }
      case 'markets/summary': {
        const m = q('market');
        if (!m) throw new ParadexError('VALIDATION_ERROR', 'market: required (a symbol or ALL)');
        const list = m === 'ALL' ? venue.markets() : [this.marketOf(m)];
        return { results: list.map((x) => marketSummaryJson(venue, x)) };
      }
      case 'trades': {
        const m = this.marketOf(q('market'));
        const trades = venue.engine.trades().filter((t) => t.marketId === m.engine.id).slice().reverse().map((t) => tradeJson(venue, t));
        return page(trades, url);
      }
    }
    if (parts.length === 2 && parts[0] === 'orderbook') {
      const depth = Number(q('depth') ?? '20');
      if (!Number.isInteger(depth) || depth < 1 || depth > 500) throw new ParadexError('VALIDATION_ERROR', 'depth: a whole number 1–500');
      const m = this.marketOf(parts[1]);
      return orderBookJson(venue, m, depth, this.opts.books.seq(m));
    }
    const m = this.marketOf(parts[1]);
    return bboJson(venue, m, this.opts.books.seq(m));
  }

  // ---------------------------------------------------------------- auth

  /** `POST /v1/auth` (paradex.md §4): StarkNet-signed `Request` typed data in the headers → `{jwt_token}`. */
  private async auth(ctx: Ctx): Promise<{ jwt_token: string }> {
    this.admit('auth', `ip:${ctx.ip}`);
    await readJson(ctx.req);
    const { venue } = this.opts;
    const { req } = ctx;
    const addressHeader = header(req, 'PARADEX-STARKNET-ACCOUNT');
    const sigHeader = header(req, 'PARADEX-STARKNET-SIGNATURE');
    const tsHeader = header(req, 'PARADEX-TIMESTAMP');
    const expHeader = header(req, 'PARADEX-SIGNATURE-EXPIRATION');
    if (!addressHeader) throw new ParadexError('INVALID_STARKNET_ADDRESS', 'PARADEX-STARKNET-ACCOUNT: header missing', 401);
    if (!tsHeader || !/^\d+$/.test(tsHeader)) throw new ParadexError('INVALID_TIMESTAMP', 'PARADEX-TIMESTAMP: expected Unix seconds', 401);
    if (!expHeader || !/^\d+$/.test(expHeader)) throw new ParadexError('INVALID_SIGNATURE_EXPIRATION', 'PARADEX-SIGNATURE-EXPIRATION: expected Unix seconds', 401);
    const account = venue.registry.get(addressHeader);
    if (!account) throw new ParadexError('NOT_ONBOARDED', 'User has never called /onboarding endpoint', 401);
    const nowS = Math.floor(venue.clock.now() / 1000);
    const ts = Number(tsHeader);
    const exp = Number(expHeader);
    if (Math.abs(ts - nowS) > MAX_SKEW_S) throw new ParadexError('INVALID_TIMESTAMP', `PARADEX-TIMESTAMP: ${ts} is more than ${MAX_SKEW_S} s from the server time ${nowS}`, 401);
    if (exp <= nowS || exp - ts > MAX_SIGNATURE_LIFETIME_S) throw new ParadexError('INVALID_SIGNATURE_EXPIRATION', `PARADEX-SIGNATURE-EXPIRATION: ${exp} is past or too far ahead`, 401);
    const sig = sigHeader ? parseSignature(sigHeader) : null;
    if (!sig) throw new ParadexError('INVALID_STARKNET_SIGNATURE', 'PARADEX-STARKNET-SIGNATURE: expected ["r","s"]', 401);
    const hash = messageHash(authTypedData(venue.config.starknet_chain_id, ts, exp), account.address);
    if (!verifyStarkSignature(hash, sig, account.publicKey)) {
      throw new ParadexError('STARKNET_SIGNATURE_VERIFICATION_FAILED', `PARADEX-STARKNET-SIGNATURE: does not verify against the public key registered for ${account.address}`, 401);
    }
    return { jwt_token: venue.jwt.issue(account.address) };
  }

  /**
   * `POST /v1/onboarding` (paradex.md §4): registers the account of `public_key`
   * (no collateral) when the signature over `Constant{action:"Onboarding"}` verifies
   * and the header address is that key's standard account address.
   */
  private async onboarding(ctx: Ctx): Promise<Record<string, never>> {
    this.admit('auth', `ip:${ctx.ip}`);
    const body = await readJsonObject(ctx.req);
    const { venue } = this.opts;
    const publicKey = body.public_key;
    if (typeof publicKey !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(publicKey)) throw new ParadexError('PUBLIC_KEY_INVALID', 'public_key: expected 0x-hex');
    const address = header(ctx.req, 'PARADEX-STARKNET-ACCOUNT') ?? '';
    let expected: string;
    try {
      expected = venue.registry.addressOf(publicKey);
    } catch (err) {
      throw new ParadexError('PUBLIC_KEY_INVALID', `public_key: ${(err as Error).message}`);
    }
    let given: string | null = null;
    try {
      given = '0x' + BigInt(address).toString(16);
    } catch {
      /* answered below */
    }
    if (given !== expected) throw new ParadexError('INVALID_STARKNET_ADDRESS', `PARADEX-STARKNET-ACCOUNT: ${address} is not the account of public_key (${expected})`);
    const sig = parseSignature(header(ctx.req, 'PARADEX-STARKNET-SIGNATURE') ?? '');
    if (!sig) throw new ParadexError('INVALID_STARKNET_SIGNATURE', 'PARADEX-STARKNET-SIGNATURE: expected ["r","s"]');
    if (!verifyStarkSignature(messageHash(onboardingTypedData(venue.config.starknet_chain_id), expected), sig, publicKey)) {
      throw new ParadexError('STARKNET_SIGNATURE_VERIFICATION_FAILED', 'PARADEX-STARKNET-SIGNATURE: does not verify against public_key');
    }
    venue.openAccount(publicKey, new Decimal(0));
    return {};
  }

  // ---------------------------------------------------------------- private reads

  private privateGet(ctx: Ctx, account: ParadexAccount): unknown {
    const { venue } = this.opts;
    const { parts, url } = ctx;
    const market = url.searchParams.get('market');
    const inMarket = (symbol: string) => !market || market === 'ALL' || symbol === market;
    switch (parts.join('/')) {
      case 'account':
        return accountSummaryJson(venue, account);
      case 'balance':
        return { results: balancesJson(venue, account) };
      case 'positions':
        return { results: positionsJson(venue, account) };
      case 'fills':
        return page(venue.fills(account).filter((f) => inMarket(f.market.spec.symbol)).slice().reverse().map(fillJson), url);
      case 'orders':
        return { results: venue.liveOrders(account).filter((r) => inMarket(r.market.spec.symbol)).map((r) => orderJson(venue, r)) };
      case 'orders-history':
        return page(venue.orders(account).filter((r) => inMarket(r.market.spec.symbol)).slice().reverse().map((r) => orderJson(venue, r)), url);
    }
    if (parts[0] === 'orders') return orderJson(venue, this.findOrder(account, parts));
    throw new ParadexError('NOT_FOUND', `no route GET /v1/${parts.join('/')}`, 404);
  }

  /** `orders/{id}` or `orders/by_client_id/{client_id}`. */
  private findOrder(account: ParadexAccount, parts: string[]): OrderRecord {
    const { venue } = this.opts;
    if (parts.length === 3 && parts[1] === 'by_client_id') {
      const r = venue.orderByClientId(account, decodeURIComponent(parts[2]!));
      if (!r) throw new ParadexError('CLIENT_ORDER_ID_NOT_FOUND', `client_id ${parts[2]} not found`, 404);
      return r;
    }
    if (parts.length === 2) {
      const r = venue.order(account, parts[1]!);
      if (!r) throw new ParadexError('ORDER_ID_NOT_FOUND', `order ${parts[1]} not found`, 404);
      return r;
    }
    throw new ParadexError('NOT_FOUND', `no route /v1/${parts.join('/')}`, 404);
  }

  // ---------------------------------------------------------------- order writes

  private async orderWrite(ctx: Ctx, account: ParadexAccount, method: string): Promise<Reply> {
    const { venue } = this.opts;
    const { parts, url, req } = ctx;
    if (method === 'POST' && parts.length === 1) {
      const o = parseOrderRequest(await readJson(req));
      return { status: 201, body: orderJson(venue, venue.accept(account, o)) };
    }
    if (method === 'POST' && parts.length === 2 && parts[1] === 'batch') return { status: 201, body: await this.batchCreate(ctx, account) };
    if (method === 'DELETE' && parts.length === 1) {
      const symbol = url.searchParams.get('market');
      venue.cancelAll(account, symbol ? this.marketOf(symbol) : undefined);
      return { status: 200, body: {} };
    }
    if (method === 'DELETE' && parts.length === 2 && parts[1] === 'batch') return { status: 200, body: await this.batchCancel(ctx, account) };
    if (method === 'DELETE') {
      venue.cancel(this.findOrder(account, parts));
      return { status: 204 };
    }
    if (method === 'PUT' && parts.length === 2) {
      const record = this.findOrder(account, parts);
      const body = await readJson(req);
      const id = (body as { id?: unknown } | undefined)?.id;
      if (id !== record.id) throw new ParadexError('VALIDATION_ERROR', `id: must be the order id in the path (${record.id})`);
      venue.modify(record, parseOrderRequest(body));
      return { status: 200, body: orderJson(venue, record) };
    }
    throw new ParadexError('NOT_FOUND', `no route ${method} /v1/${parts.join('/')}`, 404);
  }

  /** `POST /v1/orders/batch`: 1–10 orders; any shape or signature failure rejects them all (paradex.md §5). */
  private async batchCreate(ctx: Ctx, account: ParadexAccount) {
    const { venue } = this.opts;
    const body = await readJson(ctx.req);
    if (!Array.isArray(body) || body.length < 1 || body.length > 10) throw new ParadexError('BATCH_SIZE_OUT_OF_RANGE', 'body: expected a list of 1–10 orders');
    const orders = body.map((o, i) => parseOrderRequest(o, `[${i}].`));
    orders.forEach((o, i) => venue.check(account, o, `[${i}].`));
    return { orders: orders.map((o) => orderJson(venue, venue.queue(account, o))), errors: [] };
  }

  /** `DELETE /v1/orders/batch` `{order_ids?, client_order_ids?}` → `{results: [{…, status}]}` (paradex.md §5). */
  private async batchCancel(ctx: Ctx, account: ParadexAccount) {
    const { venue } = this.opts;
    const body = await readJsonObject(ctx.req);
    const list = (field: string): string[] => {
      const v = body[field];
      if (v === undefined) return [];
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ParadexError('VALIDATION_ERROR', `${field}: expected a list of strings`);
      return v as string[];
    };
    const one = (r: OrderRecord | undefined) => {
      if (!r) return 'NOT_FOUND';
      if (venue.status(r) === 'CLOSED') return 'ALREADY_CLOSED';
      venue.cancel(r);
      return 'QUEUED_FOR_CANCELLATION';
    };
    return {
      results: [
        ...list('order_ids').map((id) => ({ id, client_id: '', account: account.address, status: one(venue.order(account, id)) })),
        ...list('client_order_ids').map((cid) => ({ id: '', client_id: cid, account: account.address, status: one(venue.orderByClientId(account, cid)) })),
      ],
    };
  }
}
