import { FormData, fetch } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualSimClock } from '../engine/sim-clock';
import { startLighterSim, type RunningLighterSim } from './lighter-sim';
import { authToken, createOrderInfo, getJson, postBatch, postTx, startTestSim, txEnvelope } from './testing';

const SEND_TX_MESSAGE = '{"ratelimit": "didn\'t use volume quota"}';

describe('Lighter simulator sendTx / sendTxBatch', () => {
  let clock: ManualSimClock, sim: RunningLighterSim, url: string, A: number, B: number;
  beforeEach(async () => {
    ({ clock, sim, url, A } = await startTestSim({ seed: 1 }));
    B = sim.accounts[1]!;
  });
  afterEach(() => sim.close());

  const order = (fields: Parameters<typeof createOrderInfo>[0]) => createOrderInfo(fields, clock.now());
  const nonce = async (account = A) => (await getJson(url, `/api/v1/nextNonce?account_index=${account}&api_key_index=4`)).body.nonce;
  const orders = async (kind: 'Active' | 'Inactive', account = A) =>
    (await getJson(url, `/api/v1/account${kind}Orders?account_index=${account}&limit=50`, { Authorization: authToken(account, clock.now()) })).body.orders;

  it('accepts a valid order with Lighter’s success body and consumes the nonce', async () => {
    const r = await postTx(url, 14, order({ AccountIndex: A, Nonce: 0 }));
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['code', 'message', 'tx_hash', 'predicted_execution_time_ms']);
    expect(r.body).toMatchObject({ code: 200, message: SEND_TX_MESSAGE, tx_hash: expect.stringMatching(/^[0-9a-f]{64}$/), predicted_execution_time_ms: clock.now() });
    expect(await nonce()).toBe(1);
    expect((await orders('Active'))[0]).toMatchObject({ status: 'open', nonce: 0 });
  });

  it('parses the multipart body with a real form parser (and refuses non-forms)', async () => {
    const form = new FormData();
    form.append('tx_type', '14');
    form.append('tx_info', JSON.stringify(order({ AccountIndex: A, Nonce: 0 })));
    form.append('price_protection', 'true');
    expect((await fetch(`${url}/api/v1/sendTx`, { method: 'POST', body: form })).status).toBe(200);
    const bad = await fetch(`${url}/api/v1/sendTx`, { method: 'POST', body: 'garbage', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(await bad.json()).toEqual({ code: 20001, message: 'invalid param: expected a multipart/form-data body' });
    const missing = new FormData();
    missing.append('tx_type', '14');
    expect(await (await fetch(`${url}/api/v1/sendTx`, { method: 'POST', body: missing })).json()).toEqual({ code: 20001, message: 'invalid param: tx_info' });
  });

  it('21104: a nonce other than the next one is refused and consumes nothing; skip-nonce allows a larger one', async () => {
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 1 }))).body).toEqual({ code: 21104, message: 'invalid nonce' });
    expect(await nonce()).toBe(0);
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0 }))).status).toBe(200);
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0 }))).body.code).toBe(21104);
    expect((await postTx(url, 14, { ...order({ AccountIndex: A, Nonce: 9 }), L2TxAttributes: { '4': 1 } })).status).toBe(200);
    expect(await nonce()).toBe(10);
    expect(await nonce(B)).toBe(0);
  });

  it('refuses txs of unknown accounts, expired txs and order expiries outside 5 min – 30 days', async () => {
    expect((await postTx(url, 14, order({ AccountIndex: 4242, Nonce: 0 }))).body).toEqual({ code: 21100, message: 'account not found' });
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, ExpiredAt: clock.now() }))).body).toEqual({ code: 21711, message: 'invalid expiry' });
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, OrderExpiry: clock.now() + 60_000 }))).body.code).toBe(21711);
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, OrderExpiry: clock.now() + 31 * 86_400_000 }))).body.code).toBe(21711);
  });

  it('checks scaling and market limits: 21602, 21701, 21702, 21706', async () => {
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, MarketIndex: 200 }))).body).toEqual({ code: 21602, message: 'invalid market index' });
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, BaseAmount: 0 }))).body).toEqual({ code: 21701, message: 'invalid base amount' });
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, Price: 2 ** 32 }))).body).toEqual({ code: 21702, message: 'invalid price' });
    // 0.0049 ETH < min_base_amount 0.0050
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, BaseAmount: 49 }))).body).toEqual({ code: 21706, message: 'invalid order base or quote amount' });
    // 0.0050 ETH at 1000 = 5 USDC < min_quote_amount 10
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, BaseAmount: 50, Price: 100_000 }))).body.code).toBe(21706);
    expect(await nonce()).toBe(0);
  });

  it('pre-checks state: 21739 not enough margin, 21732 reduce-only increases, 21728 duplicate client order index', async () => {
    // 10,000 USDC at 5 % IMF carries 200,000 USDC: 70 ETH at 3000 is too much
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, BaseAmount: 700_000, Price: 290_000 }))).body).toEqual({ code: 21739, message: 'not enough margin to create the order' });
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, ReduceOnly: 1 }))).body).toEqual({ code: 21732, message: 'reduce only increases position' });
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, ClientOrderIndex: 5, Price: 290_000 }))).status).toBe(200);
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 1, ClientOrderIndex: 5, Price: 280_000 }))).body).toEqual({ code: 21728, message: 'client order index already exists' });
  });

  it('reports order outcomes as statuses, not errors: post-only cross, IOC remainder, market fill, reduce-only, self-trade', async () => {
    const now = clock.now();
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, ClientOrderIndex: 1, TimeInForce: 2, Price: 310_000 }))).status).toBe(200);
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 1, ClientOrderIndex: 2, TimeInForce: 0, OrderExpiry: 0, Price: 290_000 }))).status).toBe(200);
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 2, ClientOrderIndex: 3, Type: 1, TimeInForce: 0, OrderExpiry: 0, Price: 310_000, BaseAmount: 500 }))).status).toBe(200);
    // sell more than the 0.05 long, reduce-only, at a crossing price: 0.05 fills, the rest is cancelled
    expect((await postTx(url, 14, order({ AccountIndex: A, Nonce: 3, ClientOrderIndex: 4, IsAsk: 1, ReduceOnly: 1, TimeInForce: 0, OrderExpiry: 0, Price: 290_000, BaseAmount: 1000 }))).status).toBe(200);
    const byClient = Object.fromEntries((await orders('Inactive')).map((o: { client_order_index: number }) => [o.client_order_index, o]));
    expect(byClient[1]).toMatchObject({ status: 'canceled-post-only', filled_base_amount: '0.0000', time_in_force: 'post-only' });
    expect(byClient[2]).toMatchObject({ status: 'canceled-too-much-slippage', time_in_force: 'immediate-or-cancel', order_expiry: 0 });
    expect(byClient[3]).toMatchObject({ status: 'filled', type: 'market', filled_base_amount: '0.0500', filled_quote_amount: '150.030000' });
    expect(byClient[4]).toMatchObject({ status: 'canceled-reduce-only', filled_base_amount: '0.0500', reduce_only: true });
    // self-trade: B's resting ask is expired when B's own bid crosses it
    await postTx(url, 14, order({ AccountIndex: B, Nonce: 0, ClientOrderIndex: 7, IsAsk: 1, Price: 300_000, BaseAmount: 100 }));
    await postTx(url, 14, order({ AccountIndex: B, Nonce: 1, ClientOrderIndex: 8, TimeInForce: 0, OrderExpiry: 0, Price: 300_000, BaseAmount: 100 }));
    const bOrders = Object.fromEntries((await orders('Inactive', B)).map((o: { client_order_index: number; status: string }) => [o.client_order_index, o.status]));
    expect(bOrders[7]).toBe('canceled-self-trade');
    expect(now).toBe(clock.now());
  });

  it('cancels by client or exchange index (21600 when not resting), modifies, cancels all', async () => {
    const env = (n: number) => txEnvelope(A, n, clock.now());
    await postTx(url, 14, order({ AccountIndex: A, Nonce: 0, ClientOrderIndex: 21, Price: 290_000 }));
    await postTx(url, 14, order({ AccountIndex: A, Nonce: 1, ClientOrderIndex: 22, Price: 289_000 }));
    await postTx(url, 14, order({ AccountIndex: A, Nonce: 2, ClientOrderIndex: 23, MarketIndex: 1, BaseAmount: 20, Price: 950_000 })); // 0.0002 BTC at 95,000
    const active = await orders('Active');
    expect(active).toHaveLength(3);
    expect((await postTx(url, 15, { ...env(3), MarketIndex: 0, Index: 99 })).body).toEqual({ code: 21600, message: 'given order is not an active limit order' });
    expect((await postTx(url, 15, { ...env(3), MarketIndex: 0, Index: 21 })).status).toBe(200);
    const idx22 = active.find((o: { client_order_index: number }) => o.client_order_index === 22).order_index;
    expect((await postTx(url, 17, { ...env(4), MarketIndex: 0, Index: idx22, BaseAmount: 2000, Price: 288_500, TriggerPrice: 0 })).status).toBe(200);
    expect((await orders('Active')).find((o: { client_order_index: number }) => o.client_order_index === 22)).toMatchObject({ price: '2885.00', remaining_base_amount: '0.2000' });
    expect((await postTx(url, 15, { ...txEnvelope(B, 0, clock.now()), MarketIndex: 0, Index: idx22 })).body.code).toBe(21707);
    expect((await postTx(url, 16, { ...env(5), TimeInForce: 0, Time: 0, L2TxAttributes: { '5': 0 } })).status).toBe(200);
    expect((await orders('Active')).map((o: { market_index: number }) => o.market_index)).toEqual([1]);
    expect((await postTx(url, 16, { ...env(6), TimeInForce: 0, Time: 0 })).status).toBe(200);
    expect(await orders('Active')).toEqual([]);
  });

  it('schedules a cancel-all (dead man’s switch) and runs it when due', async () => {
    const clock = new ManualSimClock(); // its own: advancing it must not step the main sim's liquidity
    const quiet = await startLighterSim({ clock, accounts: 1, liquidity: false });
    try {
      const account = quiet.accounts[0]!;
      await postTx(quiet.url, 14, createOrderInfo({ AccountIndex: account, Nonce: 0, Price: 290_000 }, clock.now()));
      const at = clock.now() + 10 * 60_000;
      expect((await postTx(quiet.url, 16, { ...txEnvelope(account, 1, clock.now()), TimeInForce: 1, Time: clock.now() + 1000 })).body.code).toBe(21714);
      expect((await postTx(quiet.url, 16, { ...txEnvelope(account, 1, clock.now()), TimeInForce: 1, Time: at })).status).toBe(200);
      expect((await getJson(quiet.url, `/api/v1/account?by=index&value=${account}`)).body.accounts[0].cancel_all_time).toBe(at);
      expect(quiet.admin.state().accounts.find((a) => a.account_index === account)!.open_orders).toBe(1);
      clock.advance(10 * 60_000);
      expect(quiet.admin.state().accounts.find((a) => a.account_index === account)!.open_orders).toBe(0);
    } finally {
      await quiet.close();
    }
  });

  it('updates leverage (initial margin fraction ≥ the market minimum, cross only)', async () => {
    const env = txEnvelope(A, 0, clock.now());
    expect((await postTx(url, 20, { ...env, MarketIndex: 0, InitialMarginFraction: 100, MarginMode: 0 })).body.code).toBe(21113);
    expect((await postTx(url, 20, { ...env, MarketIndex: 0, InitialMarginFraction: 1000, MarginMode: 1 })).body.code).toBe(21613);
    expect((await postTx(url, 20, { ...env, MarketIndex: 0, InitialMarginFraction: 1000, MarginMode: 0 })).status).toBe(200);
    await postTx(url, 14, order({ AccountIndex: A, Nonce: 1, Type: 1, TimeInForce: 0, OrderExpiry: 0, Price: 310_000, BaseAmount: 500 }));
    const pos = (await getJson(url, `/api/v1/account?by=index&value=${A}`)).body.accounts[0].positions[0];
    expect(pos.initial_margin_fraction).toBe('10.00');
  });

  it('batches: all-or-nothing validation, 21105 for a non-increasing nonce, 21121 for mixed owners, 21513 for lengths', async () => {
    const ok = await postBatch(url, [14, 14], [order({ AccountIndex: A, Nonce: 0, Price: 290_000 }), order({ AccountIndex: A, Nonce: 1, Price: 289_000 })]);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: 200, message: SEND_TX_MESSAGE, tx_hash: [expect.any(String), expect.any(String)] });
    const gap = await postBatch(url, [14, 14], [order({ AccountIndex: A, Nonce: 2 }), order({ AccountIndex: A, Nonce: 2 })]);
    expect(gap.body).toEqual({ code: 21105, message: 'batch transaction nonce is not increasing' });
    const bad = await postBatch(url, [14, 14], [order({ AccountIndex: A, Nonce: 2 }), order({ AccountIndex: A, Nonce: 3, BaseAmount: 1 })]);
    expect(bad.body.code).toBe(21706);
    expect(await nonce()).toBe(2);
    expect((await postBatch(url, [14, 14], [order({ AccountIndex: A, Nonce: 2 }), order({ AccountIndex: B, Nonce: 0 })])).body.code).toBe(21121);
    const form = new FormData();
    form.append('tx_types', '[14]');
    form.append('tx_infos', '[]');
    expect(await (await fetch(`${url}/api/v1/sendTxBatch`, { method: 'POST', body: form })).json()).toEqual({ code: 21513, message: 'TxInfos and TxTypes should have the same length' });
    // create and cancel the same client order index in one batch
    const both = await postBatch(url, [14, 15], [order({ AccountIndex: A, Nonce: 2, ClientOrderIndex: 77, Price: 280_000 }), { ...txEnvelope(A, 3, clock.now()), MarketIndex: 0, Index: 77 }]);
    expect(both.status).toBe(200);
    expect((await orders('Inactive')).find((o: { client_order_index: number }) => o.client_order_index === 77).status).toBe('canceled');
  });

  it('rate limits like the standard tier: HTTP 429 with code 23000', async () => {
    const clock = new ManualSimClock();
    const limited = await startLighterSim({ clock, accounts: 1, liquidity: false, rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const account = limited.accounts[0]!;
      for (let i = 0; i < 3; i++) expect((await getJson(limited.url, `/api/v1/nextNonce?account_index=${account}&api_key_index=4`)).status).toBe(200);
      expect(await getJson(limited.url, `/api/v1/nextNonce?account_index=${account}&api_key_index=4`)).toEqual({ status: 429, body: { code: 23000, message: 'Too Many Requests!' } });
      expect((await postTx(limited.url, 14, createOrderInfo({ AccountIndex: account, Nonce: 0 }, clock.now()))).status).toBe(429);
      expect((await getJson(limited.url, '/api/v1/orderBookDetails')).status).toBe(200); // another key (the IP)
      clock.advance(60_001);
      expect((await getJson(limited.url, `/api/v1/nextNonce?account_index=${account}&api_key_index=4`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
