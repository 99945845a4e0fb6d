import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BelowMinSizeError, InvalidOrderError } from '../venue-errors';
import { checkOrderLimits, roundPrice, roundSize, toQuantums, type MarketScale } from './codec';

const d = (v: string) => new Decimal(v);
const ETH: MarketScale = { symbol: 'ETH', tickSize: d('0.01'), stepSize: d('0.001'), minBaseAmount: d('0.001'), minNotional: d('100'), maxNotional: null };
const SOL: MarketScale = { ...ETH, symbol: 'SOL', tickSize: d('0.005'), stepSize: d('0.5') };

describe('Paradex codec (paradex.md §5, §7)', () => {
  it('sizes round down to the step; never larger than asked', () => {
    expect(roundSize(d('0.12345'), ETH).toString()).toBe('0.123');
    expect(roundSize(d('1.99'), SOL).toString()).toBe('1.5');
    expect(() => roundSize(d('0.0004'), ETH)).toThrow(BelowMinSizeError);
    expect(() => roundSize(d('-1'), ETH)).toThrow(InvalidOrderError);
  });

  it('prices round to the tick on the protective side: buy down, sell up (also for non-decimal ticks)', () => {
    expect(roundPrice(d('3000.019'), 'buy', ETH).toString()).toBe('3000.01');
    expect(roundPrice(d('3000.011'), 'sell', ETH).toString()).toBe('3000.02');
    expect(roundPrice(d('150.007'), 'buy', SOL).toString()).toBe('150.005');
    expect(roundPrice(d('150.007'), 'sell', SOL).toString()).toBe('150.01');
    expect(() => roundPrice(d('0'), 'buy', ETH)).toThrow(InvalidOrderError);
  });

  it('minimum notional applies to opening orders, not to reduce-only ones (paradex.md §7)', () => {
    expect(() => checkOrderLimits(d('0.01'), d('3000'), false, ETH)).toThrow(/notional 30 USDC below the minimum 100/);
    expect(() => checkOrderLimits(d('0.01'), d('3000'), true, ETH)).not.toThrow();
    expect(() => checkOrderLimits(d('0.04'), d('3000'), false, ETH)).not.toThrow();
    expect(() => checkOrderLimits(d('1'), d('3000'), false, { ...ETH, maxNotional: d('1000') })).toThrow(InvalidOrderError);
  });

  it('chain quanta: × 10^8, floored (official TS sample toQuantums)', () => {
    expect(toQuantums(d('0.1'), 8)).toBe('10000000');
    expect(toQuantums(d('1500'), 8)).toBe('150000000000');
    expect(toQuantums(d('0.000000019'), 8)).toBe('1');
  });
});
