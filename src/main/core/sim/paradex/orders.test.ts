import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, login, openTestAccount, settle, signedModify, signedOrder, startTestSim, type TestOrder, type TestSim } from './testing';

describe('Paradex sim orders', () => {
  let t: TestSim;
  let jwt: string;
  const place = async (order: TestOrder, signer?: string) => call(t.url, 'POST', '/v1/orders', jwt, signedOrder(t.A, order, t.clock.now(), signer));
  const get = async (id: string) => (await call(t.url, 'GET', `/v1/orders/${id}`, jwt)).body;
  const bbo = async () => (await call(t.url, 'GET', '/v1/bbo/ETH-USD-PERP')).body as { bid: string; ask: string };

  beforeEach(async () => {
    t = await startTestSim({ seed: 4 });
    jwt = await login(t.url, t.A, t.clock.now());
  });
  afterEach(() => t.sim.close());

  it('refuses a signature by another key (INVALID_ORDER_SIGNATURE) and bad fields with the field named', async () => {
    const other = openTestAccount(t.sim, 'intruder');
    const forged = await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2900' }, other.privateKey);
    expect(forged).toMatchObject({ status: 400, body: { error: 'INVALID_ORDER_SIGNATURE', data: null } });
    const tampered = signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2900' }, t.clock.now());
    expect((await call(t.url, 'POST', '/v1/orders', jwt, { ...tampered, size: '0.2' })).body.error).toBe('INVALID_ORDER_SIGNATURE');
    expect((await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.0005', price: '2900' })).body).toMatchObject({ error: 'INVALID_ORDER_SIZE' });
    expect((await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2900.005' })).body).toMatchObject({ error: 'INVALID_PRICE_PRECISION' });
    const huge = await call(t.url, 'POST', '/v1/orders', jwt, { ...tampered, price: `1${'0'.repeat(80)}` });
    expect(huge).toMatchObject({ status: 400, body: { error: 'VALIDATION_ERROR' } });
    const missing = await call(t.url, 'POST', '/v1/orders', jwt, { ...tampered, side: 'LONG' });
    expect(missing.body).toMatchObject({ error: 'VALIDATION_ERROR' });
    expect(missing.body.message).toContain('side');
    expect((await call(t.url, 'GET', '/v1/orders', jwt)).body.results).toEqual([]);
  });

  it('post-only crossing closes with POST_ONLY_WOULD_CROSS; below min notional closes with ORDER_SIZE_BELOW_MIN', async () => {
    const { ask } = await bbo();
    const po = await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: ask, instruction: 'POST_ONLY' });
    expect(po.status).toBe(201);
    await settle();
    expect(await get(po.body.id)).toMatchObject({ status: 'CLOSED', cancel_reason: 'POST_ONLY_WOULD_CROSS', remaining_size: '0.1', instruction: 'POST_ONLY' });
    const tiny = await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.01', price: '2900' });
    await settle();
    expect(await get(tiny.body.id)).toMatchObject({ status: 'CLOSED', cancel_reason: 'ORDER_SIZE_BELOW_MIN' });
  });

  it('reduce-only: refused when flat; closes a position of exactly its size even below min notional', async () => {
    const flat = await place({ market: 'ETH-USD-PERP', side: 'SELL', type: 'MARKET', size: '0.1', price: undefined, flags: ['REDUCE_ONLY'] });
    await settle();
    expect(await get(flat.body.id)).toMatchObject({ status: 'CLOSED', cancel_reason: 'REDUCE_ONLY_WOULD_INCREASE', flags: ['REDUCE_ONLY'] });
    await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.04', price: undefined });
    await settle();
    expect(t.sim.admin.account(t.A.address).positions).toEqual([expect.objectContaining({ market: 'ETH-USD-PERP', size: '0.04' })]);
    const close = await place({ market: 'ETH-USD-PERP', side: 'SELL', type: 'MARKET', size: '0.04', price: undefined, flags: ['REDUCE_ONLY'] });
    await settle();
    expect(await get(close.body.id)).toMatchObject({ status: 'CLOSED', cancel_reason: '', remaining_size: '0' });
    expect(t.sim.admin.account(t.A.address).positions[0]!.size).toBe('0');
    const positions = (await call(t.url, 'GET', '/v1/positions', jwt)).body.results;
    expect(positions[0]).toMatchObject({ status: 'CLOSED', size: '0' });
  });

  it('a resting order is cancelled (204, then CLOSED USER_CANCELED); cancel by client id, batch and cancel-all', async () => {
    const a = await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2800', client_id: 'a' });
    const b = await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2801', client_id: 'b' });
    const c = await place({ market: 'BTC-USD-PERP', side: 'SELL', type: 'LIMIT', size: '0.01', price: '110000', client_id: 'c' });
    const d = await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2802', client_id: 'd' });
    await settle();
    expect((await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2803', client_id: 'a' })).body.error).toBe('DUPLICATED_CLIENT_ID');
    const del = await call(t.url, 'DELETE', `/v1/orders/${a.body.id}`, jwt);
    expect(del.status).toBe(204);
    expect(await get(a.body.id)).toMatchObject({ status: 'CLOSED', cancel_reason: 'USER_CANCELED' });
    expect((await call(t.url, 'DELETE', `/v1/orders/${a.body.id}`, jwt)).body.error).toBe('ORDER_IS_CLOSED');
    expect((await call(t.url, 'DELETE', '/v1/orders/by_client_id/b', jwt)).status).toBe(204);
    expect(await get(b.body.id)).toMatchObject({ status: 'CLOSED', cancel_reason: 'USER_CANCELED', client_id: 'b' });
    const batch = await call(t.url, 'DELETE', '/v1/orders/batch', jwt, { order_ids: [c.body.id, a.body.id, '42'] });
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(['QUEUED_FOR_CANCELLATION', 'ALREADY_CLOSED', 'NOT_FOUND']);
    expect((await call(t.url, 'DELETE', '/v1/orders?market=ETH-USD-PERP', jwt)).status).toBe(200);
    expect(await get(d.body.id)).toMatchObject({ status: 'CLOSED', cancel_reason: 'USER_CANCELED' });
    expect((await call(t.url, 'GET', '/v1/orders', jwt)).body.results).toEqual([]);
    const history = await call(t.url, 'GET', '/v1/orders-history?page_size=2', jwt);
    expect(history.body.results).toHaveLength(2);
    expect(history.body.next).not.toBeNull();
  });

  it('a batch of orders is accepted together (201 {orders, errors}) or refused together', async () => {
    const now = t.clock.now();
    const ok = signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2800' }, now);
    const bad = { ...signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2801' }, now), price: '2802' };
    const refused = await call(t.url, 'POST', '/v1/orders/batch', jwt, [ok, bad]);
    expect(refused.body).toMatchObject({ error: 'INVALID_ORDER_SIGNATURE' });
    expect(refused.body.message).toContain('[1].signature');
    const accepted = await call(t.url, 'POST', '/v1/orders/batch', jwt, [ok, signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'SELL', type: 'LIMIT', size: '0.1', price: '3200' }, now)]);
    expect(accepted.status).toBe(201);
    expect(accepted.body.orders.map((o: { status: string }) => o.status)).toEqual(['NEW', 'NEW']);
    await settle();
    expect((await call(t.url, 'GET', '/v1/orders', jwt)).body.results).toHaveLength(2);
  });

  it('a resting limit the price moves through fills as maker; margin shortfall closes with NOT_ENOUGH_MARGIN', async () => {
    const rest = await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2950' });
    await settle();
    t.sim.admin.setMid('ETH-USD-PERP', '2900');
    expect(await get(rest.body.id)).toMatchObject({ status: 'CLOSED', cancel_reason: '', avg_fill_price: '2950' });
    const fills = (await call(t.url, 'GET', '/v1/fills', jwt)).body.results;
    expect(fills[0]).toMatchObject({ liquidity: 'MAKER', price: '2950', size: '0.1', order_id: rest.body.id, fee: '0' });
    const poor = openTestAccount(t.sim, 'poor', '50');
    const poorJwt = await login(t.url, poor, t.clock.now());
    const big = await call(t.url, 'POST', '/v1/orders', poorJwt, signedOrder(poor, { market: 'ETH-USD-PERP', side: 'BUY', type: 'MARKET', size: '2', price: undefined }, t.clock.now()));
    expect(big.status).toBe(201);
    await settle();
    expect((await call(t.url, 'GET', `/v1/orders/${big.body.id}`, poorJwt)).body).toMatchObject({ status: 'CLOSED', cancel_reason: 'NOT_ENOUGH_MARGIN' });
  });

  it('modifies a resting order with a ModifyOrder signature (PUT /v1/orders/{id}); a wrong signature is refused', async () => {
    const o = await place({ market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2800' });
    await settle();
    const change = { market: 'ETH-USD-PERP', side: 'BUY' as const, type: 'LIMIT', size: '0.2', price: '2810' };
    const forged = signedModify(t.A, o.body.id, change, t.clock.now(), openTestAccount(t.sim, 'other').privateKey);
    expect((await call(t.url, 'PUT', `/v1/orders/${o.body.id}`, jwt, forged)).body.error).toBe('INVALID_ORDER_SIGNATURE');
    const plainOrderSig = { ...signedOrder(t.A, change, t.clock.now()), id: o.body.id };
    expect((await call(t.url, 'PUT', `/v1/orders/${o.body.id}`, jwt, plainOrderSig)).body.error).toBe('INVALID_ORDER_SIGNATURE');
    const modified = await call(t.url, 'PUT', `/v1/orders/${o.body.id}`, jwt, signedModify(t.A, o.body.id, change, t.clock.now()));
    expect(modified).toMatchObject({ status: 200, body: { id: o.body.id, status: 'OPEN', size: '0.2', remaining_size: '0.2', price: '2810' } });
    const book = (await call(t.url, 'GET', '/v1/orderbook/ETH-USD-PERP?depth=500')).body;
    expect(book.bids).toContainEqual(['2810', '0.2']);
  });

  it('an order that would take the position beyond position_limit closes with ORDER_EXCEEDS_POSITION_LIMIT; unknown routes are 404', async () => {
    t.sim.admin.deposit(t.A.address, '10000000');
    const big = await call(t.url, 'POST', '/v1/orders', jwt, signedOrder(t.A, { market: 'BTC-USD-PERP', side: 'SELL', type: 'LIMIT', size: '61', price: '120000' }, t.clock.now()));
    expect(big.status).toBe(201);
    await settle();
    expect(await get(big.body.id)).toMatchObject({ status: 'CLOSED', cancel_reason: 'ORDER_EXCEEDS_POSITION_LIMIT' });
    expect((await call(t.url, 'GET', '/v1/nothing-here', jwt)).status).toBe(404);
    expect((await call(t.url, 'GET', '/v1/nothing-here')).status).toBe(404);
  });
});
