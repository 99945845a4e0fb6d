/**
 * The Paradex REST client against a scripted loopback HTTP server: auth
 * headers, Bearer JWT and the one 401 retry, 429 backoff (Retry-After),
 * error bodies and answers that do not match the schemas.
 */
import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidSignatureError, OrderNotFoundError, RateLimitedError, UnknownVenueError, VenueUnavailableError, type VenueError } from '../venue-errors';
import { startScriptedHttpServer, type ScriptedHttpServer } from '../testing/scripted-http-server';
import { VirtualClock } from '../virtual-clock';
import { JwtSession } from './jwt-session';
import { ParadexRateLimits } from './rate-limits';
import { ParadexRest } from './rest-client';

const logger = pino({ level: 'silent' });

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

let http: ScriptedHttpServer;
let baseUrl: string;
let seen: Seen[];
let replies: Reply[];

beforeEach(async () => {
  seen = [];
  replies = [];
  http = await startScriptedHttpServer(({ method, url, headers, body }) => {
    seen.push({ method, path: url.pathname + url.search, headers, body: body.toString() });
    const reply = replies.shift() ?? { status: 500, body: { error: 'INTERNAL_ERROR', message: 'no reply queued' } };
    return { status: reply.status, headers: reply.headers, body: reply.body === undefined ? '' : JSON.stringify(reply.body) };
  });
  baseUrl = `${http.origin}/v1`;
});

afterEach(async () => {
  await http.close();
});

function rest(clock = new VirtualClock()) {
  const client = new ParadexRest({ baseUrl, limits: new ParadexRateLimits(clock), clock, logger, backoff: { baseMs: 100, maxMs: 400, random: () => 0 }, maxRateLimitRetries: 2 });
  let n = 0;
  const session = new JwtSession(async () => `jwt-${++n}`, clock);
  client.authenticated(session);
  return { client, clock, session };
}

const ACCOUNT = { account: '0x1', account_value: '100', free_collateral: '90' };

describe('Paradex REST client', () => {
  it('POST /auth carries the four StarkNet headers and returns the JWT', async () => {
    const { client } = rest();
    replies.push({ status: 200, body: { jwt_token: 'abc' } });
    expect(await client.auth({ account: '0xabc', signature: '["1","2"]', timestamp: 10, expiration: 20 })).toBe('abc');
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/auth' });
    expect(seen[0]!.headers).toMatchObject({ 'paradex-starknet-account': '0xabc', 'paradex-starknet-signature': '["1","2"]', 'paradex-timestamp': '10', 'paradex-signature-expiration': '20' });
  });

  it('a refused JWT (401) is replaced and the request retried once; a second 401 is an InvalidSignatureError', async () => {
    const { client } = rest();
    replies.push({ status: 401, body: { error: 'INVALID_TOKEN', message: 'missing or malformed jwt' } }, { status: 200, body: ACCOUNT });
    expect((await client.account()).free_collateral).toBe('90');
    expect(seen.map((s) => s.headers.authorization)).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
    replies.push({ status: 401, body: { error: 'INVALID_TOKEN' } }, { status: 401, body: { error: 'INVALID_TOKEN' } });
    await expect(client.account()).rejects.toBeInstanceOf(InvalidSignatureError);
    expect(seen.map((s) => s.headers.authorization).slice(2)).toEqual(['Bearer jwt-2', 'Bearer jwt-3']);
  });

  it('HTTP 429: backoff (at least Retry-After), then the answer; RateLimitedError after the last retry', async () => {
    const { client, clock } = rest();
    replies.push({ status: 429, body: { error: 'RATE_LIMIT_EXCEEDED' }, headers: { 'retry-after': '2' } }, { status: 200, body: { results: [] } });
    expect(await client.positions()).toEqual([]);
    expect(clock.sleeps).toContain(2_000);
    replies.push({ status: 429 }, { status: 429 }, { status: 429 });
    await expect(client.positions()).rejects.toBeInstanceOf(RateLimitedError);
    expect(seen).toHaveLength(5);
  });

  it('JSON bodies, 204 answers, error codes, schema mismatches and unreachable hosts', async () => {
    const { client } = rest();
    replies.push({ status: 204 });
    await client.cancelOrder('123');
    expect(seen[0]).toMatchObject({ method: 'DELETE', path: '/v1/orders/123', body: '' });
    replies.push({ status: 404, body: { error: 'ORDER_ID_NOT_FOUND', message: 'order 9 not found' } });
    const err = await client.cancelOrder('9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderNotFoundError);
    expect((err as VenueError).venueMessage).toBe('order 9 not found');
    replies.push({ status: 200, body: { results: [{ symbol: 'X' }] } });
    await expect(client.markets()).rejects.toBeInstanceOf(UnknownVenueError);
    replies.push({ status: 200, body: {} });
    await client.cancelAll('ETH-USD-PERP');
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/orders?market=ETH-USD-PERP' });
    replies.push({ status: 201, body: { id: '1', market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '1', remaining_size: '1', price: '5', status: 'NEW', created_at: 1 } });
    await client.createOrder({ market: 'ETH-USD-PERP' });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ market: 'ETH-USD-PERP' });
    expect(seen.at(-1)!.headers['content-type']).toBe('application/json');
    const dead = new ParadexRest({ baseUrl: 'http://127.0.0.1:9/v1', limits: new ParadexRateLimits(new VirtualClock()), clock: new VirtualClock(), logger });
    await expect(dead.systemConfig()).rejects.toBeInstanceOf(VenueUnavailableError);
  });
});
