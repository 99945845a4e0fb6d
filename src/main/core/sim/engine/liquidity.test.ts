import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { SyntheticLiquidity } from './liquidity';
import { MatchingEngine } from './matching-engine';
import { ManualSimClock } from './sim-clock';
import { ethSpec } from './test-helpers';

const d = (v: string | number) => new Decimal(v);
const eth = ethSpec();
const MAKERS = [100, 101, 102];

function world(seed: number) {
  const clock = new ManualSimClock();
  const engine = new MatchingEngine({ markets: [eth, { ...eth, id: 1, symbol: 'OFF', status: 'inactive' }], clock });
  for (const m of MAKERS) engine.createAccount(m, d(0), { unlimited: true });
  const liquidity = new SyntheticLiquidity({ engine, clock, makerAccounts: MAKERS, seed, initialMids: new Map([[0, d(3000)], [1, d(1)]]) });
  liquidity.activate(0);
  liquidity.activate(1);
  liquidity.start();
  const snapshot = () => ({
    mid: liquidity.mid(0)!.toString(),
    bids: engine.book(0).depth('buy').map((l) => `${l.price}x${l.size}`),
    asks: engine.book(0).depth('sell').map((l) => `${l.price}x${l.size}`),
  });
  return { clock, engine, liquidity, snapshot };
}

describe('SyntheticLiquidity', () => {
  it('quotes ladders of every maker around the mid, on both sides, without crossing', () => {
    const { engine, liquidity } = world(1);
    const book = engine.book(0);
    expect(book.levels('buy')).toHaveLength(15);
    expect(book.levels('sell')).toHaveLength(15);
    expect(book.best('buy')!.price.lt(book.best('sell')!.price)).toBe(true);
    expect(book.best('buy')!.price.lte(liquidity.mid(0)!)).toBe(true);
    expect(engine.markPrice(0)!.toString()).toBe('3000');
    expect(liquidity.mid(1)).toBeNull(); // inactive markets are never quoted
  });

  it('is deterministic for a seed: same clock steps, same mids and books', () => {
    const a = world(7);
    const b = world(7);
    const c = world(8);
    const runs = [a, b, c].map((w) => {
      const states = [];
      for (let i = 0; i < 5; i++) {
        w.clock.advance(1000);
        states.push(w.snapshot());
      }
      return states;
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).not.toEqual(runs[2]);
    expect(new Set(runs[0]!.map((s) => s.mid)).size).toBeGreaterThan(1);
  });

  it('fills a resting user order the price moves through, and follows setMid', () => {
    const { engine, liquidity, clock } = world(3);
    engine.createAccount(1, d(10_000));
    const r = engine.submit({ accountId: 1, marketId: 0, clientOrderId: 0, side: 'sell', type: 'limit', timeInForce: 'GTT', price: d(3010), size: d('0.1'), reduceOnly: false, expiresAt: 0 });
    expect(r.ok && r.order.status).toBe('open');
    liquidity.setMid(0, d(3100));
    expect(engine.ledger.position(1, 0).size.toString()).toBe('-0.1');
    expect(engine.markPrice(0)!.toString()).toBe('3100');
    liquidity.stop();
    const before = liquidity.mid(0)!.toString();
    clock.advance(5_000);
    expect(liquidity.mid(0)!.toString()).toBe(before);
    expect(() => liquidity.setMid(1, d(2))).toThrow(/cannot be quoted/);
  });
});
