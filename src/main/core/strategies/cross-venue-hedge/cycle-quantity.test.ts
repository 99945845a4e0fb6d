import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { fakeMarket } from '../../engine/testing/fake-venue';
import type { Market } from '../../venues/venue';
import { commonStep, cycleQuantity, CycleQuantityError } from './cycle-quantity';

const d = (v: string | number) => new Decimal(v);
const eth = (patch: Partial<Market> = {}): Market => ({ ...fakeMarket('ETH'), ...patch });

describe('commonStep', () => {
  it('is the coarser step when it is a multiple of the finer one', () => {
    expect(commonStep(d('0.0001'), d('0.001')).toString()).toBe('0.001');
    expect(commonStep(d('0.01'), d('0.0001')).toString()).toBe('0.01');
    expect(commonStep(d('0.001'), d('0.001')).toString()).toBe('0.001');
  });
  it('is the least common multiple otherwise', () => {
    expect(commonStep(d('0.0004'), d('0.0006')).toString()).toBe('0.0012');
    expect(commonStep(d('0.02'), d('0.003')).toString()).toBe('0.06');
  });
});

describe('cycleQuantity', () => {
  it('divides the margin by the average mid and rounds down to the coarser step', () => {
    // 100 / 3000 = 0.03333… → 0.033 on a 0.001 step (the other venue has 0.0001).
    const size = cycleQuantity(d(100), [
      { name: 'paradex', market: eth({ stepSize: d('0.001') }), mid: d(2990) },
      { name: 'lighter', market: eth(), mid: d(3010) },
    ]);
    expect(size.toString()).toBe('0.033');
  });

  it('never rounds up: a margin just below a step gives the step below', () => {
    expect(cycleQuantity(d('29.99'), [
      { name: 'a', market: eth(), mid: d(3000) },
      { name: 'b', market: eth(), mid: d(3000) },
    ]).toString()).toBe('0.0099');
  });

  it('refuses a quantity below either minimum size, naming the venue and the numbers', () => {
    const legs = [
      { name: 'paradex account "P"', market: eth({ minBaseAmount: d('0.01') }), mid: d(3000) },
      { name: 'lighter account "L"', market: eth(), mid: d(3000) },
    ] as const;
    expect(() => cycleQuantity(d(20), legs)).toThrow(CycleQuantityError);
    expect(() => cycleQuantity(d(20), legs)).toThrow('margin 20 USDC buys 0.0066 ETH at the average mid 3000 (step 0.0001), below the minimum size of 0.01 ETH on paradex account "P"');
  });

  it('refuses a quantity below either minimum notional at that venue\'s mid', () => {
    const legs = [
      { name: 'a', market: eth({ minNotional: d(10) }), mid: d(3300) },
      { name: 'b', market: eth({ minNotional: d(12) }), mid: d(2700) },
    ] as const;
    // 30 / 3000 = 0.01 → 27 USDC at b's mid: fine; 33 USDC at a's: fine.
    expect(cycleQuantity(d(30), legs).toString()).toBe('0.01');
    // 12 / 3000 = 0.004 → 10.8 USDC at b's mid, below 12.
    expect(() => cycleQuantity(d(16), [legs[0], { ...legs[1], market: eth({ minNotional: d(15), minBaseAmount: d('0.001') }) }])).toThrow(
      /0\.0053 ETH is 14\.31 USDC at b's mid 2700, below its minimum notional of 15 USDC/,
    );
  });
});
