/**
 * The simulator's answers against the client's wire schemas
 * (venues/lighter/wire.ts), with transactions signed by the client's paper
 * signer: both sides must agree on every field name and type.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Clock } from '../../clock';
import { PaperSigner } from '../../venues/lighter/signer/paper-signer';
import * as wire from '../../venues/lighter/wire';
import type { ManualSimClock } from '../engine/sim-clock';
import type { RunningLighterSim } from './lighter-sim';
import { authToken, getJson, postBatch, postTx, startTestSim, WsProbe } from './testing';

const API_KEY = 4;

function parses<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`${JSON.stringify(value).slice(0, 300)}\n${r.error.message}`);
  return r.data;
}

describe('simulator ↔ client wire contract', () => {
  let clock: ManualSimClock, sim: RunningLighterSim, A: number, signer: PaperSigner;
  beforeEach(async () => {
    ({ clock, sim, A } = await startTestSim({ seed: 2 }));
    const coreClock: Clock = { now: () => clock.now(), sleep: () => Promise.resolve() };
    signer = new PaperSigner({ mode: 'paper', accountIndex: A, apiKeyIndex: API_KEY }, coreClock);
  });
  afterEach(() => sim.close());

  it('REST answers parse with the client schemas; paper-signed txs are accepted with the signer’s tx hash', async () => {
    const url = sim.url;
    parses(wire.rootStatusSchema, (await getJson(url, '/')).body);
    parses(wire.orderBookDetailsResponseSchema, (await getJson(url, '/api/v1/orderBookDetails')).body);
    parses(wire.orderBookOrdersResponseSchema, (await getJson(url, '/api/v1/orderBookOrders?market_id=0&limit=20')).body);
    parses(wire.nextNonceResponseSchema, (await getJson(url, `/api/v1/nextNonce?account_index=${A}&api_key_index=${API_KEY}`)).body);

    const limit = await signer.signCreateOrder({ marketIndex: 0, clientOrderIndex: 41, baseAmount: 1000, price: 290_000, isAsk: false, orderType: 0, timeInForce: 1, reduceOnly: false, triggerPrice: 0, orderExpiry: -1 }, 0);
    const sent = parses(wire.sendTxResponseSchema, (await postTx(url, limit.txType, JSON.parse(limit.txInfo))).body);
    expect(sent).toMatchObject({ code: 200, tx_hash: limit.txHash });
    const market = await signer.signCreateOrder({ marketIndex: 0, clientOrderIndex: 42, baseAmount: 500, price: 310_000, isAsk: false, orderType: 1, timeInForce: 0, reduceOnly: false, triggerPrice: 0, orderExpiry: 0 }, 1);
    const modify = await signer.signModifyOrder(0, 41, 2000, 289_000, 0, 2);
    const batch = parses(wire.sendTxBatchResponseSchema, (await postBatch(url, [market.txType, modify.txType], [JSON.parse(market.txInfo), JSON.parse(modify.txInfo)])).body);
    expect(batch.tx_hash).toEqual([market.txHash, modify.txHash]);
    const cancel = await signer.signCancelOrder(0, 41, 3);
    expect((await postTx(url, cancel.txType, JSON.parse(cancel.txInfo))).status).toBe(200);
    const cancelAll = await signer.signCancelAllOrders(0, 0, 4);
    expect((await postTx(url, cancelAll.txType, JSON.parse(cancelAll.txInfo))).status).toBe(200);

    const auth = { Authorization: await signer.createAuthToken(Math.floor(clock.now() / 1000) + 3600) };
    const account = parses(wire.accountResponseSchema, (await getJson(url, `/api/v1/account?by=index&value=${A}`)).body);
    expect(account.accounts[0]!.positions[0]).toMatchObject({ sign: 1, position: '0.0500' });
    const l1 = account.accounts[0]!.l1_address!;
    parses(wire.accountsByL1AddressResponseSchema, (await getJson(url, `/api/v1/accountsByL1Address?l1_address=${l1}`)).body);
    parses(wire.apiKeysResponseSchema, (await getJson(url, `/api/v1/apikeys?account_index=${A}&api_key_index=255`)).body);
    parses(wire.ordersResponseSchema, (await getJson(url, `/api/v1/accountActiveOrders?account_index=${A}`, auth)).body);
    const inactive = parses(wire.ordersResponseSchema, (await getJson(url, `/api/v1/accountInactiveOrders?account_index=${A}&limit=10`, auth)).body);
    expect(inactive.orders.map((o) => [o.client_order_index, o.status])).toEqual([
      [41, 'canceled'],
      [42, 'filled'],
    ]);
    expect(wire.ORDER_STATUSES).toContain(inactive.orders[0]!.status);
    const trades = parses(wire.tradesResponseSchema, (await getJson(url, `/api/v1/trades?sort_by=block_height&limit=10&account_index=${A}`, auth)).body);
    expect(trades.trades[0]!.tx_hash).toBe(market.txHash);
    parses(wire.tradesResponseSchema, (await getJson(url, '/api/v1/recentTrades?market_id=0&limit=10')).body);
    parses(wire.restErrorSchema, (await getJson(url, '/api/v1/orderBookOrders?market_id=0')).body);
  });

  it('WebSocket messages parse with the client schemas', async () => {
    const ws = await WsProbe.open(sim.wsUrl);
    try {
      parses(wire.wsConnectedSchema, ws.messages[0]);
      const token = authToken(A, clock.now());
      for (const channel of ['order_book/0', 'trade/0', 'market_stats/0', 'market_stats/all', `account_all/${A}`, `account_all_trades/${A}`, `user_stats/${A}`]) {
        ws.send({ type: 'subscribe', channel });
      }
      ws.send({ type: 'subscribe', channel: `account_all_orders/${A}`, auth: token });
      ws.send({ type: 'subscribe', channel: `account_orders/0/${A}`, auth: token });
      const tx = await signer.signCreateOrder({ marketIndex: 0, clientOrderIndex: 9, baseAmount: 500, price: 310_000, isAsk: false, orderType: 1, timeInForce: 0, reduceOnly: false, triggerPrice: 0, orderExpiry: 0 }, 0);
      ws.send({ type: 'jsonapi/sendtx', data: { id: '1', tx_type: tx.txType, tx_info: JSON.parse(tx.txInfo) } });
      expect(parses(wire.wsSendTxResponseSchema, await ws.next((m) => m.id === '1')).tx_hash).toBe(tx.txHash);
      const pairs: [string, z.ZodType][] = [
        ['order_book', wire.wsOrderBookSchema],
        ['trade', wire.wsTradeSchema],
        ['market_stats', wire.wsMarketStatsSchema],
        ['account_all', wire.wsAccountAllSchema],
        ['account_all_trades', wire.wsAccountAllTradesSchema],
        ['user_stats', wire.wsUserStatsSchema],
        ['account_all_orders', wire.wsAccountAllOrdersSchema],
        ['account_orders', wire.wsAccountOrdersSchema],
      ];
      for (const [kind, schema] of pairs) {
        parses(schema, await ws.next((m) => m.type === `subscribed/${kind}`));
        parses(schema, await ws.next((m) => m.type === `update/${kind}`));
      }
      const batch = [await signer.signCancelAllOrders(0, 0, 1)];
      ws.send({ type: 'jsonapi/sendtxbatch', data: { id: '2', tx_types: JSON.stringify(batch.map((b) => b.txType)), tx_infos: JSON.stringify(batch.map((b) => b.txInfo)) } });
      parses(wire.wsSendTxBatchResponseSchema, await ws.next((m) => m.id === '2'));
      ws.send({ type: 'jsonapi/sendtx', data: { id: '3', tx_type: tx.txType, tx_info: JSON.parse(tx.txInfo) } });
      parses(wire.wsErrorSchema, await ws.next((m) => m.id === '3'));
    } finally {
      ws.close();
    }
  });
});
