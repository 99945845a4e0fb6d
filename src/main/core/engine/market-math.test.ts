import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ceilToStep, floorToStep, minOrderSize, offsetPrice } from './market-math';
import { fakeMarket } from './testing/fake-venue';

const d = (v: string | number) => new Decimal(v);

describe('market math', () => {
  it('rounds to the step grid', () => {
    expect(floorToStep(d('0.01239'), d('0.0001')).toString()).toBe('0.0123');
    expect(ceilToStep(d('0.01231'), d('0.0001')).toString()).toBe('0.0124');
  });

  it('the minimum order is the larger of the minimum base amount and the minimum notional at the price', () => {
    expect(minOrderSize(fakeMarket('ETH'), d(3000)).toString()).toBe('0.005');
    expect(minOrderSize(fakeMarket('ETH'), d(1000)).toString()).toBe('0.01');
    expect(minOrderSize(fakeMarket('BTC'), d(99_000)).toString()).toBe('0.00011');
    expect(minOrderSize(fakeMarket('BTC'), d(0)).toString()).toBe('0.0001');
  });

  it('offsets a price in bps and rounds it towards the passive side', () => {
    expect(offsetPrice(d(3000), 3, 'buy', d('0.01')).toString()).toBe('3000.9');
    expect(offsetPrice(d('3000.01'), -3, 'buy', d('0.01')).toString()).toBe('2999.1');
    expect(offsetPrice(d('3000.01'), 3, 'sell', d('0.01')).toString()).toBe('3000.92');
    expect(offsetPrice(d('0.02'), -10_000, 'buy', d('0.01')).toString()).toBe('0.01');
  });
});
