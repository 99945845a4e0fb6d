import { afterEach, describe, expect, it } from 'vitest';
import { TokenBuckets } from './rate-limiter';
import { call, login, signedOrder, startTestSim, type TestSim } from './testing';

describe('Paradex rate limits', () => {
  let t: TestSim | undefined;
  afterEach(() => t?.sim.close());

  it('a token bucket holds `limit` tokens and refills one every period / limit', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    for (let i = 0; i < 3; i++) expect(buckets.take('k', 3, 60_000)).toBe(true);
    expect(buckets.take('k', 3, 60_000)).toBe(false);
    expect(buckets.take('other', 3, 60_000)).toBe(true);
    now += 19_999;
    expect(buckets.take('k', 3, 60_000)).toBe(false);
    now += 1;
    expect(buckets.take('k', 3, 60_000)).toBe(true);
    expect(buckets.take('k', 3, 60_000)).toBe(false);
  });

  it('the sim applies per-account order and read limits (HTTP 429) when asked', async () => {
    t = await startTestSim({ rateLimit: { ordersPerSecond: 2, privateGetsPerSecond: 3 } });
    const jwt = await login(t.url, t.A, t.clock.now());
    const order = () => call(t!.url, 'POST', '/v1/orders', jwt, signedOrder(t!.A, { market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2800' }, t!.clock.now()));
    expect((await order()).status).toBe(201);
    expect((await order()).status).toBe(201);
    expect(await order()).toMatchObject({ status: 429, body: { error: 'RATE_LIMIT_EXCEEDED' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(t.url, 'GET', '/v1/orders', jwt)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    t.clock.advance(1000);
    expect((await order()).status).toBe(201);
    expect((await call(t.url, 'GET', '/v1/markets')).status).toBe(200);
  });
});
