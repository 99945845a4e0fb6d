import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualSimClock } from '../engine/sim-clock';
import assetsFile from './default-assets.json';
import type { RunningLighterSim } from './lighter-sim';
import { createOrderInfo, getJson, postTx, startTestSim } from './testing';

/** ccxt's recorded real responses (shared/data/lighter/ccxt_static_response.json; the client's committed copy in venues/lighter/testdata), by method. */
const recorded = JSON.parse(readFileSync(join(__dirname, '../../venues/lighter/testdata/ccxt_static_response.json'), 'utf8')) as {
  methods: Record<string, { httpResponse: Record<string, unknown> }[]>;
};
const response = (method: string) => recorded.methods[method]![0]!.httpResponse;

/** JSON type of every key, for shape comparisons with a recording. */
const typesOf = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v]));

describe('Lighter simulator market-data and chain routes', () => {
  let clock: ManualSimClock, sim: RunningLighterSim, url: string, A: number, B: number;
  beforeEach(async () => {
    ({ clock, sim, url, A } = await startTestSim({ seed: 1, liquidity: false }));
    B = sim.accounts[1]!;
  });
  afterEach(() => sim.close());

  /** A trade of 0.1 ETH between B (resting ask) and A (buy) at `price` (in cents); returns the buy's tx hash. */
  async function trade(price: number, nonce: number): Promise<string> {
    await postTx(url, 14, createOrderInfo({ AccountIndex: B, Nonce: nonce, IsAsk: 1, Price: price }, clock.now()));
    const r = await postTx(url, 14, createOrderInfo({ AccountIndex: A, Nonce: nonce, Price: price }, clock.now()));
    await new Promise((res) => setImmediate(res));
    return r.body.tx_hash as string;
  }

  it('assetDetails answers the recorded snapshot, filtered by asset_id, with the recorded ccxt field types', async () => {
    const all = await getJson(url, '/api/v1/assetDetails');
    expect(all.body).toEqual(assetsFile);
    const usdc = await getJson(url, '/api/v1/assetDetails?asset_id=3');
    expect(usdc.body.asset_details.map((a: { symbol: string }) => a.symbol)).toEqual(['USDC']);
    const ccxtUsdc = (response('fetchCurrencies').asset_details as Record<string, unknown>[])[0]!;
    for (const key of ['asset_id', 'symbol', 'l1_decimals', 'min_transfer_amount', 'min_withdrawal_amount', 'margin_mode', 'l1_address']) {
      expect(typeof usdc.body.asset_details[0][key]).toBe(typeof ccxtUsdc[key]);
    }
    expect((await getJson(url, '/api/v1/assetDetails?asset_id=999')).body.code).toBe(20001);
  });

  it('orderBookDetails stats follow the trades; fields and JSON types as recorded by ccxt (fetchTicker)', async () => {
    await trade(300_000, 0);
    clock.advance(1000);
    await trade(301_000, 1);
    const eth = (await getJson(url, '/api/v1/orderBookDetails?market_id=0')).body.order_book_details[0];
    const rec = (response('fetchTicker').order_book_details as Record<string, unknown>[])[0]!;
    const live = ['last_trade_price', 'daily_trades_count', 'daily_base_token_volume', 'daily_quote_token_volume', 'daily_price_low', 'daily_price_high', 'daily_price_change', 'open_interest', 'daily_chart'];
    for (const k of live) expect(typeof eth[k]).toBe(typeof rec[k]);
    expect(eth).toMatchObject({ last_trade_price: 3010, daily_trades_count: 2, daily_base_token_volume: 0.2, daily_quote_token_volume: 601, daily_price_low: 3000, daily_price_high: 3010, open_interest: 0.2 });
    expect(eth.daily_price_change).toBeCloseTo((10 / 3000) * 100, 10);
  });

  it('candles ({code, r, c:[{t,o,h,l,c,v,V,i}]}) and candlesticks (recorded keys) bucket the trades', async () => {
    const t0 = clock.now();
    await trade(300_000, 0);
    clock.advance(61_000);
    await trade(302_000, 1);
    await trade(301_000, 2);
    const q = `market_id=0&resolution=1m&start_timestamp=${t0 - 60_000}&end_timestamp=${clock.now()}&count_back=0`;
    const candles = (await getJson(url, `/api/v1/candles?${q}`)).body;
    expect(Object.keys(candles)).toEqual(['code', 'r', 'c']);
    expect(candles.r).toBe('1m');
    expect(candles.c).toHaveLength(2);
    expect(Object.keys(candles.c[1])).toEqual(['t', 'o', 'h', 'l', 'c', 'v', 'V', 'i']);
    expect(candles.c[1]).toMatchObject({ o: 3020, h: 3020, l: 3010, c: 3010, v: 0.2, V: 603 });
    expect(candles.c[1].t % 60_000).toBe(0);
    const sticks = (await getJson(url, `/api/v1/candlesticks?${q}`)).body;
    const rec = response('fetchOHLCV');
    expect(Object.keys(sticks)).toEqual(Object.keys(rec));
    expect(typesOf(sticks.candlesticks[0])).toEqual(typesOf((rec.candlesticks as Record<string, unknown>[])[0]!));
    expect((await getJson(url, `/api/v1/candles?market_id=0&resolution=7m`)).body.code).toBe(20001);
  });

  it('funding-rates has the recorded shape (rates 0: funding is not simulated); fundings lists hourly zero entries in Unix seconds', async () => {
    const rates = (await getJson(url, '/api/v1/funding-rates')).body;
    const rec = response('fetchFundingRates');
    expect(Object.keys(rates)).toEqual(Object.keys(rec));
    expect(typesOf(rates.funding_rates[0])).toEqual(typesOf((rec.funding_rates as Record<string, unknown>[])[0]!));
    expect(rates.funding_rates[0]).toEqual({ market_id: 0, exchange: 'lighter', symbol: 'ETH', rate: 0 });
    const end = Math.floor(clock.now() / 1000);
    const fundings = (await getJson(url, `/api/v1/fundings?market_id=0&resolution=1h&start_timestamp=${end - 3 * 3600}&end_timestamp=${end}&count_back=2`)).body;
    expect(fundings.fundings).toHaveLength(2);
    expect(fundings.fundings[0]).toEqual({ timestamp: expect.any(Number), value: '0.00', rate: '0.0000', direction: 'long' });
    expect(fundings.fundings[0].timestamp % 3600).toBe(0);
    expect(fundings.fundings[1].timestamp).toBeLessThanOrEqual(end);
    expect(fundings.fundings[1].timestamp).toBeGreaterThan(end - 3 * 3600);
  });

  it('exchangeStats, currentHeight and tx (by hash and sequence index) report the executed transactions', async () => {
    const heightBefore = (await getJson(url, '/api/v1/currentHeight')).body.height;
    const hash = await trade(300_000, 0);
    expect((await getJson(url, '/api/v1/currentHeight')).body).toEqual({ code: 200, height: heightBefore + 2 });
    const stats = (await getJson(url, '/api/v1/exchangeStats')).body;
    expect(stats).toMatchObject({ code: 200, total: 11, daily_trades_count: 1, daily_usd_volume: 300 });
    expect(Object.keys(stats.order_book_stats[0])).toEqual(['symbol', 'last_trade_price', 'daily_trades_count', 'daily_base_token_volume', 'daily_quote_token_volume', 'daily_price_change']);
    const tx = (await getJson(url, `/api/v1/tx?by=hash&value=${hash}`)).body;
    expect(Object.keys(tx)).toEqual([
      'code', 'hash', 'type', 'info', 'event_info', 'status', 'transaction_index', 'l1_address', 'account_index', 'nonce', 'expire_at', 'block_height',
      'queued_at', 'executed_at', 'sequence_index', 'parent_hash', 'api_key_index', 'transaction_time', 'committed_at', 'verified_at',
    ]);
    expect(tx).toMatchObject({ code: 200, hash, type: 14, status: 3, account_index: A, nonce: 0, block_height: heightBefore + 2, api_key_index: 4 });
    expect(JSON.parse(tx.info)).toMatchObject({ AccountIndex: A, Price: 300_000 });
    expect((await getJson(url, `/api/v1/tx?by=sequence_index&value=${tx.sequence_index}`)).body.hash).toBe(hash);
    expect((await getJson(url, '/api/v1/tx?by=hash&value=00ff')).status).toBe(404);
  });
});
