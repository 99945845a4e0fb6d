import { z } from 'zod';
import { backoffDelay, type BackoffOptions } from '../backoff';
import { httpExchange, type RestClientOptions } from '../http-exchange';
import type { RequestPriority } from '../rate-limiter';
import { RateLimitedError, UnknownVenueError } from '../venue-errors';
import { paradexError, paradexUnavailable } from './errors';
import type { JwtSession } from './jwt-session';
import { requestClass, type ParadexRateLimits } from './rate-limits';
import {
  accountSummarySchema,
  authResponseSchema,
  bboSchema,
  cancelBatchResponseSchema,
  fillsResponseSchema,
  marketsResponseSchema,
  orderBatchResponseSchema,
  orderSchema,
  ordersResponseSchema,
  positionsResponseSchema,
  restErrorSchema,
  systemConfigSchema,
  type AccountSummary,
  type Bbo,
  type ParadexFill,
  type ParadexMarket,
  type ParadexOrder,
  type ParadexPosition,
  type SystemConfig,
} from './wire';

/** Construction of a {@link ParadexRest}. */
export interface ParadexRestOptions extends RestClientOptions {
  /** REST base including the version, e.g. `https://api.prod.paradex.trade/v1` (paradex.md §0) or `${sim.url}/v1`. */
  baseUrl: string;
  limits: ParadexRateLimits;
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the base, e.g. `/orders`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Extra headers (auth signature headers). */
  headers?: Record<string, string>;
  /** Limiter priority (default normal). */
  priority?: RequestPriority;
}

/** Auth headers of `POST /auth` (paradex.md §4). */
export interface AuthHeaders {
  account: string;
  signature: string;
  /** Unix seconds. */
  timestamp: number;
  /** Unix seconds. */
  expiration: number;
}

/** An empty answer (HTTP 204, or a body the caller ignores). */
const ignored = z.unknown();

/** HTTP 401 to a request that carried a JWT: the token is refused (expired or revoked); `error` is what the caller sees. */
class JwtRefused extends Error {
  constructor(
    readonly token: string,
    readonly error: Error,
  ) {
    super(error.message);
  }
}

/**
 * Paradex's REST API (paradex.md §2, §4–§6): each call rate-limited by its
 * budget (§6), retried with exponential backoff and jitter on HTTP 429, its
 * answer checked with the zod schemas of `wire.ts` and its failures mapped to
 * typed venue errors (`errors.ts`). Private calls carry `Authorization:
 * Bearer <jwt>` from the session given to {@link authenticated}; a 401 drops
 * that token and the call is retried once with a fresh one (§4).
 */
export class ParadexRest {
  private readonly maxRetries: number;
  private readonly backoff: BackoffOptions;
  private readonly timeoutMs: number;
  private jwt: JwtSession | null = null;

  constructor(private readonly opts: ParadexRestOptions) {
    this.maxRetries = opts.maxRateLimitRetries ?? 4;
    this.backoff = opts.backoff ?? { baseMs: 500, maxMs: 8_000 };
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** Uses `session` for every private call from now on. */
  authenticated(session: JwtSession): void {
    this.jwt = session;
  }

  /** `GET /system/config` (§2). */
  systemConfig(): Promise<SystemConfig> {
    return this.call({ method: 'GET', path: '/system/config' }, systemConfigSchema, false);
  }

  /** `GET /markets` (§7). */
  async markets(): Promise<ParadexMarket[]> {
    return (await this.call({ method: 'GET', path: '/markets' }, marketsResponseSchema, false)).results;
  }

  /** `GET /bbo/{market}` (§6). */
  bbo(market: string): Promise<Bbo> {
    return this.call({ method: 'GET', path: `/bbo/${encodeURIComponent(market)}` }, bboSchema, false);
  }

  /**
   * `POST /auth` with the StarkNet signature headers (§4) → the JWT.
   * @throws InvalidSignatureError when Paradex refuses the signature or the account.
   */
  async auth(h: AuthHeaders): Promise<string> {
    const headers = {
      'PARADEX-STARKNET-ACCOUNT': h.account,
      'PARADEX-STARKNET-SIGNATURE': h.signature,
      'PARADEX-TIMESTAMP': String(h.timestamp),
      'PARADEX-SIGNATURE-EXPIRATION': String(h.expiration),
    };
    return (await this.call({ method: 'POST', path: '/auth', headers }, authResponseSchema, false)).jwt_token;
  }

  /** `GET /account` (§6): account value and free collateral. */
  account(): Promise<AccountSummary> {
    return this.call({ method: 'GET', path: '/account' }, accountSummarySchema, true);
  }

  /** `GET /positions` (§6). */
  async positions(): Promise<ParadexPosition[]> {
    return (await this.call({ method: 'GET', path: '/positions' }, positionsResponseSchema, true)).results;
  }

  /** `GET /orders[?market=]` (§5): the open orders (not paginated). */
  async openOrders(market?: string): Promise<ParadexOrder[]> {
    return (await this.call({ method: 'GET', path: '/orders', query: { market } }, ordersResponseSchema, true)).results;
  }

  /** `GET /orders-history?page_size=` (§5): the most recent orders, any status, newest first (one page). */
  async ordersHistory(pageSize: number): Promise<ParadexOrder[]> {
    return (await this.call({ method: 'GET', path: '/orders-history', query: { page_size: pageSize } }, ordersResponseSchema, true)).results;
  }

  /** `GET /orders/{id}` (§5). */
  order(orderId: string): Promise<ParadexOrder> {
    return this.call({ method: 'GET', path: `/orders/${encodeURIComponent(orderId)}` }, orderSchema, true);
  }

  /** `GET /orders/by_client_id/{client_id}` (§5). @throws OrderNotFoundError when Paradex has no such order. */
  orderByClientId(clientId: string): Promise<ParadexOrder> {
    return this.call({ method: 'GET', path: `/orders/by_client_id/${encodeURIComponent(clientId)}` }, orderSchema, true);
  }

  /** `GET /fills?page_size=` (§6): the account's most recent fills, newest first (one page). */
  async fills(pageSize: number): Promise<ParadexFill[]> {
    return (await this.call({ method: 'GET', path: '/fills', query: { page_size: pageSize } }, fillsResponseSchema, true)).results;
  }

  /** `POST /orders` with a signed order body (§5) → the accepted order. */
  createOrder(body: Record<string, unknown>, priority: RequestPriority = 'normal'): Promise<ParadexOrder> {
    return this.call({ method: 'POST', path: '/orders', body, priority }, orderSchema, true);
  }

  /** `POST /orders/batch` with 1–10 signed orders (§5). */
  createOrders(bodies: Record<string, unknown>[], priority: RequestPriority = 'normal'): Promise<z.infer<typeof orderBatchResponseSchema>> {
    return this.call({ method: 'POST', path: '/orders/batch', body: bodies, priority }, orderBatchResponseSchema, true);
  }

  /** `PUT /orders/{id}` with a signed ModifyOrder body (§5). */
  modifyOrder(orderId: string, body: Record<string, unknown>): Promise<unknown> {
    return this.call({ method: 'PUT', path: `/orders/${encodeURIComponent(orderId)}`, body }, ignored, true);
  }

  /** `DELETE /orders/{id}` → 204; the cancel is queued (§5). */
  async cancelOrder(orderId: string): Promise<void> {
    await this.call({ method: 'DELETE', path: `/orders/${encodeURIComponent(orderId)}` }, ignored, true);
  }

  /** `DELETE /orders[?market=]`: every open order, or one market's (§5). */
  async cancelAll(market?: string): Promise<void> {
    await this.call({ method: 'DELETE', path: '/orders', query: { market } }, ignored, true);
  }

  /** `DELETE /orders/batch` with `{order_ids}` (§5). */
  cancelOrders(orderIds: string[]): Promise<z.infer<typeof cancelBatchResponseSchema>> {
    return this.call({ method: 'DELETE', path: '/orders/batch', body: { order_ids: orderIds } }, cancelBatchResponseSchema, true);
  }

  private async call<S extends z.ZodType>(call: Call, schema: S, auth: boolean): Promise<z.infer<S>> {
    let refreshed = false;
    // Bounded: at most maxRetries 429 retries plus one 401 retry.
    for (let attempt = 0; ; attempt++) {
      let token: string | undefined;
      try {
        if (auth) token = await this.session().get();
        return await this.once(call, schema, token);
      } catch (err) {
        if (err instanceof JwtRefused) {
          this.session().invalidate(err.token);
          if (refreshed) throw err.error;
          refreshed = true;
          this.opts.logger.info({ path: call.path }, 'Paradex JWT refused (401); re-authenticating once');
          continue;
        }
        if (!(err instanceof RateLimitedError) || attempt >= this.maxRetries) throw err;
        const delay = Math.max(backoffDelay(attempt, this.backoff), err.retryAfterMs ?? 0);
        this.opts.logger.warn({ path: call.path, attempt: attempt + 1, delayMs: delay }, 'Paradex rate limit hit; backing off');
        await this.opts.clock.sleep(delay);
      }
    }
  }

  private session(): JwtSession {
    if (!this.jwt) throw new Error('Paradex REST: private call before authentication');
    return this.jwt;
  }

  private async once<S extends z.ZodType>(call: Call, schema: S, token: string | undefined): Promise<z.infer<S>> {
    await this.opts.limits.acquire(requestClass(call.method, call.path, token !== undefined), undefined, call.priority ?? 'normal');
    const url = new URL(`${this.opts.baseUrl.replace(/\/+$/, '')}${call.path}`);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const { status, text, json: body, retryAfterMs } = await httpExchange(
      url,
      { method: call.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body), dispatcher: this.opts.dispatcher, timeoutMs: this.timeoutMs },
      (err) => paradexUnavailable(`${call.method} ${call.path}`, err),
    );
    if (status < 200 || status >= 300) {
      const failure = restErrorSchema.safeParse(body);
      const err = paradexError(failure.success ? failure.data.error : undefined, failure.success ? failure.data.message : text.slice(0, 200), status);
      if (err instanceof RateLimitedError && retryAfterMs !== undefined) err.retryAfterMs = retryAfterMs;
      this.opts.logger.debug({ path: call.path, status, code: failure.success ? failure.data.error : undefined }, 'Paradex request failed');
      if (status === 401 && token !== undefined) throw new JwtRefused(token, err);
      throw err;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new UnknownVenueError('paradex', `unexpected Paradex ${call.method} ${call.path} answer: ${parsed.error.message.slice(0, 300)}`, status, text.slice(0, 200));
    }
    return parsed.data;
  }
}
