import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InsufficientMarginError,
  InvalidNonceError,
  RateLimitedError,
  UnknownVenueError,
  VenueUnavailableError,
} from '../venue-errors';
import { startScriptedHttpServer, type ScriptedHttpServer } from '../testing/scripted-http-server';
import { VirtualClock } from '../virtual-clock';
import { createLighterRateLimiter } from './rate-limits';
import { LighterRest, type LighterRestOptions } from './rest-client';

const logger = pino({ level: 'silent' });

interface Seen {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  form?: FormData;
}
type Reply = { status: number; body: unknown; headers?: Record<string, string> };

let http: ScriptedHttpServer;
let baseUrl: string;
let seen: Seen[];
let replies: ((s: Seen) => Reply)[];

beforeEach(async () => {
  seen = [];
  replies = [];
  http = await startScriptedHttpServer(async ({ method, url, headers, body }) => {
    const s: Seen = { method, url, headers };
    if (method === 'POST') s.form = await new Request(url, { method: 'POST', headers: headers as Record<string, string>, body }).formData();
    seen.push(s);
    const reply: Reply = (replies.shift() ?? (() => ({ status: 500, body: 'no reply queued' })))(s);
    return { status: reply.status, headers: reply.headers, body: typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body) };
  });
  baseUrl = http.origin;
});

afterEach(async () => {
  await http.close();
});

function client(extra: Partial<LighterRestOptions> = {}) {
  const clock = new VirtualClock();
  const rest = new LighterRest({
    baseUrl,
    tier: 'premium',
    limiter: createLighterRateLimiter(clock),
    authToken: () => Promise.resolve('1700000000:7:5:abcd'),
    clock,
    logger,
    backoff: { baseMs: 100, maxMs: 1_000, random: () => 0 },
    ...extra,
  });
  return { rest, clock };
}

const account = {
  code: 200,
  total: 1,
  accounts: [{ index: 7, available_balance: '100.000000', collateral: '120.000000', positions: [], assets: [] }],
};

describe('LighterRest (lighter.md §1)', () => {
  it('GET with query parameters, answer checked by the schema', async () => {
    replies.push(() => ({ status: 200, body: account }));
    const { rest } = client();
    const a = await rest.account(7);
    expect(a.collateral).toBe('120.000000');
    expect(seen[0]!.url.pathname).toBe('/api/v1/account');
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ by: 'index', value: '7' });
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('private reads carry the auth token in the Authorization header (§2); absent market_id is omitted', async () => {
    replies.push(() => ({ status: 200, body: { code: 200, orders: [] } }));
    const { rest } = client();
    await rest.activeOrders(7);
    expect(seen[0]!.headers.authorization).toBe('1700000000:7:5:abcd');
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ account_index: '7' });
  });

  it('sendTx posts multipart tx_type + tx_info; sendTxBatch JSON-encodes both arrays (§1.10)', async () => {
    replies.push(() => ({ status: 200, body: { code: 200, message: '{"ratelimit": "didn\'t use volume quota"}', tx_hash: 'abc', predicted_execution_time_ms: 1 } }));
    replies.push(() => ({ status: 200, body: { code: 200, tx_hash: ['h1', 'h2'] } }));
    const { rest } = client();
    const one = await rest.sendTx({ txType: 14, txInfo: '{"Nonce":1}', txHash: 'x' });
    expect(one.tx_hash).toBe('abc');
    expect(seen[0]!.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(seen[0]!.form!.get('tx_type')).toBe('14');
    expect(seen[0]!.form!.get('tx_info')).toBe('{"Nonce":1}');
    const batch = await rest.sendTxBatch([
      { txType: 14, txInfo: '{"Nonce":2}', txHash: 'x' },
      { txType: 15, txInfo: '{"Nonce":3}', txHash: 'y' },
    ]);
    expect(batch.tx_hash).toEqual(['h1', 'h2']);
    expect(JSON.parse(seen[1]!.form!.get('tx_types') as string)).toEqual([14, 15]);
    expect(JSON.parse(seen[1]!.form!.get('tx_infos') as string)).toEqual(['{"Nonce":2}', '{"Nonce":3}']);
  });

  it('backs off and retries on HTTP 429 / code 23000, then succeeds', async () => {
    replies.push(() => ({ status: 429, body: { code: 23000, message: 'Too Many Requests' } }));
    replies.push(() => ({ status: 200, body: { code: 23000, message: 'Too Many Requests' } }));
    replies.push(() => ({ status: 200, body: { code: 200, nonce: 722 } }));
    const { rest, clock } = client();
    expect(await rest.nextNonce(7, 5)).toBe(722);
    expect(seen).toHaveLength(3);
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('backs off less for urgent calls (hedges): 100 ms doubling to 1 s at most', async () => {
    for (let i = 0; i < 2; i++) replies.push(() => ({ status: 429, body: { code: 23000, message: 'Too Many Requests' } }));
    replies.push(() => ({ status: 200, body: { code: 200, tx_hash: 'h', predicted_execution_time_ms: 1 } }));
    const { rest, clock } = client({ backoff: { baseMs: 500, maxMs: 8_000, random: () => 0 } });
    await rest.sendTx({ txType: 14, txInfo: '{}', txHash: 'x' }, 'urgent');
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('gives up with RateLimitedError after the retries, honouring Retry-After', async () => {
    for (let i = 0; i < 3; i++) replies.push(() => ({ status: 429, body: 'slow down', headers: { 'retry-after': '2' } }));
    const { rest, clock } = client({ maxRateLimitRetries: 2 });
    const err = await rest.nextNonce(7, 5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(2_000);
    expect(seen).toHaveLength(3);
    expect(clock.sleeps).toEqual([2_000, 2_000]);
  });

  it('maps error bodies to typed errors, also when HTTP is 200 (§0, §7.1)', async () => {
    replies.push(() => ({ status: 400, body: { code: 21739, message: 'not enough margin to create the order' } }));
    replies.push(() => ({ status: 200, body: { code: 21104, message: 'invalid nonce' } }));
    const { rest } = client();
    const tx = { txType: 14, txInfo: '{}', txHash: 'x' };
    const margin = await rest.sendTx(tx).catch((e: unknown) => e);
    expect(margin).toBeInstanceOf(InsufficientMarginError);
    expect(margin).toMatchObject({ venueCode: 21739, venueMessage: 'not enough margin to create the order' });
    await expect(rest.sendTx(tx)).rejects.toBeInstanceOf(InvalidNonceError);
  });

  it('5xx, unreachable hosts and timeouts are VenueUnavailable; a malformed answer is Unknown', async () => {
    replies.push(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    replies.push(() => ({ status: 200, body: { code: 200, nonce: 'seven' } }));
    const { rest } = client();
    await expect(rest.nextNonce(7, 5)).rejects.toBeInstanceOf(VenueUnavailableError);
    await expect(rest.nextNonce(7, 5)).rejects.toBeInstanceOf(UnknownVenueError);
    const dead = client({ baseUrl: 'http://127.0.0.1:1' }).rest;
    await expect(dead.nextNonce(7, 5)).rejects.toBeInstanceOf(VenueUnavailableError);
    const slow = client({ timeoutMs: 50 }).rest;
    http.server.removeAllListeners('request');
    http.server.on('request', () => undefined); // never answers
    await expect(slow.nextNonce(7, 5)).rejects.toBeInstanceOf(VenueUnavailableError);
  });

  it('sends through the given undici dispatcher (proxy seam)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://lighter.example').intercept({ path: '/api/v1/nextNonce?account_index=7&api_key_index=5', method: 'GET' }).reply(200, { code: 200, nonce: 99 });
    const { rest } = client({ baseUrl: 'https://lighter.example', dispatcher: agent });
    expect(await rest.nextNonce(7, 5)).toBe(99);
    await agent.close();
  });
});
