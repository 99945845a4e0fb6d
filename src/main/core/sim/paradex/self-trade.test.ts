import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, login, settle, signedOrder, startTestSim, type TestSim } from './testing';

/** An order's `stp` (paradex.md §5: EXPIRE_MAKER, EXPIRE_TAKER — the default — EXPIRE_BOTH) decides a same-account cross. */
describe('Paradex sim self-trade prevention (stp)', () => {
  let t: TestSim;
  let jwt: string;
  beforeEach(async () => {
    t = await startTestSim({ seed: 3, liquidity: false });
    jwt = await login(t.url, t.A, t.clock.now());
  });
  afterEach(() => t.sim.close());

  async function cross(stp?: string): Promise<{ ask: Record<string, unknown>; bid: Record<string, unknown> }> {
    const ask = await call(t.url, 'POST', '/v1/orders', jwt, signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'SELL', type: 'LIMIT', size: '0.1', price: '3000' }, t.clock.now()));
    await settle();
    const body = signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '3000' }, t.clock.now());
    const bid = await call(t.url, 'POST', '/v1/orders', jwt, stp ? { ...body, stp } : body);
    await settle();
    const get = async (id: string) => (await call(t.url, 'GET', `/v1/orders/${id}`, jwt)).body as Record<string, unknown>;
    return { ask: await get(ask.body.id), bid: await get(bid.body.id) };
  }

  it('default EXPIRE_TAKER: the incoming order is closed SELF_TRADE, the resting one stays open', async () => {
    const { ask, bid } = await cross();
    expect(bid).toMatchObject({ status: 'CLOSED', cancel_reason: 'SELF_TRADE', stp: 'EXPIRE_TAKER' });
    expect(ask).toMatchObject({ status: 'OPEN' });
  });

  it('EXPIRE_MAKER closes the resting order; EXPIRE_BOTH closes both', async () => {
    const maker = await cross('EXPIRE_MAKER');
    expect(maker.ask).toMatchObject({ status: 'CLOSED', cancel_reason: 'SELF_TRADE' });
    expect(maker.bid).toMatchObject({ status: 'OPEN', stp: 'EXPIRE_MAKER' });
    await call(t.url, 'DELETE', '/v1/orders?market=ETH-USD-PERP', jwt);
    await settle();
    const both = await cross('EXPIRE_BOTH');
    expect(both.ask).toMatchObject({ status: 'CLOSED', cancel_reason: 'SELF_TRADE' });
    expect(both.bid).toMatchObject({ status: 'CLOSED', cancel_reason: 'SELF_TRADE' });
  });
});
