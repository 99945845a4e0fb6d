import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualSimClock } from '../engine/sim-clock';
import defaultMarkets from './default-markets.json';
import type { RunningLighterSim } from './lighter-sim';
import { authToken, createOrderInfo, getJson, postTx, startTestSim } from './testing';

// Key lists copied from the recorded responses (shared/data/lighter/ccxt_static_response.json).
const RECORDED_BOOK_ORDER_KEYS = ['order_index', 'order_id', 'owner_account_index', 'initial_base_amount', 'remaining_base_amount', 'price', 'order_expiry'];
const RECORDED_ACCOUNT_KEYS = [
  'code', 'account_type', 'index', 'l1_address', 'cancel_all_time', 'total_order_count', 'total_isolated_order_count', 'pending_order_count',
  'available_balance', 'status', 'collateral', 'account_index', 'name', 'description', 'can_invite', 'referral_points_percentage', 'positions',
  'assets', 'total_asset_value', 'cross_asset_value', 'shares',
];
const RECORDED_POSITION_KEYS = [
  'market_id', 'symbol', 'initial_margin_fraction', 'open_order_count', 'pending_order_count', 'position_tied_order_count', 'sign', 'position',
  'avg_entry_price', 'position_value', 'unrealized_pnl', 'realized_pnl', 'liquidation_price', 'margin_mode', 'allocated_margin',
];
// lighter.md §1.6 (the SDK's Order model).
const ORDER_KEYS = [
  'order_index', 'client_order_index', 'order_id', 'client_order_id', 'market_index', 'owner_account_index', 'initial_base_amount', 'price', 'nonce',
  'remaining_base_amount', 'is_ask', 'base_size', 'base_price', 'filled_base_amount', 'filled_quote_amount', 'side', 'type', 'time_in_force',
  'reduce_only', 'trigger_price', 'order_expiry', 'status', 'trigger_status', 'trigger_time', 'parent_order_index', 'parent_order_id',
  'to_trigger_order_id_0', 'to_trigger_order_id_1', 'to_cancel_order_id_0', 'block_height', 'timestamp', 'created_at', 'updated_at',
  'transaction_time', 'integrator_fee_collector_index', 'integrator_maker_fee', 'integrator_taker_fee', 'order_flags', 'order_version',
];

describe('Lighter simulator REST API', () => {
  let clock: ManualSimClock, sim: RunningLighterSim, url: string, A: number;
  beforeEach(async () => {
    ({ clock, sim, url, A } = await startTestSim({ seed: 1 }));
  });
  afterEach(() => sim.close());

  const buyMarket = async (nonce: number, base = 1000, worst = 310_000) =>
    postTx(url, 14, createOrderInfo({ AccountIndex: A, Nonce: nonce, BaseAmount: base, Price: worst, Type: 1, TimeInForce: 0, OrderExpiry: 0 }, clock.now()));

  it('GET / answers the status object', async () => {
    const r = await getJson(url, '/');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['status', 'network_id', 'timestamp']);
    expect(r.body).toMatchObject({ status: 200, network_id: 1, timestamp: Math.floor(clock.now() / 1000) });
  });

  it('orderBookDetails serves the loaded entries verbatim plus the live stats (recorded shape), filtered by market_id', async () => {
    const all = await getJson(url, '/api/v1/orderBookDetails');
    expect(all.status).toBe(200);
    expect(Object.keys(all.body)).toEqual(['code', 'order_book_details', 'spot_order_book_details']);
    const live = ['last_trade_price', 'daily_trades_count', 'daily_base_token_volume', 'daily_quote_token_volume', 'daily_price_low', 'daily_price_high', 'daily_price_change', 'open_interest', 'daily_chart'];
    all.body.order_book_details.forEach((entry: Record<string, unknown>, i: number) => {
      const loaded = defaultMarkets.order_book_details[i]! as Record<string, unknown>;
      expect(Object.keys(entry).filter((k) => !live.includes(k))).toEqual(Object.keys(loaded));
      for (const [k, v] of Object.entries(loaded)) expect(entry[k]).toEqual(v);
      for (const k of live.slice(0, -1)) expect(typeof entry[k]).toBe('number');
      expect(entry.daily_chart).toEqual({});
      expect(Object.keys(entry).indexOf('open_interest')).toBe(Object.keys(entry).indexOf('market_config') - 2);
    });
    const eth = await getJson(url, '/api/v1/orderBookDetails?market_id=0');
    expect(eth.body.order_book_details).toHaveLength(1);
    expect(eth.body.order_book_details[0]).toMatchObject({ symbol: 'ETH', size_decimals: 4, price_decimals: 2, min_base_amount: '0.0050', default_initial_margin_fraction: 500 });
    expect(await getJson(url, '/api/v1/orderBookDetails?market_id=200')).toEqual({ status: 400, body: { code: 21602, message: 'invalid market index' } });
    const books = await getJson(url, '/api/v1/orderBooks');
    expect(books.body.order_books[0]).toMatchObject({ symbol: 'ETH', market_id: 0, market_type: 'perp', min_quote_amount: '10.000000' });
    expect(books.body.order_books[0]).not.toHaveProperty('default_initial_margin_fraction');
  });

  it('orderBookOrders lists individual resting orders with the recorded field names, best first', async () => {
    const r = await getJson(url, '/api/v1/orderBookOrders?market_id=0&limit=5');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['code', 'total_asks', 'asks', 'total_bids', 'bids']);
    expect(r.body.total_asks).toBe(5);
    const [ask] = r.body.asks;
    expect(Object.keys(ask)).toEqual(RECORDED_BOOK_ORDER_KEYS);
    expect(typeof ask.order_index).toBe('number');
    expect(ask.order_index).toBeGreaterThanOrEqual(2 ** 48);
    expect(ask.order_id).toBe(String(ask.order_index));
    expect(ask.price).toMatch(/^\d+\.\d{2}$/);
    expect(ask.remaining_base_amount).toMatch(/^\d+\.\d{4}$/);
    const bids = r.body.bids.map((b: { price: string }) => Number(b.price));
    expect(bids).toEqual([...bids].sort((a, b) => b - a));
    expect(Number(r.body.bids[0].price)).toBeLessThan(Number(ask.price));
    expect((await getJson(url, '/api/v1/orderBookOrders?market_id=0')).body).toEqual({ code: 20001, message: 'invalid param: limit' });
  });

  it('account (by index and by l1_address) has the recorded fields; positions follow fills', async () => {
    const before = await getJson(url, `/api/v1/account?by=index&value=${A}`);
    expect(before.body.total).toBe(1);
    const acct = before.body.accounts[0];
    expect(Object.keys(acct)).toEqual(RECORDED_ACCOUNT_KEYS);
    expect(acct).toMatchObject({ index: A, account_index: A, collateral: '10000.000000', available_balance: '10000.000000', positions: [] });
    expect((await buyMarket(0, 500)).status).toBe(200); // 0.05 ETH: all at the best ask, 3000.60
    const after = (await getJson(url, `/api/v1/account?by=l1_address&value=${acct.l1_address.toUpperCase().replace('0X', '0x')}`)).body.accounts[0];
    expect(after.positions).toHaveLength(1);
    const pos = after.positions[0];
    expect(Object.keys(pos)).toEqual(RECORDED_POSITION_KEYS);
    expect(pos).toMatchObject({ market_id: 0, symbol: 'ETH', initial_margin_fraction: '5.00', sign: 1, position: '0.0500', avg_entry_price: '3000.60', margin_mode: 0 });
    expect(pos.unrealized_pnl).toBe('-0.030000'); // mark 3000.00
    expect(pos.position_value).toBe('150.000000');
    expect(Number(pos.liquidation_price)).toBe(0);
    expect(after.total_asset_value).toBe('9999.970000');
    expect(await getJson(url, '/api/v1/account?by=index&value=4242')).toEqual({ status: 400, body: { code: 21100, message: 'account not found' } });
    expect((await getJson(url, '/api/v1/account?by=name&value=x')).body.code).toBe(20001);
  });

  it('accountsByL1Address lists the master first, then sub-accounts', async () => {
    const l1 = (await getJson(url, `/api/v1/account?by=index&value=${A}`)).body.accounts[0].l1_address;
    const sub = sim.admin.createAccount({ l1Address: l1, collateral: '5' });
    expect(sub.accountIndex).toBe(2 ** 48 - 2);
    const r = await getJson(url, `/api/v1/accountsByL1Address?l1_address=${l1}`);
    expect(r.body.l1_address).toBe(l1);
    expect(r.body.sub_accounts.map((a: { index: number; account_type: number }) => [a.index, a.account_type])).toEqual([
      [A, 0],
      [2 ** 48 - 2, 1],
    ]);
    expect(Object.keys(r.body.sub_accounts[0])).toEqual([
      'code', 'account_type', 'index', 'l1_address', 'cancel_all_time', 'total_order_count', 'total_isolated_order_count', 'pending_order_count',
      'available_balance', 'status', 'collateral', 'transaction_time', 'account_trading_mode',
    ]);
  });

  it('nextNonce and apikeys follow accepted transactions', async () => {
    expect((await getJson(url, `/api/v1/nextNonce?account_index=${A}&api_key_index=4`)).body).toEqual({ code: 200, nonce: 0 });
    await buyMarket(0);
    expect((await getJson(url, `/api/v1/nextNonce?account_index=${A}&api_key_index=4`)).body).toEqual({ code: 200, nonce: 1 });
    const keys = (await getJson(url, `/api/v1/apikeys?account_index=${A}&api_key_index=255`)).body;
    expect(keys.api_keys).toEqual([{ account_index: A, api_key_index: 4, nonce: 1, public_key: expect.stringMatching(/^[0-9a-f]{80}$/), transaction_time: clock.now() * 1000 }]);
    expect((await getJson(url, `/api/v1/apikeys?account_index=${A}&api_key_index=7`)).body.api_keys[0]).toMatchObject({ api_key_index: 7, nonce: 0 });
    expect((await getJson(url, `/api/v1/nextNonce?account_index=${A}&api_key_index=255`)).body.code).toBe(20001);
  });

  it('accountActiveOrders / accountInactiveOrders need an auth token of that account and list Lighter orders', async () => {
    const now = clock.now();
    await postTx(url, 14, createOrderInfo({ AccountIndex: A, Nonce: 0, ClientOrderIndex: 11, Price: 290_000 }, now));
    const path = `/api/v1/accountActiveOrders?account_index=${A}&market_id=0`;
    expect((await getJson(url, path)).body).toEqual({ code: 20001, message: 'invalid param: auth token required' });
    expect((await getJson(url, path, { Authorization: authToken(A, now, -5) })).body.message).toMatch(/expired/);
    expect((await getJson(url, path, { Authorization: authToken(sim.accounts[1]!, now) })).body.message).toMatch(/another account/);
    const active = await getJson(url, path, { Authorization: authToken(A, now) });
    expect(active.status).toBe(200);
    expect(active.body.orders).toHaveLength(1);
    const o = active.body.orders[0];
    expect(Object.keys(o)).toEqual(ORDER_KEYS);
    expect(o).toMatchObject({
      client_order_index: 11,
      client_order_id: '11',
      market_index: 0,
      owner_account_index: A,
      initial_base_amount: '0.1000',
      price: '2900.00',
      nonce: 0,
      remaining_base_amount: '0.1000',
      is_ask: false,
      base_size: 1000,
      base_price: 290_000,
      type: 'limit',
      time_in_force: 'good-till-time',
      reduce_only: false,
      status: 'open',
      order_expiry: now + 86_400_000,
    });
    expect((await getJson(url, `/api/v1/accountActiveOrders?account_index=${A}&auth=${authToken(A, now)}`)).body.orders).toHaveLength(1);
    await postTx(url, 15, { AccountIndex: A, ApiKeyIndex: 4, MarketIndex: 0, Index: 11, ExpiredAt: now + 600_000, Nonce: 1, Sig: 'AAAA' });
    const inactive = await getJson(url, `/api/v1/accountInactiveOrders?account_index=${A}&limit=10`, { Authorization: authToken(A, now) });
    expect(inactive.body.orders.map((x: { status: string; client_order_index: number }) => [x.client_order_index, x.status])).toEqual([[11, 'canceled']]);
    expect(inactive.body.next_cursor).toBe('');
  });

  it('trades and recentTrades list fills as Lighter Trade objects; account trades need auth', async () => {
    await buyMarket(0, 5000, 310_000);
    const recent = await getJson(url, '/api/v1/recentTrades?market_id=0&limit=10');
    expect(recent.body.trades.length).toBeGreaterThanOrEqual(2);
    const t = recent.body.trades[0];
    expect(t).toMatchObject({ type: 'trade', market_id: 0, bid_account_id: A, is_maker_ask: true, tx_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Object.keys(t)).toEqual([
      'trade_id', 'tx_hash', 'type', 'market_id', 'size', 'price', 'usd_amount', 'ask_id', 'bid_id', 'ask_client_id', 'bid_client_id', 'ask_account_id',
      'bid_account_id', 'is_maker_ask', 'block_height', 'timestamp', 'taker_position_size_before', 'taker_entry_quote_before',
      'taker_initial_margin_fraction_before', 'maker_position_size_before', 'maker_entry_quote_before', 'maker_initial_margin_fraction_before',
    ]);
    const mine = `/api/v1/trades?sort_by=block_height&limit=1&account_index=${A}&market_id=0`;
    expect((await getJson(url, mine)).body.code).toBe(20001);
    const page1 = (await getJson(url, mine, { Authorization: authToken(A, clock.now()) })).body;
    expect(page1.trades).toHaveLength(1);
    expect(page1.next_cursor).not.toBe('');
    const page2 = (await getJson(url, `${mine}&cursor=${page1.next_cursor}`, { Authorization: authToken(A, clock.now()) })).body;
    expect(page2.trades[0].trade_id).toBeLessThan(page1.trades[0].trade_id);
    expect((await getJson(url, '/api/v1/trades?limit=5')).body).toEqual({ code: 20001, message: 'invalid param: sort_by' });
  });

  it('answers unknown routes like Lighter', async () => {
    expect(await getJson(url, '/api/v1/nope')).toEqual({ status: 404, body: { code: 29404, message: 'not found' } });
    expect((await getJson(url, '/elsewhere')).status).toBe(404);
  });
});
