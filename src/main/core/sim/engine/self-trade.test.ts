import Decimal from 'decimal.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { MatchingEngine } from './matching-engine';
import type { OrderRequest } from './order';
import type { SelfTradePolicy } from './self-trade';
import { ethSpec } from './test-helpers';

const d = (v: string | number) => new Decimal(v);

/** Master 100 with sub-account 101; 200 is another master. */
const MASTER = 100;
const SUB = 101;
const OTHER = 200;
const MASTERS: Record<number, number> = { [MASTER]: MASTER, [SUB]: MASTER, [OTHER]: OTHER };

describe('MatchingEngine self-trade prevention', () => {
  let engine: MatchingEngine;

  const req = (over: Partial<OrderRequest>): OrderRequest => ({
    accountId: MASTER,
    marketId: 0,
    clientOrderId: 0,
    side: 'buy',
    type: 'limit',
    timeInForce: 'GTT',
    price: d(3000),
    size: d(1),
    reduceOnly: false,
    expiresAt: 0,
    ...over,
  });
  const place = (over: Partial<OrderRequest>, selfTrade?: SelfTradePolicy) => {
    const r = engine.submit(req(over), { selfTrade });
    if (!r.ok) throw new Error(`rejected: ${r.reason}`);
    return r;
  };

  beforeEach(() => {
    engine = new MatchingEngine({ markets: [ethSpec()], clock: { now: () => 1_000 }, masterAccountOf: (a) => MASTERS[a] ?? a });
    for (const a of [MASTER, SUB, OTHER]) engine.createAccount(a, d(100_000));
  });

  it('expire maker (default): the own resting order is cancelled, the taker trades on with others', () => {
    const own = place({ side: 'sell', price: d(3000), size: d('0.5') }).order;
    const other = place({ accountId: OTHER, side: 'sell', price: d(3001), size: d('0.5') }).order;
    const r = place({ side: 'buy', price: d(3001), size: d('0.5') });
    expect(engine.order(own.id)).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(r.trades.map((t) => t.makerOrderId)).toEqual([other.id]);
    expect(r.order.status).toBe('filled');
  });

  it('expire taker: the taker remainder is cancelled, the own resting order stays, fills before it are kept', () => {
    const other = place({ accountId: OTHER, side: 'sell', price: d(2999), size: d('0.2') }).order;
    const own = place({ side: 'sell', price: d(3000), size: d('0.5') }).order;
    const r = place({ side: 'buy', price: d(3001), size: d(1) }, { behavior: 'expire-taker', equality: 'same-account' });
    expect(r.trades.map((t) => t.makerOrderId)).toEqual([other.id]);
    expect(r.order).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(r.order.filled.toString()).toBe('0.2');
    expect(engine.order(own.id)).toMatchObject({ status: 'open' });
    expect(engine.book(0).sizeAt('sell', d(3000)).toString()).toBe('0.5');
  });

  it('cancel both: the taker and the own resting order are both cancelled, nothing trades', () => {
    const own = place({ side: 'sell', price: d(3000), size: d('0.5') }).order;
    place({ accountId: OTHER, side: 'sell', price: d(3000), size: d('0.5') });
    const r = place({ side: 'buy', price: d(3000), size: d(1) }, { behavior: 'cancel-both', equality: 'same-account' });
    expect(r.trades).toEqual([]);
    expect(r.order).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(engine.order(own.id)).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(engine.book(0).sizeAt('sell', d(3000)).toString()).toBe('0.5');
  });

  it('reduce: both lose the overlapping size without a trade; the smaller ends, the rest matches on', () => {
    const own = place({ side: 'sell', price: d(3000), size: d('0.3') }).order;
    const other = place({ accountId: OTHER, side: 'sell', price: d(3000), size: d('0.5') }).order;
    const r = place({ side: 'buy', price: d(3000), size: d(1) }, { behavior: 'reduce', equality: 'same-account' });
    expect(engine.order(own.id)).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(r.trades.map((t) => [t.makerOrderId, t.size.toString()])).toEqual([[other.id, '0.5']]);
    expect(r.order.status).toBe('open');
    expect(r.order.remaining.toString()).toBe('0.2');
    expect(r.order.size.toString()).toBe('0.7');
    expect(engine.ledger.position(MASTER, 0).size.toString()).toBe('0.5');
  });

  it('reduce: a taker smaller than the own resting order ends cancelled and shrinks the resting order', () => {
    const own = place({ side: 'sell', price: d(3000), size: d(1) }).order;
    const r = place({ side: 'buy', price: d(3000), size: d('0.4') }, { behavior: 'reduce', equality: 'same-account' });
    expect(r.trades).toEqual([]);
    expect(r.order).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(engine.order(own.id)).toMatchObject({ status: 'open' });
    expect(engine.order(own.id)!.remaining.toString()).toBe('0.6');
    expect(engine.book(0).sizeAt('sell', d(3000)).toString()).toBe('0.6');
  });

  it('same account (default equality): a sub-account of the same master trades normally — cross-account hedges fill', () => {
    const subAsk = place({ accountId: SUB, side: 'sell', price: d(3000), size: d('0.5') }).order;
    const r = place({ side: 'buy', price: d(3000), size: d('0.5') }, { behavior: 'cancel-both', equality: 'same-account' });
    expect(r.trades.map((t) => [t.makerAccountId, t.takerAccountId])).toEqual([[SUB, MASTER]]);
    expect(engine.order(subAsk.id)!.status).toBe('filled');
  });

  it('same master: a sub-account of the same master counts as self, another master does not', () => {
    const subAsk = place({ accountId: SUB, side: 'sell', price: d(3000), size: d('0.5') }).order;
    const otherAsk = place({ accountId: OTHER, side: 'sell', price: d(3000), size: d('0.5') }).order;
    const r = place({ side: 'buy', price: d(3000), size: d('0.5') }, { behavior: 'expire-maker', equality: 'same-master' });
    expect(engine.order(subAsk.id)).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(r.trades.map((t) => t.makerOrderId)).toEqual([otherAsk.id]);
  });

  it('the resting order’s own policy does not matter: the taker’s decides', () => {
    const own = place({ side: 'sell', price: d(3000), size: d('0.5') }, { behavior: 'expire-taker', equality: 'same-account' }).order;
    const r = place({ side: 'buy', price: d(3000), size: d('0.5') });
    expect(engine.order(own.id)).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(r.order.status).toBe('open');
  });

  it('a modified order that crosses its own resting order follows the policy given to modify', () => {
    const own = place({ side: 'sell', price: d(3001), size: d('0.5') }).order;
    const bid = place({ side: 'buy', price: d(2990), size: d('0.5') }).order;
    const r = engine.modify(MASTER, bid.id, d(3001), d('0.5'), { behavior: 'expire-taker', equality: 'same-account' });
    expect(r).toMatchObject({ ok: true });
    expect(engine.order(bid.id)).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(engine.order(own.id)).toMatchObject({ status: 'open' });
  });
});
