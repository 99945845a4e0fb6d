import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { computeNetExposure, type ExposureInput } from './net-exposure';

const pos = (symbol: string, size: string, mark: string | null, decimals: [number, number] = [2, 4]): ExposureInput => ({
  symbol,
  size: new Decimal(size),
  markPrice: mark === null ? null : new Decimal(mark),
  priceDecimals: decimals[0],
  sizeDecimals: decimals[1],
});

describe('computeNetExposure', () => {
  it('sums signed sizes per symbol across accounts on several venues and values |net| at the first known mark', () => {
    const lighterA = [pos('ETH', '1.5', '3000'), pos('BTC', '-0.01', '60000', [1, 5])];
    const lighterB = [pos('ETH', '-0.75', '3001')];
    const paradexC = [pos('ETH', '-0.5', '2999.5'), pos('BTC', '0.002', '60010', [1, 5])];
    const result = computeNetExposure([lighterA, lighterB, paradexC], new Decimal('100'));
    expect(result).toEqual([
      { symbol: 'BTC', netSize: '-0.008', markPrice: '60000', netNotional: '480', beyondThreshold: true, accounts: 2, priceDecimals: 1, sizeDecimals: 5 },
      { symbol: 'ETH', netSize: '0.25', markPrice: '3000', netNotional: '750', beyondThreshold: true, accounts: 3, priceDecimals: 2, sizeDecimals: 4 },
    ]);
  });

  it('keeps a fully hedged symbol at zero and ignores zero positions', () => {
    const result = computeNetExposure([[pos('SOL', '10', '150')], [pos('SOL', '-4', '150.1'), pos('ETH', '0', '3000')], [pos('SOL', '-6', null)]], new Decimal('0'));
    expect(result).toEqual([{ symbol: 'SOL', netSize: '0', markPrice: '150', netNotional: '0', beyondThreshold: false, accounts: 3, priceDecimals: 2, sizeDecimals: 4 }]);
  });

  it('is beyond the threshold only strictly above it', () => {
    const at = computeNetExposure([[pos('ETH', '0.05', '2000')]], new Decimal('100'));
    expect(at[0]).toMatchObject({ netNotional: '100', beyondThreshold: false });
    const above = computeNetExposure([[pos('ETH', '0.050001', '2000')]], new Decimal('100'));
    expect(above[0]).toMatchObject({ netNotional: '100.002', beyondThreshold: true });
    const short = computeNetExposure([[pos('ETH', '-0.050001', '2000')]], new Decimal('100'));
    expect(short[0]).toMatchObject({ netSize: '-0.050001', netNotional: '100.002', beyondThreshold: true });
  });

  it('takes the first known mark and values an unknown one at 0', () => {
    expect(computeNetExposure([[pos('ETH', '1', null)], [pos('ETH', '1', '2500')]], new Decimal('1'))[0]).toMatchObject({ markPrice: '2500', netNotional: '5000' });
    expect(computeNetExposure([[pos('ETH', '1', null)]], new Decimal('1'))[0]).toMatchObject({ markPrice: '0', netNotional: '0', beyondThreshold: false });
  });

  it('returns nothing without positions', () => {
    expect(computeNetExposure([[], []], new Decimal('100'))).toEqual([]);
  });
});
