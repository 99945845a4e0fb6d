import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  accountResponseSchema,
  cancelAllOrdersTxInfoSchema,
  createOrderTxInfoSchema,
  orderBookDetailsResponseSchema,
  orderBookOrdersResponseSchema,
  parseWsChannel,
  rootStatusSchema,
  wsAccountAllOrdersSchema,
  wsAccountAllSchema,
  wsAccountAllTradesSchema,
  wsConnectedSchema,
  wsErrorSchema,
  wsMarketStatsSchema,
  wsOrderBookSchema,
  wsSendTxBatchResponseSchema,
  wsSendTxResponseSchema,
  wsTradeSchema,
  wsUserStatsSchema,
} from './wire';
import { RECORDED_WS_TRADE, SAMPLE_ORDER } from './test-helpers';

const testdata = join(__dirname, 'testdata');
const load = (file: string): unknown => JSON.parse(readFileSync(join(testdata, file), 'utf8'));

interface CcxtFixture {
  methods: Record<string, { description: string; httpResponse: unknown }[]>;
}
const ccxt = load('ccxt_static_response.json') as CcxtFixture;
const responsesOf = (method: string) => (ccxt.methods[method] ?? []).map((e) => e.httpResponse);

describe('wire schemas vs recorded REST responses', () => {
  it('parse every market of the orderBookDetails snapshot (233 perps, 11 spot)', () => {
    const parsed = orderBookDetailsResponseSchema.parse(load('order_book_details.json'));
    expect(parsed.order_book_details).toHaveLength(233);
    expect(parsed.spot_order_book_details).toHaveLength(11);
    const eth = parsed.order_book_details.find((m) => m.symbol === 'ETH');
    expect(eth).toMatchObject({ market_id: 0, size_decimals: 4, price_decimals: 2, min_quote_amount: '10.000000' });
    expect(parsed.order_book_details.some((m) => m.market_config?.force_reduce_only)).toBe(true);
  });

  it("parse ccxt's recorded orderBookDetails (older payload: no market_type, order_quote_limit '')", () => {
    for (const method of ['fetchMarkets', 'fetchTicker', 'fetchTickers']) {
      for (const body of responsesOf(method)) {
        const parsed = orderBookDetailsResponseSchema.parse(body);
        expect(parsed.order_book_details[0]?.order_quote_limit).toBe('');
      }
    }
  });

  it("parse ccxt's recorded orderBookOrders", () => {
    const [body] = responsesOf('fetchOrderBook');
    const parsed = orderBookOrdersResponseSchema.parse(body);
    expect(parsed.asks[0]).toMatchObject({ order_index: 281475565888172, order_id: '281475565888172', price: '3430.00' });
    expect(parsed.bids[0]?.remaining_base_amount).toBe('1.3237');
  });

  it("parse ccxt's recorded account responses (balances, positions, sub-accounts)", () => {
    const bodies = ['fetchBalance', 'fetchPosition', 'fetchPositions', 'fetchAccounts'].flatMap(responsesOf);
    expect(bodies).toHaveLength(4);
    for (const body of bodies) accountResponseSchema.parse(body);
    const withPosition = accountResponseSchema.parse(responsesOf('fetchPosition')[0]);
    expect(withPosition.accounts[0]?.positions[0]).toMatchObject({ symbol: 'ETH', sign: 1, position: '18.0193', avg_entry_price: '2669.84' });
  });

  it("parse ccxt's recorded root status", () => {
    for (const body of [...responsesOf('fetchStatus'), ...responsesOf('fetchTime')]) {
      expect(rootStatusSchema.parse(body).status).toBe(200);
    }
  });

  it("parse ccxt's recorded signed tx_info (lighter.md §1.10 [S17])", () => {
    const limitBuy =
      '{"AccountIndex":715085,"ApiKeyIndex":5,"MarketIndex":35,"ClientOrderIndex":489057754,"BaseAmount":1000,"Price":40000,"IsAsk":0,"Type":0,"TimeInForce":1,"ReduceOnly":0,"TriggerPrice":0,"OrderExpiry":1774594326601,"ExpiredAt":1772175725602,"Nonce":7,"Sig":"gl3Tm3SFdCvd5lJw9uByG8sUAThDZ8NpP5SJ8DUKwRwv2DoYAfZoIcjUZCiZjllNS2d/Z6XDlERYaKb4JrfniOXIVZHmfo5ie5I1lKR4UCk="}';
    const marketBuy =
      '{"AccountIndex":715085,"ApiKeyIndex":5,"MarketIndex":35,"ClientOrderIndex":911280573,"BaseAmount":100,"Price":60000,"IsAsk":0,"Type":1,"TimeInForce":0,"ReduceOnly":0,"TriggerPrice":0,"OrderExpiry":0,"ExpiredAt":1772175612201,"Nonce":6,"Sig":"6cnea3og5elG3CMCxRpldy7yHQI3ettJVkYKl2VcvF4yIT1/RREaD/m8D+KTbCTGAftezZjNtw8KEo9YoAO68WTdDU8d6bq69BcKlQm1kAk="}';
    const cancelAll =
      '{"AccountIndex":715085,"ApiKeyIndex":5,"TimeInForce":0,"Time":0,"ExpiredAt":1772176172357,"Nonce":8,"Sig":"NEzOBq4ZOwSoqvH/0RuH0P8b5ReKggfVhUlAge3sjQWc8M4j3qhRNJFaZP6lk36ZtpEQ4+mb2njrcpRgb++cDf77ceZEusyc0lYu/Ijt5Es="}';
    expect(createOrderTxInfoSchema.parse(JSON.parse(limitBuy))).toMatchObject({ BaseAmount: 1000, Price: 40000, TimeInForce: 1 });
    expect(createOrderTxInfoSchema.parse(JSON.parse(marketBuy))).toMatchObject({ Type: 1, TimeInForce: 0, OrderExpiry: 0 });
    expect(cancelAllOrdersTxInfoSchema.parse(JSON.parse(cancelAll))).toMatchObject({ TimeInForce: 0, Time: 0, Nonce: 8 });
  });
});

describe('wire schemas vs documented WS messages (lighter.md §6)', () => {
  it('order_book snapshot and update', () => {
    const update = {
      channel: 'order_book:0',
      offset: 11413309,
      order_book: { code: 0, asks: [{ price: '2979.64', size: '61.9487' }], bids: [{ price: '2979.36', size: '0.0000' }], offset: 11413309, nonce: 3107818665, begin_nonce: 3107818600 },
      timestamp: 1763448665923,
      type: 'update/order_book',
    };
    expect(wsOrderBookSchema.parse(update).order_book.begin_nonce).toBe(3107818600);
    expect(wsOrderBookSchema.parse({ ...update, type: 'subscribed/order_book' }).type).toBe('subscribed/order_book');
    expect(() => wsOrderBookSchema.parse({ ...update, type: 'update/trade' })).toThrow();
  });

  it('trade, market_stats (one and all), account channels, user_stats', () => {
    expect(wsTradeSchema.parse({ channel: 'trade:0', liquidation_trades: [], nonce: 3159738569, trades: [RECORDED_WS_TRADE], type: 'subscribed/trade' }).trades).toHaveLength(1);
    const stats = {
      market_id: 0,
      index_price: '3015.56',
      mark_price: '3013.91',
      open_interest: '122736286.659423',
      last_trade_price: '3013.13',
      current_funding_rate: '0.0012',
      funding_rate: '0.0012',
      funding_timestamp: 1763532000004,
      daily_base_token_volume: 643235.2763,
      daily_price_change: -0.3061987051035322,
    };
    wsMarketStatsSchema.parse({ channel: 'market_stats:0', market_stats: stats, type: 'update/market_stats' });
    wsMarketStatsSchema.parse({ channel: 'market_stats:all', market_stats: { '0': stats }, type: 'update/market_stats' });
    wsAccountAllOrdersSchema.parse({ channel: 'account_all_orders:1077', orders: { '0': [SAMPLE_ORDER] }, type: 'update/account_all_orders' });
    wsAccountAllTradesSchema.parse({ channel: 'account_all_trades:243008', trades: { '0': [RECORDED_WS_TRADE] }, type: 'update/account_all_trades' });
    const position = { market_id: 0, symbol: 'ETH', sign: -1, position: '0.5', avg_entry_price: '3000.00', unrealized_pnl: '1.00' };
    const all = wsAccountAllSchema.parse({ account: 1077, channel: 'account_all:1077', positions: { '0': position }, trades: { '0': [RECORDED_WS_TRADE] }, type: 'subscribed/account_all' });
    expect(all.positions?.['0']).toMatchObject({ sign: -1 });
    wsAccountAllSchema.parse({ account: 1077, channel: 'account_all:1077', positions: { '0': [position] }, type: 'update/account_all' });
    const userStats = wsUserStatsSchema.parse({
      channel: 'user_stats:10',
      stats: { collateral: '5000.00', portfolio_value: '15000.00', leverage: '3.0', available_balance: '2000.00', margin_usage: '0.80', buying_power: '4000.00', account_trading_mode: 1, cross_stats: { collateral: '0.000000' } },
      timestamp: 1773158679717,
      type: 'update/user_stats',
    });
    expect(userStats.stats.available_balance).toBe('2000.00');
  });

  it('connected, errors and sendtx answers', () => {
    wsConnectedSchema.parse({ session_id: '8d354239-80e0-4b77-8763-87b6fef2f768', type: 'connected' });
    expect(wsErrorSchema.parse({ error: { code: 30005, message: 'Invalid Channel:  (marketId)' } }).error.code).toBe(30005);
    wsSendTxResponseSchema.parse({ code: 200, id: '1786459718284', predicted_execution_time_ms: 1786459719662, tx_hash: '9959d3fe', type: 'jsonapi/sendtx' });
    wsSendTxBatchResponseSchema.parse({ code: 200, id: '17', tx_hash: ['9959d3feb30d0a89', 'fcfd4532f071ac99'], type: 'jsonapi/sendtxbatch' });
  });

  it('parseWsChannel reads both the subscribe and the reply form', () => {
    expect(parseWsChannel('order_book:0')).toEqual({ kind: 'order_book', id: '0' });
    expect(parseWsChannel('account_orders/0/123')).toEqual({ kind: 'account_orders', id: '0/123' });
    expect(parseWsChannel('height')).toEqual({ kind: 'height', id: '' });
  });
});
