import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, login, settle, signedOrder, startTestSim, WsProbe, type TestSim } from './testing';

describe('Paradex sim faults (admin, in process and over HTTP)', () => {
  let t: TestSim;
  let jwt: string;
  const market = (size: string, side: 'BUY' | 'SELL' = 'BUY') => call(t.url, 'POST', '/v1/orders', jwt, signedOrder(t.A, { market: 'ETH-USD-PERP', side, type: 'MARKET', size, price: undefined }, t.clock.now()));

  beforeEach(async () => {
    t = await startTestSim({ seed: 6 });
    jwt = await login(t.url, t.A, t.clock.now());
  });
  afterEach(() => t.sim.close());

  it('rejectNextOrders: accepted (201 NEW), then CLOSED with the cancel reason, and only for the next N', async () => {
    t.sim.admin.rejectNextOrders(1);
    const first = await market('0.1');
    expect(first.body.status).toBe('NEW');
    await settle();
    expect((await call(t.url, 'GET', `/v1/orders/${first.body.id}`, jwt)).body).toMatchObject({ status: 'CLOSED', cancel_reason: 'NOT_ENOUGH_MARGIN', remaining_size: '0.1' });
    const second = await market('0.1');
    await settle();
    expect((await call(t.url, 'GET', `/v1/orders/${second.body.id}`, jwt)).body).toMatchObject({ status: 'CLOSED', cancel_reason: '' });
    const viaHttp = await call(t.url, 'POST', '/admin/faults', t.sim.adminToken, { reject_orders: { count: 2, cancel_reason: 'ORDER_EXCEEDS_POSITION_LIMIT' } });
    expect(viaHttp.body.faults.reject_orders).toEqual({ remaining: 2, cancel_reason: 'ORDER_EXCEEDS_POSITION_LIMIT' });
    expect((await call(t.url, 'POST', '/admin/faults', t.sim.adminToken, { reject_orders: { count: 0 } })).body.error).toBe('VALIDATION_ERROR');
  });

  it('fillFraction: a crossing order fills partly and the rest closes NO_LIQUIDITY', async () => {
    t.sim.admin.fillFraction(0.5);
    const o = await market('0.4');
    await settle();
    expect((await call(t.url, 'GET', `/v1/orders/${o.body.id}`, jwt)).body).toMatchObject({ status: 'CLOSED', cancel_reason: 'NO_LIQUIDITY', remaining_size: '0.2' });
    expect(t.sim.admin.account(t.A.address).positions[0]).toMatchObject({ size: '0.2' });
  });

  it('rateLimitBurst answers 429 for the next N requests; ackDelay holds the order answer until the clock moves', async () => {
    t.sim.admin.rateLimitBurst(2);
    expect((await call(t.url, 'GET', '/v1/markets')).status).toBe(429);
    expect((await call(t.url, 'GET', '/v1/account', jwt)).status).toBe(429);
    expect((await call(t.url, 'GET', '/v1/account', jwt)).status).toBe(200);

    t.sim.admin.ackDelay(5_000);
    let answered = false;
    const pending = market('0.1').then((r) => ((answered = true), r));
    await settle();
    expect(answered).toBe(false);
    t.clock.advance(5_000);
    expect((await pending).status).toBe(201);
  });

  it('dropWebSockets closes connections; expireJwts and a short TTL make REST answer 401 until re-auth', async () => {
    const ws = await WsProbe.open(t.sim.wsUrl);
    const closed = new Promise((resolve) => ws.ws.once('close', resolve));
    t.sim.admin.dropWebSockets();
    await closed;
    expect(t.sim.admin.state().ws_connections).toBe(0);

    t.sim.admin.setJwtTtl(10_000);
    const short = await login(t.url, t.A, t.clock.now());
    t.clock.advance(10_000);
    expect((await call(t.url, 'GET', '/v1/positions', short)).status).toBe(401);
    const fresh = await login(t.url, t.A, t.clock.now());
    expect((await call(t.url, 'GET', '/v1/positions', fresh)).status).toBe(200);
    await call(t.url, 'POST', '/admin/faults', t.sim.adminToken, { expire_jwts: true });
    expect((await call(t.url, 'GET', '/v1/positions', fresh)).status).toBe(401);
  });

  it('GET /admin/fills lists every user fill as /v1/fills does (the venue\'s record)', async () => {
    expect((await call(t.url, 'GET', '/admin/fills', t.sim.adminToken)).body).toEqual({ fills: [] });
    await market('0.2');
    await settle();
    const fills = (await call(t.url, 'GET', '/admin/fills', t.sim.adminToken)).body.fills;
    const own = (await call(t.url, 'GET', '/v1/fills', jwt)).body.results;
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.map((f: { id: string }) => f.id).sort()).toEqual(own.map((f: { id: string }) => f.id).sort());
    expect(fills[0]).toMatchObject({ account: t.A.address, market: 'ETH-USD-PERP', side: 'BUY' });
  });

  it('admin HTTP answers 401 without the admin token, or with a wrong one, and changes nothing', async () => {
    const bare = await call(t.url, 'POST', '/admin/accounts', undefined, { public_key: '0x1234', collateral: '5' });
    expect(bare).toMatchObject({ status: 401, body: { error: 'UNAUTHORIZED', message: expect.stringContaining('Authorization: Bearer') } });
    expect((await call(t.url, 'POST', '/admin/faults', 'wrong-token-wrong-token', { drop_ws: true })).status).toBe(401);
    expect((await call(t.url, 'GET', '/admin/state')).status).toBe(401);
    expect(t.sim.admin.state().accounts).toHaveLength(1);
    expect(t.sim.adminToken.length).toBeGreaterThanOrEqual(16);
  });

  it('admin HTTP: create an account from a public key, deposit, set the mid, read the state', async () => {
    const created = await call(t.url, 'POST', '/admin/accounts', t.sim.adminToken, { public_key: t.A.publicKey, collateral: '5' });
    expect(created.body).toEqual({ address: t.A.address });
    const deposit = await call(t.url, 'POST', `/admin/accounts/${t.A.address}/deposit`, t.sim.adminToken, { amount: '-2500.5' });
    expect(deposit.body).toEqual({ address: t.A.address, collateral: '7499.5' });
    const mid = await call(t.url, 'POST', '/admin/mid', t.sim.adminToken, { market: 'BTC-USD-PERP', price: '95000.123' });
    expect(mid.body).toEqual({ market: 'BTC-USD-PERP', mid: '95000.1' });
    const state = (await call(t.url, 'GET', '/admin/state', t.sim.adminToken)).body;
    expect(state.markets.find((m: { market: string }) => m.market === 'BTC-USD-PERP').mid).toBe('95000.1');
    expect(state.accounts[0]).toMatchObject({ address: t.A.address, collateral: '7499.5' });
    expect((await call(t.url, 'POST', '/admin/accounts', t.sim.adminToken, { public_key: 'nope' })).body.error).toBe('PUBLIC_KEY_INVALID');
    const tooBig = await call(t.url, 'POST', '/admin/accounts', t.sim.adminToken, { public_key: `0x${'f'.repeat(64)}` });
    expect(tooBig).toMatchObject({ status: 400, body: { error: 'PUBLIC_KEY_INVALID' } });
    expect((await call(t.url, 'GET', '/admin/accounts/0x99', t.sim.adminToken)).status).toBe(404);
  });
});
