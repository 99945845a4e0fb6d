import Decimal from 'decimal.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { MatchingEngine } from './matching-engine';
import type { MarketSpec } from './market-spec';
import type { EngineOrder, OrderRequest } from './order';
import { ethSpec } from './test-helpers';
import type { EngineTrade } from './trade';

const d = (v: string | number) => new Decimal(v);

const MM = 1;
const A = 2;
const B = 3;

describe('MatchingEngine', () => {
  let now: number;
  let engine: MatchingEngine;
  let orders: EngineOrder[];
  let trades: EngineTrade[];

  const req = (over: Partial<OrderRequest>): OrderRequest => ({
    accountId: A,
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
  const place = (over: Partial<OrderRequest>) => {
    const r = engine.submit(req(over));
    if (!r.ok) throw new Error(`rejected: ${r.reason}`);
    return r;
  };

  function setup(over: Partial<MarketSpec> = {}) {
    now = 1_000;
    engine = new MatchingEngine({ markets: [ethSpec(over)], clock: { now: () => now }, firstOrderId: 2 ** 48 });
    engine.createAccount(MM, d(0), { unlimited: true });
    engine.createAccount(A, d(100_000));
    engine.createAccount(B, d(100_000));
    orders = [];
    trades = [];
    engine.on('order', (o) => orders.push(o));
    engine.on('trade', (t) => trades.push(t));
  }
  beforeEach(() => setup());

  it('assigns increasing order ids from firstOrderId and keeps bids/asks sorted best first', () => {
    const a = place({ accountId: MM, price: d(2999), side: 'buy' }).order;
    const b = place({ accountId: MM, price: d(3001), side: 'buy' }).order;
    place({ accountId: MM, price: d(3005), side: 'sell' });
    place({ accountId: MM, price: d(3003), side: 'sell' });
    expect(a.id).toBe(2 ** 48);
    expect(b.id).toBe(2 ** 48 + 1);
    const book = engine.book(0);
    expect(book.depth('buy').map((l) => l.price.toString())).toEqual(['3001', '2999']);
    expect(book.depth('sell').map((l) => l.price.toString())).toEqual(['3003', '3005']);
  });

  it('matches at the makers’ prices in price-time priority, with partial fills', () => {
    const first = place({ accountId: MM, side: 'sell', price: d(3001), size: d('0.5') }).order;
    now = 2_000;
    const second = place({ accountId: MM, side: 'sell', price: d(3001), size: d('0.5') }).order;
    const better = place({ accountId: MM, side: 'sell', price: d(3000), size: d('0.2') }).order;
    const r = place({ accountId: A, side: 'buy', price: d(3001), size: d('0.9') });
    expect(r.trades.map((t) => [t.makerOrderId, t.price.toString(), t.size.toString()])).toEqual([
      [better.id, '3000', '0.2'],
      [first.id, '3001', '0.5'],
      [second.id, '3001', '0.2'],
    ]);
    expect(r.order.status).toBe('filled');
    expect(r.order.filledQuote.toString()).toBe(d('0.2').mul(3000).add(d('0.7').mul(3001)).toString());
    const rest = engine.order(second.id)!;
    expect(rest.status).toBe('open');
    expect(rest.remaining.toString()).toBe('0.3');
    expect(engine.ledger.position(A, 0).size.toString()).toBe('0.9');
    expect(engine.ledger.position(MM, 0).size.toString()).toBe('-0.9');
  });

  it('rests the remainder of a GTT limit order that crossed part of the book', () => {
    place({ accountId: MM, side: 'sell', price: d(3000), size: d('0.3') });
    const r = place({ accountId: A, side: 'buy', price: d(3000), size: d(1) });
    expect(r.trades).toHaveLength(1);
    expect(r.order.status).toBe('open');
    expect(r.order.remaining.toString()).toBe('0.7');
    expect(engine.book(0).best('buy')?.price.toString()).toBe('3000');
  });

  it('cancels a post-only order that would cross, and rests one that does not', () => {
    place({ accountId: MM, side: 'sell', price: d(3000) });
    const crossing = place({ side: 'buy', price: d(3000), timeInForce: 'POST_ONLY', expiresAt: 10_000 });
    expect(crossing.order).toMatchObject({ status: 'canceled', cancelReason: 'post-only' });
    expect(crossing.trades).toEqual([]);
    const passive = place({ side: 'buy', price: d('2999.99'), timeInForce: 'POST_ONLY', expiresAt: 10_000 });
    expect(passive.order.status).toBe('open');
  });

  it('cancels the IOC remainder: price-bound when liquidity is beyond the limit, no-liquidity when the book runs out', () => {
    place({ accountId: MM, side: 'sell', price: d(3000), size: d('0.4') });
    place({ accountId: MM, side: 'sell', price: d(3010), size: d('0.4') });
    const ioc = place({ side: 'buy', price: d(3005), size: d(1), timeInForce: 'IOC' });
    expect(ioc.order).toMatchObject({ status: 'canceled', cancelReason: 'price-bound' });
    expect(ioc.order.filled.toString()).toBe('0.4');
    const market = place({ side: 'buy', type: 'market', timeInForce: 'IOC', price: d(4000), size: d(1) });
    expect(market.order).toMatchObject({ status: 'canceled', cancelReason: 'no-liquidity', timeInForce: 'IOC' });
    expect(market.order.filled.toString()).toBe('0.4');
    expect(engine.book(0).best('buy')).toBeUndefined();
  });

  it('bounds a market order by its worst price', () => {
    place({ accountId: MM, side: 'buy', price: d(2990), size: d(1) });
    const r = place({ side: 'sell', type: 'market', timeInForce: 'IOC', price: d(2995), size: d('0.5') });
    expect(r.trades).toEqual([]);
    expect(r.order.cancelReason).toBe('price-bound');
  });

  it('reduce-only: rejects an order that would increase, caps a fill at the position, cancels resting ones when flat', () => {
    expect(engine.precheck(req({ side: 'sell', reduceOnly: true }))).toBe('reduce-only-increases');
    place({ accountId: MM, side: 'sell', price: d(3000), size: d(2) });
    place({ side: 'buy', price: d(3000), size: d('0.5') });
    expect(engine.precheck(req({ side: 'buy', reduceOnly: true }))).toBe('reduce-only-increases');
    const resting = place({ side: 'sell', price: d(3100), size: d('0.5'), reduceOnly: true }).order;
    place({ accountId: MM, side: 'buy', price: d(2990), size: d(2) });
    const close = place({ side: 'sell', price: d(2990), size: d(1), reduceOnly: true, timeInForce: 'IOC' });
    expect(close.order.filled.toString()).toBe('0.5');
    expect(close.order).toMatchObject({ status: 'canceled', cancelReason: 'reduce-only' });
    expect(engine.ledger.position(A, 0).size.isZero()).toBe(true);
    expect(engine.order(resting.id)).toMatchObject({ status: 'canceled', cancelReason: 'reduce-only' });
  });

  it('records a precheck failure as a cancelled order when asked to', () => {
    const r = engine.submit(req({ side: 'sell', reduceOnly: true }), { onReject: 'cancel' });
    expect(r.ok && r.order).toMatchObject({ status: 'canceled', cancelReason: 'reduce-only' });
    expect(engine.submit(req({ size: d('0.001') }), { onReject: 'cancel' })).toEqual({ ok: false, reason: 'below-minimum' });
  });

  it('charges maker and taker fees from the market rates into collateral', () => {
    setup({ makerFeeRate: d('0.0002'), takerFeeRate: d('0.0005') });
    place({ accountId: B, side: 'sell', price: d(3000), size: d(1) });
    const r = place({ side: 'buy', price: d(3000), size: d(1) });
    const t = r.trades[0]!;
    expect(t.takerFee.toString()).toBe('1.5');
    expect(t.makerFee.toString()).toBe('0.6');
    expect(engine.ledger.get(A)!.collateral.toString()).toBe('99998.5');
    expect(engine.ledger.get(B)!.collateral.toString()).toBe('99999.4');
  });

  it('tracks average entry, realized and unrealized PnL and a liquidation estimate', () => {
    place({ accountId: MM, side: 'sell', price: d(3000), size: d(1) });
    place({ side: 'buy', price: d(3000), size: d(1) });
    place({ accountId: MM, side: 'sell', price: d(3100), size: d(1) });
    place({ side: 'buy', price: d(3100), size: d(1) });
    expect(engine.ledger.position(A, 0).avgEntry.toString()).toBe('3050');
    engine.setMark(0, d(3200));
    const m = engine.margin(A);
    expect(m.unrealizedPnl.toString()).toBe('300');
    expect(m.equity.toString()).toBe('100300');
    expect(m.initialMargin.toString()).toBe(d(2).mul(3200).mul('0.05').toString());
    place({ accountId: MM, side: 'buy', price: d(3150), size: d('0.5') });
    place({ side: 'sell', price: d(3150), size: d('0.5') });
    const pos = engine.ledger.position(A, 0);
    expect(pos.realizedPnl.toString()).toBe('50');
    expect(pos.avgEntry.toString()).toBe('3050');
    expect(engine.ledger.get(A)!.collateral.toString()).toBe('100050');
    // equity(P) = 100050 + 1.5 (P − 3050) = 1.5 P × 0.012  →  P = (1.5 × 3050 − 100050) / (1.5 × 0.988) < 0
    expect(engine.liquidationPrice(A, 0)!.toString()).toBe('0');
    engine.adjustCollateral(A, d(-99_000));
    const expected = d('1.5').mul(3200).sub(d(1050).add(d('1.5').mul(150))).div(d('1.5').mul('0.988'));
    expect(engine.liquidationPrice(A, 0)!.toString()).toBe(expected.toString());
  });

  it('rejects an order that increases exposure beyond the initial margin, but not a reducing one', () => {
    setup();
    engine.adjustCollateral(A, d(-99_900)); // 100 USDC at 5 % IMF → 2000 USDC of exposure
    engine.setMark(0, d(3000));
    expect(engine.precheck(req({ size: d('0.66') }))).toBeNull();
    expect(engine.precheck(req({ size: d('0.67') }))).toBe('insufficient-margin');
    place({ side: 'buy', price: d(2900), size: d('0.6') });
    expect(engine.precheck(req({ side: 'buy', price: d(2900), size: d('0.1') }))).toBe('insufficient-margin');
    // the other side is covered by the same margin (worst case of either side filling)
    expect(engine.precheck(req({ side: 'sell', price: d(3100), size: d('0.6') }))).toBeNull();
  });

  it('cancels at match time when the fill would break the margin (maker: the maker order; taker: the rest)', () => {
    engine.adjustCollateral(A, d(-99_900));
    engine.setMark(0, d(3000));
    const maker = place({ side: 'buy', price: d(3000), size: d('0.6') }).order;
    engine.setMark(0, d(2000)); // the mark falls: buying at 3000 now loses 600 at once
    const r = place({ accountId: MM, side: 'sell', price: d(3000), size: d('0.6'), timeInForce: 'IOC' });
    expect(r.trades).toEqual([]);
    expect(engine.order(maker.id)).toMatchObject({ status: 'canceled', cancelReason: 'margin' });
    place({ accountId: MM, side: 'sell', price: d(3000), size: d(1) });
    const taker = place({ side: 'buy', type: 'market', timeInForce: 'IOC', price: d(3000), size: d('0.2') }); // passes the precheck at the 2000 mark, loses 200 > equity on the fill
    expect(taker.order).toMatchObject({ status: 'canceled', cancelReason: 'margin' });
  });

  it('expires the resting order of the same account (self-trade, expire maker)', () => {
    const own = place({ side: 'sell', price: d(3000), size: d('0.5') }).order;
    place({ accountId: MM, side: 'sell', price: d(3001), size: d('0.5') });
    const r = place({ side: 'buy', price: d(3001), size: d('0.5') });
    expect(engine.order(own.id)).toMatchObject({ status: 'canceled', cancelReason: 'self-trade' });
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.makerAccountId).toBe(MM);
  });

  it('fills only a fraction of a crossing order when told to (fault injection)', () => {
    place({ accountId: MM, side: 'sell', price: d(3000), size: d(5) });
    const r = engine.submit(req({ size: d(1) }), { fillFraction: 0.25 });
    expect(r.ok && r.order).toMatchObject({ status: 'canceled', cancelReason: 'no-liquidity' });
    expect(r.ok && r.order.filled.toString()).toBe('0.25');
  });

  it('modifies: smaller size keeps priority, a new price re-queues and may match', () => {
    const first = place({ accountId: B, side: 'sell', price: d(3000), size: d(1) }).order;
    const second = place({ accountId: MM, side: 'sell', price: d(3000), size: d(1) }).order;
    expect(engine.modify(B, first.id, d(3000), d('0.5'))?.ok).toBe(true);
    expect(engine.book(0).best('sell')!.orders[0]!.id).toBe(first.id);
    expect(engine.modify(B, first.id, d(3000), d(2))?.ok).toBe(true);
    expect(engine.book(0).best('sell')!.orders[0]!.id).toBe(second.id);
    place({ side: 'buy', price: d(2990), size: d(1) });
    const moved = engine.modify(B, first.id, d(2990), d(2));
    expect(moved?.ok && moved.trades.map((t) => t.size.toString())).toEqual(['1']);
    expect(engine.modify(A, first.id, d(2990), d(1))).toBeNull();
  });

  it('cancels, cancels all per market, and expires orders whose time has passed', () => {
    const a = place({ side: 'buy', price: d(2900), expiresAt: 5_000 }).order;
    const b = place({ side: 'buy', price: d(2800) }).order;
    expect(engine.cancel(B, a.id)).toBeNull();
    expect(engine.cancel(A, b.id)?.cancelReason).toBe('canceled');
    now = 5_000;
    expect(engine.expireDue().map((o) => o.id)).toEqual([a.id]);
    place({ side: 'buy', price: d(2700) });
    expect(engine.cancelAll(A, 0)).toHaveLength(1);
    expect(engine.openOrders(A)).toEqual([]);
    expect(engine.finishedOrders(A).map((o) => o.cancelReason)).toEqual(['canceled', 'expired', 'canceled']);
  });

  it('refuses orders off the tick or step, below the minimums, and in inactive markets', () => {
    expect(engine.precheck(req({ price: d('3000.001') }))).toBe('invalid-price');
    expect(engine.precheck(req({ size: d('0.00001') }))).toBe('invalid-size');
    expect(engine.precheck(req({ size: d('0.004') }))).toBe('below-minimum');
    expect(engine.precheck(req({ price: d(1000), size: d('0.0099') }))).toBe('below-minimum');
    setup({ status: 'inactive' });
    expect(engine.precheck(req({}))).toBe('market-inactive');
    setup({ status: 'reduce-only' });
    expect(engine.precheck(req({}))).toBe('market-reduce-only');
  });

  it('emits order and trade events with snapshots', () => {
    place({ accountId: MM, side: 'sell', price: d(3000), size: d(1) });
    place({ side: 'buy', price: d(3000), size: d('0.4') });
    expect(trades).toHaveLength(1);
    expect(orders.map((o) => [o.accountId, o.status, o.remaining.toString()])).toEqual([
      [MM, 'open', '1'],
      [MM, 'open', '0.6'],
      [A, 'filled', '0'],
    ]);
  });

  it('keeps leverage changes that the margin allows', () => {
    engine.adjustCollateral(A, d(-99_900));
    engine.setMark(0, d(3000));
    place({ side: 'buy', price: d(2900), size: d('0.6') });
    expect(engine.setInitialMarginFraction(A, 0, d('0.1'))).toBe(false);
    expect(engine.initialMarginFraction(A, 0).toString()).toBe('0.05');
    expect(engine.setInitialMarginFraction(A, 0, d('0.02'))).toBe(true);
    expect(engine.initialMarginFraction(A, 0).toString()).toBe('0.02');
  });
});
