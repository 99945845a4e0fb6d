import Decimal from 'decimal.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualSimClock } from '../engine/sim-clock';
import { startLighterSim, type RunningLighterSim } from './lighter-sim';
import { authToken, createOrderInfo, getJson, postTx, startTestSim, WsProbe } from './testing';

type Level = { price: string; size: string };

describe('Lighter simulator WebSocket', () => {
  let clock: ManualSimClock, sim: RunningLighterSim, A: number, ws: WsProbe;
  beforeEach(async () => {
    ({ clock, sim, A } = await startTestSim({ seed: 3 }));
    ws = await WsProbe.open(sim.wsUrl);
  });
  afterEach(async () => {
    ws.close();
    await sim.close();
  });

  const order = (fields: Parameters<typeof createOrderInfo>[0]) => createOrderInfo(fields, clock.now());
  const marketBuy = (nonce: number, base = 500) => order({ AccountIndex: A, Nonce: nonce, BaseAmount: base, Price: 310_000, Type: 1, TimeInForce: 0, OrderExpiry: 0 });

  it('greets with connected/session_id, answers ping with pong, pings and drops idle connections', async () => {
    expect(ws.messages[0]).toEqual({ type: 'connected', session_id: expect.any(String) });
    ws.send({ type: 'ping' });
    expect(await ws.next((m) => m.type === 'pong')).toEqual({ type: 'pong' });
    const own = new ManualSimClock();
    const quiet = await startLighterSim({ clock: own, liquidity: false, pingIntervalMs: 1000, idleTimeoutMs: 2500 });
    try {
      const probe = await WsProbe.open(quiet.wsUrl);
      own.advance(1000);
      expect(await probe.next((m) => m.type === 'ping')).toEqual({ type: 'ping' });
      probe.send({ type: 'pong' });
      await new Promise((r) => setTimeout(r, 20));
      own.advance(2000); // 2 s after the pong: still alive
      await probe.next((m) => m.type === 'ping');
      own.advance(1000); // 3 s of silence > 2.5 s
      await expect(probe.next((m) => m.type === 'never', 1000)).rejects.toThrow(/closed: true/);
    } finally {
      await quiet.close();
    }
  });

  it('order_book: snapshot then deltas (absolute sizes, begin_nonce chain) rebuild exactly the REST book', async () => {
    ws.send({ type: 'subscribe', channel: 'order_book/0' });
    const snap = await ws.next((m) => m.type === 'subscribed/order_book');
    expect(Object.keys(snap)).toEqual(['channel', 'offset', 'order_book', 'timestamp', 'type']);
    expect(snap.channel).toBe('order_book:0');
    expect(Object.keys(snap.order_book)).toEqual(['code', 'asks', 'bids', 'offset', 'nonce', 'begin_nonce']);
    const book = { asks: new Map<string, string>(), bids: new Map<string, string>() };
    const apply = (levels: Level[], side: Map<string, string>) => {
      for (const l of levels) {
        if (new Decimal(l.size).isZero()) side.delete(l.price);
        else side.set(l.price, l.size);
      }
    };
    apply(snap.order_book.asks, book.asks);
    apply(snap.order_book.bids, book.bids);
    let nonce = snap.order_book.nonce;
    const nextDelta = async () => {
      const d = await ws.next((m) => m.type === 'update/order_book');
      expect(d.channel).toBe('order_book:0');
      expect(d.order_book.begin_nonce).toBe(nonce);
      expect(d.order_book.nonce).toBe(nonce + 1);
      expect(d.offset).toBe(d.order_book.offset);
      nonce = d.order_book.nonce;
      apply(d.order_book.asks, book.asks);
      apply(d.order_book.bids, book.bids);
      return d;
    };
    clock.advance(3000); // three ladder refreshes, coalesced into one delta
    const d1 = await nextDelta();
    expect(d1.order_book.asks.some((l: Level) => new Decimal(l.size).isZero())).toBe(true);
    await postTx(sim.url, 14, order({ AccountIndex: A, Nonce: 0, Price: 295_000, BaseAmount: 2000 })); // rests
    await nextDelta();
    await postTx(sim.url, 14, marketBuy(1, 1500)); // eats into the asks
    await nextDelta();
    const rest = (await getJson(sim.url, '/api/v1/orderBookOrders?market_id=0&limit=250')).body;
    const aggregate = (orders: { price: string; remaining_base_amount: string }[]) => {
      const m = new Map<string, Decimal>();
      for (const o of orders) m.set(o.price, (m.get(o.price) ?? new Decimal(0)).add(o.remaining_base_amount));
      return new Map([...m].map(([p, s]) => [p, s.toFixed(4)]));
    };
    expect(book.asks).toEqual(aggregate(rest.asks));
    expect(book.bids).toEqual(aggregate(rest.bids));
    expect(book.bids.get('2950.00')).toBe('0.2000');
  });

  it('trade, market_stats (string prices, numeric daily figures) and market_stats/all', async () => {
    ws.send({ type: 'subscribe', channel: 'trade/0' });
    ws.send({ type: 'subscribe', channel: 'market_stats/0' });
    ws.send({ type: 'subscribe', channel: 'market_stats/all' });
    const t0 = await ws.next((m) => m.type === 'subscribed/trade');
    expect(t0).toMatchObject({ channel: 'trade:0', trades: [], liquidation_trades: [], nonce: expect.any(Number) });
    const s0 = await ws.next((m) => m.type === 'subscribed/market_stats' && m.channel === 'market_stats:0');
    expect(Object.keys(s0.market_stats)).toEqual([
      'market_id', 'index_price', 'mark_price', 'open_interest', 'open_interest_limit', 'funding_clamp_small', 'funding_clamp_big', 'last_trade_price',
      'current_funding_rate', 'funding_rate', 'funding_timestamp', 'daily_base_token_volume', 'daily_quote_token_volume', 'daily_price_low',
      'daily_price_high', 'daily_price_change',
    ]);
    expect(s0.market_stats).toMatchObject({ market_id: 0, mark_price: '3000.00', funding_clamp_small: '0.0500', daily_base_token_volume: 0 });
    const all = await ws.next((m) => m.type === 'subscribed/market_stats' && m.channel === 'market_stats:all');
    expect(Object.keys(all.market_stats)).toContain('24');
    await postTx(sim.url, 14, marketBuy(0));
    const t1 = await ws.next((m) => m.type === 'update/trade');
    expect(t1.trades[0]).toMatchObject({ market_id: 0, size: '0.0500', price: '3000.60', bid_account_id: A, is_maker_ask: true });
    const s1 = await ws.next((m) => m.type === 'update/market_stats' && m.channel === 'market_stats:0');
    expect(s1.market_stats).toMatchObject({ last_trade_price: '3000.60', daily_base_token_volume: 0.05, daily_quote_token_volume: 150.03 });
    expect(typeof s1.market_stats.daily_price_high).toBe('number');
    await ws.next((m) => m.type === 'update/market_stats' && m.channel === 'market_stats:all');
  });

  it('account channels: auth where Lighter needs it, snapshots, then order / trade / position / stats updates', async () => {
    const now = clock.now();
    ws.send({ type: 'subscribe', channel: `account_all_orders/${A}` });
    expect(await ws.next((m) => m.error)).toEqual({ error: { code: 20001, message: 'invalid param: auth token required' } });
    ws.send({ type: 'subscribe', channel: `account_all_orders/${A}`, auth: authToken(sim.accounts[1]!, now) });
    expect((await ws.next((m) => m.error)).error.message).toMatch(/another account/);
    ws.send({ type: 'subscribe', channel: `account_all_orders/${A}`, auth: authToken(A, now) });
    ws.send({ type: 'subscribe', channel: `account_orders/0/${A}`, auth: authToken(A, now) });
    ws.send({ type: 'subscribe', channel: `account_all/${A}` });
    ws.send({ type: 'subscribe', channel: `account_all_trades/${A}` });
    ws.send({ type: 'subscribe', channel: `user_stats/${A}` });
    expect(await ws.next((m) => m.type === 'subscribed/account_all_orders')).toEqual({ channel: `account_all_orders:${A}`, orders: {}, type: 'subscribed/account_all_orders' });
    expect(await ws.next((m) => m.type === 'subscribed/account_orders')).toEqual({ account: A, channel: 'account_orders:0', nonce: expect.any(Number), orders: { '0': [] }, type: 'subscribed/account_orders' });
    const all0 = await ws.next((m) => m.type === 'subscribed/account_all');
    expect(all0).toMatchObject({ account: A, channel: `account_all:${A}`, positions: {}, trades: {}, total_trades_count: 0, funding_histories: {}, shares: [] });
    expect(await ws.next((m) => m.type === 'subscribed/account_all_trades')).toMatchObject({ channel: `account_all_trades:${A}`, trades: {}, total_volume: 0 });
    const stats0 = await ws.next((m) => m.type === 'subscribed/user_stats');
    expect(stats0.channel).toBe(`user_stats:${A}`);
    expect(Object.keys(stats0.stats)).toEqual(['collateral', 'portfolio_value', 'leverage', 'available_balance', 'margin_usage', 'buying_power', 'account_trading_mode', 'cross_stats', 'total_stats']);
    expect(stats0.stats).toMatchObject({ collateral: '10000.000000', portfolio_value: '10000.000000', leverage: '0.00' });

    await postTx(sim.url, 14, order({ AccountIndex: A, Nonce: 0, ClientOrderIndex: 5, Price: 290_000 }));
    const placed = await ws.next((m) => m.type === 'update/account_all_orders');
    expect(placed.orders['0'][0]).toMatchObject({ client_order_index: 5, status: 'open', owner_account_index: A });
    expect((await ws.next((m) => m.type === 'update/account_orders')).orders['0'][0].client_order_index).toBe(5);

    await postTx(sim.url, 14, marketBuy(1));
    const filled = await ws.next((m) => m.type === 'update/account_all_orders' && m.orders['0'][0].status === 'filled');
    expect(filled.orders['0'][0]).toMatchObject({ type: 'market', filled_base_amount: '0.0500' });
    const mine = await ws.next((m) => m.type === 'update/account_all_trades');
    expect(mine.trades['0'][0]).toMatchObject({ bid_account_id: A, size: '0.0500' });
    const acct = await ws.next((m) => m.type === 'update/account_all' && Object.keys(m.positions).length > 0 && Object.keys(m.trades).length > 0);
    expect(acct.positions['0']).toMatchObject({ market_id: 0, sign: 1, position: '0.0500', avg_entry_price: '3000.60', open_order_count: 1 });
    const stats = await ws.next((m) => m.type === 'update/user_stats' && m.stats.leverage !== '0.00');
    expect(stats.stats.portfolio_value).toBe('9999.970000');

    ws.send({ type: 'unsubscribe', channel: `account_orders/0/${A}` });
    expect(await ws.next((m) => m.type === 'unsubscribed')).toEqual({ type: 'unsubscribed', channel: 'account_orders:0' });
  });

  it('answers bad requests with Lighter WS errors', async () => {
    ws.send({ type: 'subscribe', channel: 'order_book/999' });
    expect(await ws.next((m) => m.error)).toEqual({ error: { code: 30005, message: 'Invalid Channel: order_book/999' } });
    ws.send({ type: 'subscribe', channel: 'nonsense' });
    expect((await ws.next((m) => m.error)).error.code).toBe(30005);
    ws.send({ type: 'unsubscribe', channel: 'trade/0' });
    expect((await ws.next((m) => m.error)).error.code).toBe(30002);
    ws.send({ type: 'subscribe', channel: 'trade/0' });
    ws.send({ type: 'subscribe', channel: 'trade/0' });
    expect((await ws.next((m) => m.error)).error.code).toBe(30003);
    ws.send({ type: 'whatever' });
    expect((await ws.next((m) => m.error)).error).toEqual({ code: 30001, message: 'Invalid Type' });
    ws.send({ type: 'subscribe', channel: `account_all/${A}`, auth: 'garbage' });
    expect((await ws.next((m) => m.error)).error.message).toMatch(/malformed/);
  });

  it('jsonapi/sendtx (decoded tx_info) and jsonapi/sendtxbatch (JSON-encoded strings) echo the id', async () => {
    ws.send({ type: 'jsonapi/sendtx', data: { id: '17', tx_type: 14, tx_info: order({ AccountIndex: A, Nonce: 0, Price: 290_000 }) } });
    expect(await ws.next((m) => m.id === '17')).toEqual({
      code: 200,
      id: '17',
      predicted_execution_time_ms: clock.now(),
      tx_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      type: 'jsonapi/sendtx',
    });
    ws.send({ type: 'jsonapi/sendtx', data: { id: '18', tx_type: 14, tx_info: order({ AccountIndex: A, Nonce: 0 }) } });
    expect(await ws.next((m) => m.id === '18')).toEqual({ error: { code: 21104, message: 'invalid nonce' }, id: '18', type: 'jsonapi/sendtx' });
    const infos = [order({ AccountIndex: A, Nonce: 1, Price: 289_000 }), order({ AccountIndex: A, Nonce: 2, Price: 288_000 })].map((i) => JSON.stringify(i));
    ws.send({ type: 'jsonapi/sendtxbatch', data: { id: '19', tx_types: '[14,14]', tx_infos: JSON.stringify(infos) } });
    expect((await ws.next((m) => m.id === '19')).tx_hash).toHaveLength(2);
    expect((await getJson(sim.url, `/api/v1/nextNonce?account_index=${A}&api_key_index=4`)).body.nonce).toBe(3);
    const readonly = await WsProbe.open(`${sim.wsUrl}?readonly=true`);
    readonly.send({ type: 'jsonapi/sendtx', data: { id: 1, tx_type: 14, tx_info: order({ AccountIndex: A, Nonce: 3 }) } });
    expect((await readonly.next((m) => m.id === 1)).error.code).toBe(30006);
    readonly.close();
  });
});
