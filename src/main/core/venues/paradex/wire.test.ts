/**
 * The wire schemas against every recorded Paradex response
 * (testdata/ = shared/data/paradex: ccxt's recorded testnet traffic and the
 * paradex.js config fixture) and the documented WS messages (paradex.md §8).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  balanceResponseSchema,
  bboSchema,
  marketsResponseSchema,
  marketsSummaryResponseSchema,
  orderBookResponseSchema,
  ordersResponseSchema,
  paginated,
  positionsResponseSchema,
  systemConfigSchema,
  systemStateSchema,
  systemTimeSchema,
  tradesResponseSchema,
  wsErrorSchema,
  wsOrderBookSchema,
  wsResultSchema,
  wsSubscriptionSchema,
} from './wire';
import { z } from 'zod';

const testdata = join(__dirname, 'testdata');
const load = (file: string): unknown => JSON.parse(readFileSync(join(testdata, file), 'utf8'));

interface CcxtFixture {
  options: { systemConfig: unknown };
  methods: Record<string, { httpResponse: unknown }[]>;
}
const ccxt = load('ccxt_static_response.json') as CcxtFixture;
const responsesOf = (method: string) => (ccxt.methods[method] ?? []).map((e) => e.httpResponse);

/** Which schema reads each recorded method's response. */
const SCHEMA_OF: Record<string, z.ZodTypeAny> = {
  fetchTime: systemTimeSchema,
  fetchStatus: systemStateSchema,
  fetchMarkets: marketsResponseSchema,
  fetchTickers: marketsSummaryResponseSchema,
  fetchTicker: marketsSummaryResponseSchema,
  fetchOpenInterest: marketsSummaryResponseSchema,
  fetchOrderBook: orderBookResponseSchema,
  fetchTrades: tradesResponseSchema,
  fetchOrders: ordersResponseSchema,
  fetchBalance: balanceResponseSchema,
  fetchPositions: positionsResponseSchema,
  fetchPosition: positionsResponseSchema,
  fetchOHLCV: z.object({ results: z.array(z.array(z.number())) }),
  fetchDeposits: paginated(z.object({ id: z.string(), kind: z.string(), amount: z.string() })),
};

describe('wire schemas vs recorded REST responses', () => {
  it('every recorded method has a schema, and every recorded response parses', () => {
    const methods = Object.keys(ccxt.methods);
    expect(methods.length).toBeGreaterThanOrEqual(14);
    for (const method of methods) {
      const schema = SCHEMA_OF[method];
      expect(schema, method).toBeDefined();
      const bodies = responsesOf(method);
      expect(bodies.length, method).toBeGreaterThan(0);
      for (const body of bodies) expect(schema!.safeParse(body).success, method).toBe(true);
    }
  });

  it('/system/config (ccxt options and the paradex.js fixture values)', () => {
    const config = systemConfigSchema.parse(ccxt.options.systemConfig);
    expect(config).toMatchObject({ starknet_chain_id: 'PRIVATE_SN_POTC_SEPOLIA', paraclear_decimals: 8, l1_chain_id: '11155111' });
    const fixture = load('paradexjs_fixture_paradex-config.json') as { paraclearAccountHash: string; paraclearAccountProxyHash: string };
    expect(config.paraclear_account_hash).toBe(fixture.paraclearAccountHash);
    expect(config.paraclear_account_proxy_hash).toBe(fixture.paraclearAccountProxyHash);
  });

  it('markets, book, orders with string timestamps, positions with empty liquidation price', () => {
    const [btc] = marketsResponseSchema.parse(responsesOf('fetchMarkets')[0]).results;
    expect(btc).toMatchObject({ symbol: 'BTC-USD-PERP', base_currency: 'BTC', order_size_increment: '0.001', price_tick_size: '0.1', min_notional: '500', asset_kind: 'PERP' });
    const book = orderBookResponseSchema.parse(responsesOf('fetchOrderBook')[0]);
    expect(book.asks[0]).toEqual(['67643.2', '3.734']);
    expect(book.seq_no).toBe(14139427);
    const [order] = ordersResponseSchema.parse(responsesOf('fetchOrders')[0]).results;
    expect(order).toMatchObject({ status: 'CLOSED', cancel_reason: 'ORDER_SIZE_BELOW_MIN', created_at: 1721903808505, avg_fill_price: null, seq_no: '1721903808521364144' });
    const [position] = positionsResponseSchema.parse(responsesOf('fetchPositions')[0]).results;
    expect(position).toMatchObject({ side: 'LONG', size: '3', liquidation_price: null, average_entry_price: '183.06499451' });
  });

  it('refuses malformed answers', () => {
    expect(orderBookResponseSchema.safeParse({ market: 'X', seq_no: 1, last_updated_at: 1, asks: [['abc', '1']], bids: [] }).success).toBe(false);
    expect(systemConfigSchema.safeParse({ starknet_chain_id: 'X', paraclear_decimals: 8 }).success).toBe(false);
  });
});

describe('wire schemas vs documented WS messages (paradex.md §8)', () => {
  it('auth and subscribe replies, errors, a subscription push with an order book snapshot', () => {
    expect(wsResultSchema.parse({ jsonrpc: '2.0', result: { node_id: '73cf456f7cb78d59' }, id: 0, usIn: 1, usDiff: 2 }).id).toBe(0);
    const err = wsErrorSchema.parse({ jsonrpc: '2.0', id: 0, error: { code: -32600, message: 'invalid subscribe request', data: 'invalid channel' }, usIn: 1, usDiff: 1, usOut: 1 });
    expect(err.error.code).toBe(-32600);
    const push = wsSubscriptionSchema.parse({
      jsonrpc: '2.0',
      method: 'subscription',
      params: {
        channel: 'order_book.BTC-USD-PERP.snapshot@15@50ms',
        data: {
          seq_no: 14127815,
          market: 'BTC-USD-PERP',
          last_updated_at: 1718267837265,
          update_type: 's',
          inserts: [
            { side: 'BUY', price: '67629.7', size: '0.992' },
            { side: 'SELL', price: '69378.6', size: '3.137' },
          ],
          updates: [],
          deletes: [],
        },
      },
    });
    const book = wsOrderBookSchema.parse(push.params.data);
    expect(book.inserts).toHaveLength(2);
    expect(bboSchema.parse({ market: 'BTC-USD-PERP', bid: '1', bid_size: '2', ask: '', ask_size: '', last_updated_at: 1, seq_no: 3 }).ask).toBeNull();
  });
});
