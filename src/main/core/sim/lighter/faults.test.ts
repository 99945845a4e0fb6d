import { fetch } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualSimClock } from '../engine/sim-clock';
import type { RunningLighterSim } from './lighter-sim';
import { adminJson, authToken, TEST_ADMIN_TOKEN, createOrderInfo, getJson, postTx, startTestSim, WsProbe } from './testing';

describe('Lighter simulator admin endpoint and fault injection', () => {
  let clock: ManualSimClock, sim: RunningLighterSim, url: string, A: number;
  beforeEach(async () => {
    ({ clock, sim, url, A } = await startTestSim({ accounts: 1 }));
  });
  afterEach(() => sim.close());

  const order = (nonce: number, over: object = {}) => createOrderInfo({ AccountIndex: A, Nonce: nonce, Price: 290_000, ...over }, clock.now());
  const nextNonce = async () => (await getJson(url, `/api/v1/nextNonce?account_index=${A}&api_key_index=4`)).body.nonce;

  it('admin routes answer 401 without the admin token, or with a wrong one, and change nothing', async () => {
    const before = sim.admin.state().accounts.length;
    const bare = await fetch(`${url}/admin/accounts`, { method: 'POST', body: JSON.stringify({ collateral: '1' }), headers: { 'content-type': 'application/json' } });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ code: 20001, message: expect.stringContaining('Authorization: Bearer') });
    expect((await adminJson(url, 'POST', '/admin/faults', { drop_ws: true }, 'wrong-token-wrong-token')).status).toBe(401);
    expect((await getJson(url, '/admin/state')).status).toBe(401);
    expect((await getJson(url, '/admin/state', { authorization: TEST_ADMIN_TOKEN })).status).toBe(401);
    expect(sim.admin.state().accounts.length).toBe(before);
    expect((await getJson(url, '/admin/state', { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(200);
  });

  it('opens and funds accounts and reports state', async () => {
    const created = await adminJson(url, 'POST', '/admin/accounts', { collateral: '250.5' });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ account_index: A + 1, l1_address: expect.stringMatching(/^0x[0-9a-f]{40}$/) });
    const chosen = await adminJson(url, 'POST', '/admin/accounts', { l1_address: '0x15f43D1f2DeE81424aFd891943262aa90F22cc2A' });
    expect(chosen.body.l1_address).toBe('0x15f43D1f2DeE81424aFd891943262aa90F22cc2A');
    const acct = (await getJson(url, `/api/v1/account?by=index&value=${A + 1}`)).body.accounts[0];
    expect(acct.collateral).toBe('250.500000');
    expect(await adminJson(url, 'POST', `/admin/accounts/${A + 1}/collateral`, { amount: '-50.5' })).toEqual({ status: 200, body: { account_index: A + 1, collateral: '200.000000' } });
    expect((await adminJson(url, 'POST', '/admin/accounts/999/collateral', { amount: '1' })).body).toEqual({ code: 21100, message: 'account not found' });
    expect((await adminJson(url, 'POST', '/admin/accounts', { collateral: 12 })).body.code).toBe(20001);
    expect((await adminJson(url, 'POST', '/admin/accounts', { l1_address: 'nope' })).body.code).toBe(20001);
    const state = (await getJson(url, '/admin/state', { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).body;
    expect(Object.keys(state)).toEqual(['block_height', 'ws_connections', 'faults', 'accounts', 'markets']);
    expect(state.accounts.filter((a: { sim_maker: boolean }) => !a.sim_maker).map((a: { account_index: number }) => a.account_index)).toEqual([A, A + 1, A + 2]);
    expect(state.markets[0]).toMatchObject({ market_id: 0, symbol: 'ETH', status: 'active', mark_price: '3000.00', best_bid: '2999.40', best_ask: '3000.60' });
    expect(sim.admin.state().accounts.find((a) => a.account_index === A + 1)?.collateral).toBe('200.000000');
    expect((await getJson(url, '/admin/nope', { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(404);
  });

  it('sets a market mid: the ladders re-quote around it', async () => {
    expect(await adminJson(url, 'POST', '/admin/mid', { market_id: 0, price: '3500' })).toEqual({ status: 200, body: { market_id: 0, mid: '3500.00' } });
    const book = (await getJson(url, '/api/v1/orderBookOrders?market_id=0&limit=1')).body;
    expect(book.bids[0].price).toBe('3499.30');
    expect(book.asks[0].price).toBe('3500.70');
    expect((await adminJson(url, 'POST', '/admin/mid', { market_id: 99, price: '1' })).body.code).toBe(21602);
    expect((await adminJson(url, 'POST', '/admin/mid', { market_id: 0, price: '-1' })).body.code).toBe(20001);
  });

  it('reject_orders: the next N CreateOrder txs get the given error (no nonce consumed)', async () => {
    const armed = await adminJson(url, 'POST', '/admin/faults', { reject_orders: { count: 2, code: 21739 } });
    expect(armed.body.faults.reject_orders).toEqual({ remaining: 2, code: 21739, message: 'not enough margin to create the order' });
    expect(await postTx(url, 14, order(0))).toEqual({ status: 400, body: { code: 21739, message: 'not enough margin to create the order' } });
    expect((await postTx(url, 14, order(0))).body.code).toBe(21739);
    expect((await postTx(url, 14, order(0))).status).toBe(200);
    sim.admin.setFaults({ reject_orders: { count: 1, code: 21706, message: 'custom' } });
    expect((await postTx(url, 14, order(1))).body).toEqual({ code: 21706, message: 'custom' });
    expect(await nextNonce()).toBe(1);
  });

  it('invalid_nonce: the next N txs get 21104 and the nonce stays', async () => {
    await adminJson(url, 'POST', '/admin/faults', { invalid_nonce: { count: 1 } });
    expect((await postTx(url, 14, order(0))).body).toEqual({ code: 21104, message: 'invalid nonce' });
    expect(await nextNonce()).toBe(0);
    expect((await postTx(url, 14, order(0))).status).toBe(200);
  });

  it('rate_limit: a burst of N answers 429 / 23000 (REST and WS sendtx)', async () => {
    await adminJson(url, 'POST', '/admin/faults', { rate_limit: { count: 2 } });
    expect(await getJson(url, '/api/v1/orderBookDetails')).toEqual({ status: 429, body: { code: 23000, message: 'Too Many Requests!' } });
    const ws = await WsProbe.open(sim.wsUrl);
    ws.send({ type: 'jsonapi/sendtx', data: { id: 'x', tx_type: 14, tx_info: order(0) } });
    expect((await ws.next((m) => m.id === 'x')).error).toEqual({ code: 23000, message: 'Too Many Requests!' });
    expect((await getJson(url, '/api/v1/orderBookDetails')).status).toBe(200);
    ws.close();
  });

  it('drop_ws: every WebSocket connection is closed at once', async () => {
    const a = await WsProbe.open(sim.wsUrl);
    const b = await WsProbe.open(sim.wsUrl);
    expect(sim.admin.state().ws_connections).toBe(2);
    await adminJson(url, 'POST', '/admin/faults', { drop_ws: true });
    await expect(a.next(() => false, 1000)).rejects.toThrow(/closed: true/);
    await expect(b.next(() => false, 1000)).rejects.toThrow(/closed: true/);
    expect(sim.admin.state().ws_connections).toBe(0);
  });

  it('ack_delay_ms: the answer comes later, the order executes at once', async () => {
    await adminJson(url, 'POST', '/admin/faults', { ack_delay_ms: 500 });
    let settled = false;
    const pending = postTx(url, 14, order(0, { ClientOrderIndex: 3 })).then((r) => {
      settled = true;
      return r;
    });
    for (let i = 0; i < 100 && sim.admin.state().accounts.find((x) => x.account_index === A)!.open_orders === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(sim.admin.state().accounts.find((x) => x.account_index === A)!.open_orders).toBe(1);
    expect(settled).toBe(false);
    clock.advance(500);
    expect((await pending).status).toBe(200);
  });

  it('fill_fraction: a crossing order fills only that fraction, the rest is cancelled', async () => {
    await adminJson(url, 'POST', '/admin/faults', { fill_fraction: 0.5 });
    await postTx(url, 14, order(0, { ClientOrderIndex: 9, Type: 1, TimeInForce: 0, OrderExpiry: 0, Price: 310_000, BaseAmount: 1000 }));
    const inactive = (await getJson(url, `/api/v1/accountInactiveOrders?account_index=${A}&limit=5`, { Authorization: authToken(A, clock.now()) })).body.orders;
    expect(inactive[0]).toMatchObject({ client_order_index: 9, status: 'canceled-not-enough-liquidity', filled_base_amount: '0.0500' });
  });

  it('GET /admin/trades lists the trades of user accounts (the venue\'s record), not those between the sim\'s makers', async () => {
    expect((await getJson(url, '/admin/trades', { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).body).toEqual({ trades: [] });
    await postTx(url, 14, order(0, { ClientOrderIndex: 5, Type: 1, TimeInForce: 0, OrderExpiry: 0, Price: 310_000, BaseAmount: 1000 }));
    const trades = (await getJson(url, '/admin/trades', { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).body.trades;
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.every((t: { bid_account_id: number; ask_account_id: number }) => t.bid_account_id === A || t.ask_account_id === A)).toBe(true);
    const bought = trades.reduce((sum: number, t: { size: string }) => sum + Number(t.size), 0);
    expect(bought.toFixed(4)).toBe(sim.admin.state().accounts.find((x) => x.account_index === A)!.positions[0]!.size);
    expect(sim.admin.userTrades().map((t) => t.trade_id)).toEqual(trades.map((t: { trade_id: number }) => t.trade_id));
  });

  it('DELETE /admin/faults disarms everything; bad fault bodies are refused', async () => {
    await adminJson(url, 'POST', '/admin/faults', { invalid_nonce: { count: 5 }, ack_delay_ms: 100, fill_fraction: 0.2 });
    const cleared = await adminJson(url, 'DELETE', '/admin/faults');
    expect(cleared.body.faults).toEqual({ reject_orders: null, invalid_nonce: 0, rate_limit: 0, ack_delay_ms: 0, fill_fraction: null });
    expect((await postTx(url, 14, order(0))).status).toBe(200);
    expect((await adminJson(url, 'POST', '/admin/faults', { fill_fraction: 2 })).body.code).toBe(20001);
    expect((await adminJson(url, 'POST', '/admin/faults', { explode: true })).body.code).toBe(20001);
  });
});
