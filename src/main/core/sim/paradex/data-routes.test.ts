import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, login, openTestAccount, settle, signedOrder, startTestSim, WsProbe, type TestSim } from './testing';

/** ccxt's recorded testnet responses (shared/data/paradex; the client's committed copy in venues/paradex/testdata), by method. */
const recorded = JSON.parse(readFileSync(join(__dirname, '../../venues/paradex/testdata/ccxt_static_response.json'), 'utf8')) as {
  methods: Record<string, { httpResponse: Record<string, unknown> }[]>;
};
const response = (method: string) => recorded.methods[method]![0]!.httpResponse;
const typesOf = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v]));

describe('Paradex sim: klines, funding, margin, transfers, liquidations', () => {
  let t: TestSim;
  let jwt: string;
  beforeEach(async () => {
    t = await startTestSim({ seed: 3 });
    jwt = await login(t.url, t.A, t.clock.now());
  });
  afterEach(() => t.sim.close());

  it('markets/klines: [[ts, o, h, l, c, volume]] buckets of the trades, as recorded; resolution and window are checked', async () => {
    const start = t.clock.now();
    await call(t.url, 'POST', '/v1/orders', jwt, signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.2', price: '0' }, t.clock.now()));
    await settle();
    const r = await call(t.url, 'GET', `/v1/markets/klines?symbol=ETH-USD-PERP&resolution=1&start_at=${start - 60_000}&end_at=${t.clock.now()}`);
    const rec = response('fetchOHLCV').results as unknown[][];
    expect(Object.keys(r.body)).toEqual(['results']);
    expect(r.body.results.length).toBeGreaterThan(0);
    expect(r.body.results[0].map((v: unknown) => typeof v)).toEqual(rec[0]!.map((v) => typeof v));
    const [ts, o, h, l, c, volume] = r.body.results[0];
    expect(ts % 60_000).toBe(0);
    expect(h).toBeGreaterThanOrEqual(Math.max(o, c));
    expect(l).toBeLessThanOrEqual(Math.min(o, c));
    expect(volume).toBeCloseTo(0.2, 10);
    expect((await call(t.url, 'GET', `/v1/markets/klines?symbol=ETH-USD-PERP&resolution=2&start_at=0&end_at=1`)).body.error).toBe('VALIDATION_ERROR');
    expect((await call(t.url, 'GET', `/v1/markets/klines?symbol=ETH-USD-PERP&resolution=1`)).body.message).toMatch(/^(start|end)_at: required/);
  });

  it('funding/data (public) pages hourly rows in ccxt’s documented shape; funding/payments is empty (no funding)', async () => {
    const r = await call(t.url, 'GET', `/v1/funding/data?market=BTC-USD-PERP&start_at=${t.clock.now() - 3 * 3_600_000}&page_size=2`);
    expect(Object.keys(r.body)).toEqual(['next', 'prev', 'results']);
    expect(r.body.results).toHaveLength(2);
    expect(r.body.next).not.toBeNull();
    expect(Object.keys(r.body.results[0])).toEqual(['market', 'funding_index', 'funding_premium', 'funding_rate', 'funding_rate_8h', 'funding_period_hours', 'created_at']);
    expect(r.body.results[0]).toMatchObject({ market: 'BTC-USD-PERP', funding_rate: '0' });
    expect(r.body.results[0].created_at).toBeGreaterThan(r.body.results[1].created_at);
    expect((await call(t.url, 'GET', '/v1/funding/payments?market=BTC-USD-PERP', jwt)).body).toEqual({ next: null, prev: null, results: [] });
    expect((await call(t.url, 'GET', '/v1/funding/payments?market=BTC-USD-PERP')).status).toBe(401);
  });

  it('account/margin: GET lists leverage per market (max 1/imf_base), POST account/margin/{market} changes it, cross only', async () => {
    const all = await call(t.url, 'GET', '/v1/account/margin', jwt);
    expect(all.body).toMatchObject({ account: t.A.address });
    expect(all.body.configs).toContainEqual({ market: 'BTC-USD-PERP', leverage: 50, margin_type: 'CROSS' });
    const set = await call(t.url, 'POST', '/v1/account/margin/BTC-USD-PERP', jwt, { leverage: 10, margin_type: 'CROSS' });
    expect(set).toMatchObject({ status: 200, body: { account: t.A.address, leverage: 10, margin_type: 'CROSS', market: 'BTC-USD-PERP' } });
    expect((await call(t.url, 'GET', '/v1/account/margin?market=BTC-USD-PERP', jwt)).body.configs).toEqual([{ market: 'BTC-USD-PERP', leverage: 10, margin_type: 'CROSS' }]);
    expect((await call(t.url, 'POST', '/v1/account/margin/BTC-USD-PERP', jwt, { leverage: 51 })).body.error).toBe('VALIDATION_ERROR');
    expect((await call(t.url, 'POST', '/v1/account/margin/BTC-USD-PERP', jwt, { leverage: 5, margin_type: 'ISOLATED' })).body.message).toContain('not simulated');
  });

  it('transfers lists the starting collateral and admin deposits (recorded fetchDeposits fields); liquidations is empty', async () => {
    t.sim.admin.deposit(t.A.address, '250.5');
    const r = await call(t.url, 'GET', '/v1/transfers', jwt);
    expect(r.body.results.map((x: { kind: string; amount: string }) => [x.kind, x.amount])).toEqual([['DEPOSIT', '250.5'], ['DEPOSIT', '10000']]);
    const rec = (response('fetchDeposits').results as Record<string, unknown>[])[0]!;
    for (const key of Object.keys(r.body.results[0])) expect(rec).toHaveProperty(key);
    expect(typesOf(r.body.results[0]).amount).toBe('string');
    const other = openTestAccount(t.sim, 'account B', '5');
    expect((await call(t.url, 'GET', '/v1/transfers', await login(t.url, other, t.clock.now()))).body.results.map((x: { amount: string }) => x.amount)).toEqual(['5']);
    expect((await call(t.url, 'GET', '/v1/liquidations', jwt)).body).toEqual({ results: [] });
  });

  it('WS funding_data.{market}: the current row on subscribe, then one every 5 s', async () => {
    const ws = await WsProbe.open(t.sim.wsUrl);
    try {
      await ws.rpc('subscribe', { channel: 'funding_data.ETH-USD-PERP' });
      const first = await ws.waitFor((m) => m.params?.channel === 'funding_data.ETH-USD-PERP');
      expect(first.params.data).toMatchObject({ market: 'ETH-USD-PERP', funding_rate: '0', created_at: t.clock.now() });
      t.clock.advance(5000);
      const next = await ws.waitFor((m) => m.params?.channel === 'funding_data.ETH-USD-PERP' && m.params.data.created_at === t.clock.now());
      expect(next.params.data.funding_period_hours).toBe(8);
      const bad = await ws.rpc('subscribe', { channel: 'funding_data.ALL' });
      expect(bad.error).toBeDefined();
    } finally {
      ws.close();
    }
  });
});
