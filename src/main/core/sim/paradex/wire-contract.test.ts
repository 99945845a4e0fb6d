/**
 * The simulator's answers against Paradex's recorded traffic
 * (shared/data/paradex/ccxt_static_response.json, verbatim ccxt fixtures, read
 * from the client's committed copy in venues/paradex/testdata) and
 * the Paradex client's wire schemas (venues/paradex/wire.ts): every recorded
 * response and the sim's answer to the same request parse with the same zod
 * schema, and every field a recorded object has, the sim's object has too,
 * with the same JSON type. Orders are signed by the client's own signer and
 * body builder, so both sides agree on the typed data and its scaling.
 */
import Decimal from 'decimal.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { signedModifyBody, signedOrderBody } from '../../venues/paradex/order-body';
import { ParadexSigner } from '../../venues/paradex/signer';
import * as wire from '../../venues/paradex/wire';
import { call, login, settle, startTestSim, WsProbe, type TestSim } from './testing';

interface Recorded {
  options: { systemConfig: unknown };
  methods: Record<string, { httpResponse: unknown }[]>;
}
const recorded = JSON.parse(readFileSync(join(__dirname, '../../venues/paradex/testdata/ccxt_static_response.json'), 'utf8')) as Recorded;
const rec = (method: string): any => recorded.methods[method]![0]!.httpResponse; // eslint-disable-line @typescript-eslint/no-explicit-any -- recorded JSON

function parses<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`${JSON.stringify(value).slice(0, 300)}\n${r.error.message}`);
  return r.data;
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every key of `recordedObj` is in `simObj` with the same JSON type (recursing into objects). */
function sameFields(recordedObj: Record<string, unknown>, simObj: Record<string, unknown>, path = ''): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(recordedObj)) {
    if (!(key in simObj)) problems.push(`${path}${key}: missing`);
    else if (jsonType(value) !== jsonType(simObj[key])) problems.push(`${path}${key}: ${jsonType(simObj[key])} instead of ${jsonType(value)}`);
    else if (jsonType(value) === 'object') problems.push(...sameFields(value as Record<string, unknown>, simObj[key] as Record<string, unknown>, `${path}${key}.`));
  }
  return problems;
}

describe('Paradex simulator ↔ recorded traffic ↔ client wire schemas', () => {
  let t: TestSim;
  let signer: ParadexSigner;
  const chain = { chainId: 'PRIVATE_SN_POTC_SEPOLIA', decimals: 8 };
  beforeEach(async () => {
    t = await startTestSim({ seed: 7 });
    signer = new ParadexSigner(t.A.privateKey, t.A.address);
  });
  afterEach(() => t.sim.close());

  it('public REST answers have the recorded shapes', async () => {
    const get = async (path: string) => (await call(t.url, 'GET', path)).body;
    const cases: [z.ZodTypeAny, unknown, unknown][] = [
      [wire.systemConfigSchema, recorded.options.systemConfig, await get('/v1/system/config')],
      [wire.systemTimeSchema, rec('fetchTime'), await get('/v1/system/time')],
      [wire.systemStateSchema, rec('fetchStatus'), await get('/v1/system/state')],
      [wire.marketsResponseSchema, rec('fetchMarkets'), await get('/v1/markets')],
      [wire.marketsSummaryResponseSchema, rec('fetchTickers'), await get('/v1/markets/summary?market=BTC-USD-PERP')],
      [wire.orderBookResponseSchema, rec('fetchOrderBook'), await get('/v1/orderbook/BTC-USD-PERP')],
    ];
    for (const [schema, fromVenue, fromSim] of cases) {
      parses(schema, fromVenue);
      parses(schema, fromSim);
      expect(sameFields(fromVenue as Record<string, unknown>, fromSim as Record<string, unknown>)).toEqual([]);
    }
    expect(await get('/v1/system/config')).toEqual(recorded.options.systemConfig);
    expect((await get('/v1/markets')).results[0]).toEqual(rec('fetchMarkets').results[0]);
    for (const [method, path] of [
      ['fetchTickers', '/v1/markets/summary?market=BTC-USD-PERP'],
      ['fetchMarkets', '/v1/markets'],
    ] as const) {
      expect(sameFields(rec(method).results[0], (await get(path)).results[0])).toEqual([]);
    }

    const order = signedOrderBody({ market: 'BTC-USD-PERP', side: 'buy', type: 'MARKET', size: new Decimal('0.01'), price: null, timeInForce: 'GTC', reduceOnly: false, clientId: 'w1' }, signer, chain, t.clock.now());
    const jwt = await login(t.url, t.A, t.clock.now());
    expect((await call(t.url, 'POST', '/v1/orders', jwt, order)).status).toBe(201);
    await settle();
    const trades = await get('/v1/trades?market=BTC-USD-PERP&page_size=1');
    parses(wire.tradesResponseSchema, rec('fetchTrades'));
    parses(wire.tradesResponseSchema, trades);
    expect(sameFields(rec('fetchTrades').results[0], trades.results[0])).toEqual([]);
  });

  it('private REST answers (orders, balance, positions, fills, account) parse with the client schemas and match the recorded fields', async () => {
    const jwt = await login(t.url, t.A, t.clock.now());
    const post = async (body: Record<string, unknown>) => {
      const r = await call(t.url, 'POST', '/v1/orders', jwt, body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return parses(wire.orderSchema, r.body);
    };
    const limit = await post(signedOrderBody({ market: 'SOL-USD-PERP', side: 'buy', type: 'LIMIT', size: new Decimal('3'), price: new Decimal('140'), timeInForce: 'GTC', reduceOnly: false, clientId: 'w-limit' }, signer, chain, t.clock.now()));
    await post(signedOrderBody({ market: 'SOL-USD-PERP', side: 'buy', type: 'MARKET', size: new Decimal('3'), price: null, timeInForce: 'GTC', reduceOnly: false, clientId: 'w-market' }, signer, chain, t.clock.now()));
    await settle();
    const modify = signedModifyBody({ id: limit.id, market: 'SOL-USD-PERP', side: 'buy', size: new Decimal('4'), price: new Decimal('141') }, signer, chain, t.clock.now());
    const modified = await call(t.url, 'PUT', `/v1/orders/${limit.id}`, jwt, modify);
    expect(parses(wire.orderSchema, modified.body)).toMatchObject({ size: '4', price: '141', status: 'OPEN' });

    const history = (await call(t.url, 'GET', '/v1/orders-history?market=SOL-USD-PERP', jwt)).body;
    parses(wire.ordersResponseSchema, rec('fetchOrders'));
    parses(wire.ordersResponseSchema, history);
    for (const o of history.results) expect(sameFields(rec('fetchOrders').results[0], o)).toEqual([]);
    parses(wire.ordersResponseSchema, (await call(t.url, 'GET', '/v1/orders', jwt)).body);

    const balance = (await call(t.url, 'GET', '/v1/balance', jwt)).body;
    parses(wire.balanceResponseSchema, rec('fetchBalance'));
    parses(wire.balanceResponseSchema, balance);
    expect(sameFields(rec('fetchBalance').results[0], balance.results[0])).toEqual([]);

    const positions = (await call(t.url, 'GET', '/v1/positions', jwt)).body;
    parses(wire.positionsResponseSchema, rec('fetchPositions'));
    expect(parses(wire.positionsResponseSchema, positions).results[0]).toMatchObject({ market: 'SOL-USD-PERP', side: 'LONG', size: '3', status: 'OPEN' });
    expect(sameFields(rec('fetchPositions').results[0], positions.results[0])).toEqual([]);

    const fills = parses(wire.fillsResponseSchema, (await call(t.url, 'GET', '/v1/fills', jwt)).body);
    expect(fills.results[0]).toMatchObject({ market: 'SOL-USD-PERP', liquidity: 'TAKER', client_id: 'w-market' });
    parses(wire.accountSummarySchema, (await call(t.url, 'GET', '/v1/account', jwt)).body);
    const cancel = await call(t.url, 'DELETE', '/v1/orders/batch', jwt, { order_ids: [limit.id] });
    parses(wire.cancelBatchResponseSchema, cancel.body);
    parses(wire.restErrorSchema, (await call(t.url, 'GET', '/v1/orders/1', jwt)).body);
  });

  it('WebSocket replies, errors and pushes parse with the client schemas', async () => {
    const ws = await WsProbe.open(t.sim.wsUrl);
    try {
      const jwt = await login(t.url, t.A, t.clock.now());
      parses(wire.wsResultSchema, await ws.rpc('auth', { bearer: jwt }));
      parses(wire.wsErrorSchema, await ws.rpc('subscribe', { channel: 'nope' }));
      for (const channel of ['order_book.ETH-USD-PERP.snapshot@15@50ms', 'order_book.ETH-USD-PERP.deltas', 'bbo.ETH-USD-PERP', 'trades.ALL', 'markets_summary', 'orders.ALL', 'fills.ALL', 'positions', 'account']) {
        parses(wire.wsResultSchema, await ws.rpc('subscribe', { channel }));
      }
      const order = signedOrderBody({ market: 'ETH-USD-PERP', side: 'sell', type: 'MARKET', size: new Decimal('0.05'), price: null, timeInForce: 'GTC', reduceOnly: false, clientId: 'ws-w' }, signer, chain, t.clock.now());
      expect((await call(t.url, 'POST', '/v1/orders', jwt, order)).status).toBe(201);
      await ws.waitFor((m) => m.params?.channel === 'account');
      await ws.waitFor((m) => m.params?.channel === 'trades.ALL');
      t.clock.advance(1000);
      await ws.waitFor((m) => m.params?.channel === 'markets_summary');
      await ws.waitFor((m) => m.params?.channel === 'order_book.ETH-USD-PERP.deltas' && m.params.data.update_type === 'd');
      const schemaOf: Record<string, z.ZodTypeAny> = {
        'order_book.ETH-USD-PERP.snapshot@15@50ms': wire.wsOrderBookSchema,
        'order_book.ETH-USD-PERP.deltas': wire.wsOrderBookSchema,
        'bbo.ETH-USD-PERP': wire.bboSchema,
        'trades.ALL': wire.tradeSchema,
        markets_summary: wire.marketSummarySchema,
        'orders.ALL': wire.orderSchema,
        'fills.ALL': wire.fillSchema,
        positions: wire.positionSchema,
        account: wire.accountSummarySchema,
      };
      const seen = new Set<string>();
      for (const m of ws.messages.filter((x) => x.method === 'subscription')) {
        parses(wire.wsSubscriptionSchema, m);
        parses(schemaOf[m.params.channel]!, m.params.data);
        seen.add(m.params.channel);
      }
      expect([...seen].sort()).toEqual(Object.keys(schemaOf).sort());
    } finally {
      ws.close();
    }
  });
});
