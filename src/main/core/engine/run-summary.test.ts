import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { FillRecord } from '../store/fills-repository';
import type { ExposureSample } from '../store/run-samples-repository';
import { computeRunSummary } from './run-summary';
import { formatSummaryTable } from './summary-text';

const d = (v: string | number) => new Decimal(v);
const T0 = 1_000_000;
const HOUR = 3_600_000;

function fill(accountId: string, side: 'buy' | 'sell', size: string, price: string, at: number, liquidity: 'maker' | 'taker', fee = '0', symbol = 'ETH'): FillRecord {
  return { venue: 'lighter', accountId, fillId: `${accountId}-${at}`, runId: 'run', symbol, venueOrderId: '1', clientOrderId: null, purpose: 'entry', side, price: d(price), size: d(size), fee: d(fee), liquidity, venueTime: at, recordedAt: at };
}

describe('computeRunSummary', () => {
  it('volume split, maker ratio, fees, realized PnL (average cost), wear, exposure and position-hours', () => {
    const fills = [
      fill('A', 'buy', '1', '3000', T0, 'maker', '0.3'), // A long 1 @ 3000
      fill('B', 'sell', '1', '2999', T0, 'taker', '0.6'), // B short 1 @ 2999
      fill('A', 'sell', '1', '2990', T0 + HOUR, 'maker', '0.3'), // A closes: −10
      fill('B', 'buy', '1', '2991', T0 + HOUR, 'taker', '0.6'), // B closes: +8
    ];
    const exposure: ExposureSample[] = [
      { symbol: 'ETH', netSize: d(1), pendingSize: d(-1), price: d(3000), at: T0 },
      { symbol: 'ETH', netSize: d(0), pendingSize: d(0), price: d(2999), at: T0 + HOUR / 2 },
    ];
    const s = computeRunSummary({ fills, exposure, startedAt: T0, endedAt: T0 + 2 * HOUR });
    expect(s.durationMs).toBe(2 * HOUR);
    const eth = s.symbols[0]!;
    expect(eth.symbol).toBe('ETH');
    expect(eth).toMatchObject({
      fills: 4,
      volume: '11980',
      makerVolume: '5990',
      takerVolume: '5990',
      makerRatio: '0.5',
      fees: '1.8',
      realizedPnl: '-2',
      maxAbsNetExposure: '3000',
      twAbsNetExposure: '750', // 3000 USDC for half an hour of two hours
    });
    expect(eth.wearPer10k).toBe(d('3.8').div(11980).times(10_000).toDecimalPlaces(4).toFixed()); // (fees 1.8 + loss 2) per 10k
    expect(eth.positionUsdcHours).toBe('5999'); // 1 × 3000 × 1 h + 1 × 2999 × 1 h
    expect(s.total).toMatchObject({ volume: '11980', realizedPnl: '-2', positionUsdcHours: '5999' });
    expect(formatSummaryTable(s)).toMatch(/ETH\s+4\s+11980\.00/);
  });

  it('a profitable run has no realized loss in its wear; an empty run is all zeros', () => {
    const fills = [fill('A', 'buy', '1', '100', T0, 'maker'), fill('A', 'sell', '1', '110', T0 + 1, 'maker')];
    const s = computeRunSummary({ fills, exposure: [], startedAt: T0, endedAt: T0 + 10 });
    expect(s.total.realizedPnl).toBe('10');
    expect(s.total.wearPer10k).toBe('0');
    const empty = computeRunSummary({ fills: [], exposure: [], startedAt: T0, endedAt: T0 });
    expect(empty.total).toMatchObject({ fills: 0, volume: '0', makerRatio: '0', wearPer10k: '0', twAbsNetExposure: '0' });
    expect(empty.symbols).toEqual([]);
  });

  it('a fill that flips a position realizes the closed part and opens the rest at its price', () => {
    const fills = [fill('A', 'buy', '1', '100', T0, 'taker'), fill('A', 'sell', '3', '90', T0 + 1, 'taker'), fill('A', 'buy', '2', '80', T0 + 2, 'taker')];
    expect(computeRunSummary({ fills, exposure: [], startedAt: T0, endedAt: T0 + 3 }).total.realizedPnl).toBe('10'); // −10 then +20
  });
});
