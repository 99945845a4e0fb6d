import { fetch } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualSimClock } from '../engine/sim-clock';
import { startParadexSim } from './paradex-sim';
import { authHeaders, call, login, openTestAccount, settle, signedOrder, startTestSim, type TestSim } from './testing';

describe('Paradex sim REST', () => {
  let t: TestSim;
  beforeEach(async () => {
    t = await startTestSim({ seed: 3 });
  });
  afterEach(() => t.sim.close());

  it('serves system config, markets, summary, order book and BBO with Paradex field names', async () => {
    const config = await call(t.url, 'GET', '/v1/system/config');
    expect(config.body).toMatchObject({ starknet_chain_id: 'PRIVATE_SN_POTC_SEPOLIA', paraclear_decimals: 8 });
    const markets = await call(t.url, 'GET', '/v1/markets');
    expect(markets.body.results.map((m: { symbol: string }) => m.symbol)).toEqual(['BTC-USD-PERP', 'ETH-USD-PERP', 'SOL-USD-PERP']);
    const book = await call(t.url, 'GET', '/v1/orderbook/ETH-USD-PERP?depth=5');
    expect(book.body.asks).toHaveLength(5);
    expect(Number(book.body.asks[0][0])).toBeGreaterThan(Number(book.body.bids[0][0]));
    const bbo = await call(t.url, 'GET', '/v1/bbo/ETH-USD-PERP');
    expect(bbo.body).toMatchObject({ market: 'ETH-USD-PERP', bid: book.body.bids[0][0], ask: book.body.asks[0][0] });
    const summary = await call(t.url, 'GET', '/v1/markets/summary?market=ALL');
    expect(summary.body.results).toHaveLength(3);
    expect((await call(t.url, 'GET', '/v1/orderbook/DOGE-USD-PERP')).body).toMatchObject({ error: 'MARKET_NOT_FOUND' });
  });

  it('auth issues a JWT for the registered key; a wrong key, an unknown account and a missing JWT are refused', async () => {
    const jwt = await login(t.url, t.A, t.clock.now());
    expect((await call(t.url, 'GET', '/v1/account', jwt)).body).toMatchObject({ account: t.A.address, account_value: '10000', settlement_asset: 'USDC' });
    const other = openTestAccount(t.sim, 'account B');
    const wrongKey = await fetchAuth(t.url, authHeaders(t.A, t.clock.now(), other.privateKey));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toMatchObject({ error: 'STARKNET_SIGNATURE_VERIFICATION_FAILED', data: null });
    const stranger = await fetchAuth(t.url, { ...authHeaders(t.A, t.clock.now()), 'PARADEX-STARKNET-ACCOUNT': '0x1234' });
    expect(stranger.body.error).toBe('NOT_ONBOARDED');
    const none = await call(t.url, 'GET', '/v1/positions');
    expect(none.status).toBe(401);
    expect(none.body.message).toContain('missing or malformed jwt');
  });

  it('an expired JWT gets 401 (TTL elapsed, or every JWT expired by the admin)', async () => {
    const jwt = await login(t.url, t.A, t.clock.now());
    t.clock.advance(299_000);
    expect((await call(t.url, 'GET', '/v1/balance', jwt)).status).toBe(200);
    t.clock.advance(1_000);
    expect((await call(t.url, 'GET', '/v1/balance', jwt)).status).toBe(401);
    const fresh = await login(t.url, t.A, t.clock.now());
    t.sim.admin.expireJwts();
    const refused = await call(t.url, 'GET', '/v1/balance', fresh);
    expect(refused).toMatchObject({ status: 401, body: { error: 'INVALID_TOKEN' } });
  });

  it('a limit order rests (NEW → OPEN), a market order fills, and fills, positions and balance follow', async () => {
    const jwt = await login(t.url, t.A, t.clock.now());
    const placed = await call(t.url, 'POST', '/v1/orders', jwt, signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2900', client_id: 'rest-1' }, t.clock.now()));
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'NEW', market: 'ETH-USD-PERP', side: 'BUY', size: '0.1', price: '2900', client_id: 'rest-1', account: t.A.address });
    await settle();
    expect((await call(t.url, 'GET', `/v1/orders/${placed.body.id}`, jwt)).body).toMatchObject({ status: 'OPEN', remaining_size: '0.1' });
    expect((await call(t.url, 'GET', '/v1/orders', jwt)).body.results).toHaveLength(1);

    const market = await call(t.url, 'POST', '/v1/orders', jwt, signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.5', price: undefined }, t.clock.now()));
    expect(market.body).toMatchObject({ status: 'NEW', type: 'MARKET', price: '0' });
    await settle();
    const done = await call(t.url, 'GET', `/v1/orders/${market.body.id}`, jwt);
    expect(done.body).toMatchObject({ status: 'CLOSED', cancel_reason: '', remaining_size: '0' });
    const fills = await call(t.url, 'GET', '/v1/fills?market=ETH-USD-PERP', jwt);
    expect(fills.body.results.length).toBeGreaterThan(0);
    expect(fills.body.results[0]).toMatchObject({ liquidity: 'TAKER', side: 'BUY', order_id: market.body.id, fee_currency: 'USDC' });
    const positions = await call(t.url, 'GET', '/v1/positions', jwt);
    expect(positions.body.results[0]).toMatchObject({ market: 'ETH-USD-PERP', side: 'LONG', size: '0.5', status: 'OPEN' });
    const balance = await call(t.url, 'GET', '/v1/balance', jwt);
    expect(Number(balance.body.results[0].size)).toBeLessThan(10000);
  });
});

async function fetchAuth(url: string, headers: Record<string, string>) {
  const res = await fetch(`${url}/v1/auth`, { method: 'POST', headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Paradex sim onboarding and auth with the published paradex-py vectors (paradex.md §10 TV1)', () => {
  it('onboards the TV1 key with its published signature and issues a JWT for its published auth signature', async () => {
    const clock = new ManualSimClock(1706868900_000);
    const sim = await startParadexSim({ clock, liquidity: false });
    try {
      const address = '0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa';
      const publicKey = '0x2c144d2f2d4fc61b6f8967f3ba0012a87d90140bcfe5a3e92e8df83258c960f';
      const r = '1977703130303461992863803129734853218488251484396280000763960303272760326570';
      const onboardingSig = `["${r}","3348963307717496773562227645175864223012165976444899528454487585773913151"]`;
      const authSig = `["${r}","1751655746465244006452018629921152189693020752513749714656209614151193043281"]`;
      const onboard = (sig: string) =>
        fetch(`${sim.url}/v1/onboarding`, {
          method: 'POST',
          headers: { 'PARADEX-ETHEREUM-ACCOUNT': '0xd2c7314539dCe7752c8120af4eC2AA750Cf2035e', 'PARADEX-STARKNET-ACCOUNT': address, 'PARADEX-STARKNET-SIGNATURE': sig, 'Content-Type': 'application/json' },
          body: JSON.stringify({ public_key: publicKey }),
        });
      const headers = { 'PARADEX-STARKNET-ACCOUNT': address, 'PARADEX-STARKNET-SIGNATURE': authSig, 'PARADEX-TIMESTAMP': '1706868900', 'PARADEX-SIGNATURE-EXPIRATION': '1706955300' };
      expect((await fetchAuth(sim.url, headers)).body).toMatchObject({ error: 'NOT_ONBOARDED' });
      expect(await (await onboard(authSig)).json()).toMatchObject({ error: 'STARKNET_SIGNATURE_VERIFICATION_FAILED' });
      expect((await onboard(onboardingSig)).status).toBe(200);
      const auth = await fetchAuth(sim.url, headers);
      expect(auth.status).toBe(200);
      expect(typeof auth.body.jwt_token).toBe('string');
      expect(sim.admin.account(address)).toMatchObject({ publicKey, collateral: '0' });
      const stale = await fetchAuth(sim.url, { ...headers, 'PARADEX-TIMESTAMP': '1706860000' });
      expect(stale.body).toMatchObject({ error: 'INVALID_TIMESTAMP' });
    } finally {
      await sim.close();
    }
  });
});
