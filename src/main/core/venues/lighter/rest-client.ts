import { FormData } from 'undici';
import type { z } from 'zod';
import { backoffDelay, type BackoffOptions } from '../backoff';
import { httpExchange, type RestClientOptions } from '../http-exchange';
import type { RequestPriority, WeightedRateLimiter } from '../rate-limiter';
import { RateLimitedError, UnknownVenueError } from '../venue-errors';
import { lighterError, lighterUnavailable } from './errors';
import { requestCost, type LighterTier } from './rate-limits';
import type { SignedTx } from './signer/lighter-signer';
import {
  accountResponseSchema,
  accountsByL1AddressResponseSchema,
  nextNonceResponseSchema,
  orderBookDetailsResponseSchema,
  orderBookOrdersResponseSchema,
  ordersResponseSchema,
  restErrorSchema,
  sendTxBatchResponseSchema,
  sendTxResponseSchema,
  SEND_TX_BATCH_FIELDS,
  SEND_TX_FIELDS,
  tradesResponseSchema,
  type DetailedAccount,
  type LighterOrder,
  type LighterTrade,
  type OrderBookDetailsResponse,
  type OrderBookOrdersResponse,
  type SendTxBatchResponse,
  type SendTxResponse,
  type SubAccount,
} from './wire';

/** Construction of a {@link LighterRest}. */
export interface LighterRestOptions extends RestClientOptions {
  /** e.g. `https://mainnet.zklighter.elliot.ai` or the simulator's `http://127.0.0.1:<port>`. */
  baseUrl: string;
  tier: LighterTier;
  /** The account's request budget (shared by every call of this client). */
  limiter: WeightedRateLimiter;
  /** An auth token for private reads (lighter.md §2). */
  authToken: () => Promise<string>;
}

/** Backoff of urgent calls (hedges) after a 429, capped by the configured one: the limiter paces the retries, the hedge executor retries beyond. */
const URGENT_BACKOFF: BackoffOptions = { baseMs: 100, maxMs: 1_000 };

interface Call {
  method: 'GET' | 'POST';
  /** Endpoint under `/api/v1/`, e.g. `account`. */
  endpoint: string;
  query?: Record<string, string | number | undefined>;
  form?: () => FormData;
  auth?: boolean;
  /** Limiter priority (default normal). */
  priority?: RequestPriority;
  /** The first attempt's budget was taken with {@link LighterRest.takeBudget} (retries take their own). */
  prepaid?: boolean;
}

/**
 * Lighter's REST API (lighter.md §1), each call rate-limited (§7.2),
 * retried with exponential backoff and jitter on HTTP 429 / code 23000
 * (shorter for urgent calls: hedges), its
 * answer checked with the zod schemas of `wire.ts` and its failures mapped to
 * typed venue errors (`errors.ts`). Private reads carry
 * `Authorization: <token>` (§2). Transactions go as multipart forms (§1.10).
 */
export class LighterRest {
  private readonly maxRetries: number;
  private readonly backoff: BackoffOptions;
  private readonly timeoutMs: number;

  constructor(private readonly opts: LighterRestOptions) {
    this.maxRetries = opts.maxRateLimitRetries ?? 4;
    this.backoff = opts.backoff ?? { baseMs: 500, maxMs: 8_000 };
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** `GET /api/v1/orderBookDetails` (§1.1). */
  orderBookDetails(): Promise<OrderBookDetailsResponse> {
    return this.call({ method: 'GET', endpoint: 'orderBookDetails' }, orderBookDetailsResponseSchema);
  }

  /** `GET /api/v1/orderBookOrders?market_id=&limit=` (§1.3). */
  orderBookOrders(marketId: number, limit: number): Promise<OrderBookOrdersResponse> {
    return this.call({ method: 'GET', endpoint: 'orderBookOrders', query: { market_id: marketId, limit } }, orderBookOrdersResponseSchema);
  }

  /**
   * `GET /api/v1/account?by=index&value=` (§1.4, public).
   * @throws UnknownVenueError when the answer holds no such account.
   */
  async account(accountIndex: number): Promise<DetailedAccount> {
    const res = await this.call({ method: 'GET', endpoint: 'account', query: { by: 'index', value: accountIndex } }, accountResponseSchema);
    const account = res.accounts.find((a) => a.index === accountIndex) ?? res.accounts[0];
    if (!account) throw new UnknownVenueError('lighter', `Lighter returned no account ${accountIndex}`);
    return account;
  }

  /** `GET /api/v1/accountsByL1Address?l1_address=`; the first entry is the master account (§1.4). */
  async accountsByL1Address(l1Address: string): Promise<SubAccount[]> {
    const res = await this.call({ method: 'GET', endpoint: 'accountsByL1Address', query: { l1_address: l1Address } }, accountsByL1AddressResponseSchema);
    return res.sub_accounts;
  }

  /**
   * Waits for the account's budget of one call of `endpoint` at `priority`
   * and takes it, for a call made later with `prepaid` (transactions take
   * their budget before the API key's nonce lock, so a waiting discretionary
   * order never holds the lock a hedge needs).
   */
  takeBudget(endpoint: 'sendTx' | 'sendTxBatch', priority: RequestPriority): Promise<void> {
    return this.opts.limiter.acquire(requestCost(this.opts.tier, endpoint), undefined, priority);
  }

  /** `GET /api/v1/nextNonce?account_index=&api_key_index=` (§1.9); urgent in the limiter: every transaction, hedges included, may wait for it. */
  async nextNonce(accountIndex: number, apiKeyIndex: number): Promise<number> {
    const res = await this.call({ method: 'GET', endpoint: 'nextNonce', query: { account_index: accountIndex, api_key_index: apiKeyIndex }, priority: 'urgent' }, nextNonceResponseSchema);
    return res.nonce;
  }

  /** `GET /api/v1/accountActiveOrders` (auth), every market when `marketId` is absent (§1.6). */
  async activeOrders(accountIndex: number, marketId?: number): Promise<LighterOrder[]> {
    const res = await this.call(
      { method: 'GET', endpoint: 'accountActiveOrders', query: { account_index: accountIndex, market_id: marketId }, auth: true },
      ordersResponseSchema,
    );
    return res.orders;
  }

  /** `GET /api/v1/accountInactiveOrders?limit=` (auth): the most recent finished orders (§1.6). */
  async inactiveOrders(accountIndex: number, limit: number): Promise<LighterOrder[]> {
    const res = await this.call(
      { method: 'GET', endpoint: 'accountInactiveOrders', query: { account_index: accountIndex, limit }, auth: true },
      ordersResponseSchema,
    );
    return res.orders;
  }

  /** `GET /api/v1/trades?sort_by=block_height&sort_dir=desc` (auth): the account's most recent fills (§1.7). */
  async accountTrades(accountIndex: number, limit: number): Promise<LighterTrade[]> {
    const res = await this.call(
      { method: 'GET', endpoint: 'trades', query: { sort_by: 'block_height', sort_dir: 'desc', limit, account_index: accountIndex }, auth: true },
      tradesResponseSchema,
    );
    return res.trades;
  }

  /** `POST /api/v1/sendTx` with `tx_type` and the signer's `tx_info` as multipart fields (§1.10); `priority` orders it in the limiter. */
  sendTx(tx: SignedTx, priority: RequestPriority = 'normal', prepaid = false): Promise<SendTxResponse> {
    const form = () => {
      const f = new FormData();
      f.append(SEND_TX_FIELDS.txType, String(tx.txType));
      f.append(SEND_TX_FIELDS.txInfo, tx.txInfo);
      return f;
    };
    return this.call({ method: 'POST', endpoint: 'sendTx', form, priority, prepaid }, sendTxResponseSchema);
  }

  /** `POST /api/v1/sendTxBatch`: `tx_types` and `tx_infos` as JSON-encoded arrays (§1.10); `priority` orders it in the limiter. */
  sendTxBatch(txs: SignedTx[], priority: RequestPriority = 'normal', prepaid = false): Promise<SendTxBatchResponse> {
    const form = () => {
      const f = new FormData();
      f.append(SEND_TX_BATCH_FIELDS.txTypes, JSON.stringify(txs.map((t) => t.txType)));
      f.append(SEND_TX_BATCH_FIELDS.txInfos, JSON.stringify(txs.map((t) => t.txInfo)));
      return f;
    };
    return this.call({ method: 'POST', endpoint: 'sendTxBatch', form, priority, prepaid }, sendTxBatchResponseSchema);
  }

  private async call<S extends z.ZodType>(call: Call, schema: S): Promise<z.infer<S>> {
    // Bounded: at most maxRetries + 1 attempts.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(call, schema, attempt === 0 && call.prepaid === true);
      } catch (err) {
        if (!(err instanceof RateLimitedError) || attempt >= this.maxRetries) throw err;
        const backoff = call.priority === 'urgent' ? { ...this.backoff, baseMs: Math.min(URGENT_BACKOFF.baseMs, this.backoff.baseMs), maxMs: Math.min(URGENT_BACKOFF.maxMs, this.backoff.maxMs) } : this.backoff;
        const delay = Math.max(backoffDelay(attempt, backoff), err.retryAfterMs ?? 0);
        this.opts.logger.warn({ endpoint: call.endpoint, attempt: attempt + 1, delayMs: delay }, 'Lighter rate limit hit; backing off');
        await this.opts.clock.sleep(delay);
      }
    }
  }

  private async once<S extends z.ZodType>(call: Call, schema: S, prepaid: boolean): Promise<z.infer<S>> {
    if (!prepaid) await this.opts.limiter.acquire(requestCost(this.opts.tier, call.endpoint), undefined, call.priority ?? 'normal');
    const url = new URL(`/api/v1/${call.endpoint}`, this.opts.baseUrl);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.auth) headers.authorization = await this.opts.authToken();
    const { status, text, json: body, retryAfterMs } = await httpExchange(
      url,
      { method: call.method, headers, body: call.form?.(), dispatcher: this.opts.dispatcher, timeoutMs: this.timeoutMs },
      (err) => lighterUnavailable(`${call.method} ${call.endpoint}`, err),
    );
    const failure = restErrorSchema.safeParse(body);
    const code = failure.success ? failure.data.code : undefined;
    if (status < 200 || status >= 300 || (code !== undefined && code !== 200)) {
      const err = lighterError(code, failure.success ? failure.data.message : text.slice(0, 200), status);
      if (err instanceof RateLimitedError && retryAfterMs !== undefined) err.retryAfterMs = retryAfterMs;
      this.opts.logger.debug({ endpoint: call.endpoint, status, code }, 'Lighter request failed');
      throw err;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new UnknownVenueError('lighter', `unexpected Lighter ${call.endpoint} answer: ${parsed.error.message.slice(0, 300)}`, status, text.slice(0, 200));
    }
    return parsed.data;
  }
}

