import { describe, expect, it } from 'vitest';
import en from '../../i18n/en';
import { exposureSeriesBySymbol, formatDecimal, formatDuration, overBound, percent } from './run-format';
import { runEventText } from './run-event-text';
import type { RunEvent } from '../../../../shared/schemas/runs';

describe('run formatting', () => {
  it('formats durations', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(3_400)).toBe('3.4s');
    expect(formatDuration(123_000)).toBe('2m 03s');
    expect(formatDuration(3_723_000)).toBe('1h 02m 03s');
  });

  it('rounds decimals and computes bar percentages', () => {
    expect(formatDecimal('1234.5678')).toBe('1234.57');
    expect(formatDecimal('0.10000', 4)).toBe('0.1');
    expect(formatDecimal(null)).toBe('—');
    expect(percent('30', '60')).toBe(50);
    expect(percent('90', '60')).toBe(100);
    expect(percent('1', '0')).toBe(0);
  });

  it('flags uncovered exposure above the bound', () => {
    expect(overBound('-0.02', '0.01')).toBe(true);
    expect(overBound('0.01', '0.01')).toBe(false);
  });

  it('groups the exposure series by symbol with signed notional', () => {
    const lines = exposureSeriesBySymbol([
      { symbol: 'ETH', at: 2, netSize: '-0.01', netNotional: '30' },
      { symbol: 'ETH', at: 1, netSize: '0', netNotional: '0' },
      { symbol: 'BTC', at: 1, netSize: '0.001', netNotional: '60' },
    ]);
    expect(lines).toEqual([
      { symbol: 'ETH', points: [{ at: 1, value: 0 }, { at: 2, value: -30 }] },
      { symbol: 'BTC', points: [{ at: 1, value: 60 }] },
    ]);
  });
});

describe('run event text', () => {
  const base = { runId: 'r1', at: 1 };
  const events: RunEvent[] = [
    { type: 'status', ...base, from: null, to: 'running', reason: null },
    { type: 'progress', ...base, round: 0, rounds: 1, accounts: [] },
    { type: 'exposure', ...base, symbols: [] },
    { type: 'fill', ...base, accountId: 'a', purpose: 'entry', fill: { fillId: 'f', symbol: 'ETH', side: 'buy', price: '3000', size: '0.01', fee: '0', liquidity: 'maker', clientOrderId: null } },
    { type: 'hedge', ...base, symbol: 'ETH', forAccountId: 'a', forFillId: 'f', legs: [{ accountId: 'b', side: 'sell', size: '0.005', clientOrderId: 'c' }], carried: [], startedAt: 1, latencyMs: 1.5 },
    { type: 'transition', ...base, accountId: 'a', from: 'idle', to: 'entering', reason: null },
    { type: 'risk', ...base, from: 'normal', to: 'halted', reason: 'margin' },
    { type: 'log', ...base, level: 'warn', message: 'hello' },
    {
      type: 'reconciliation',
      ...base,
      trigger: 'start',
      positions: [{ accountId: 'a', symbol: 'ETH', recordedSize: '0.05', venueSize: '0.01', mismatch: true }],
      missingFillsRecorded: 1,
      ordersResolved: 1,
      duplicates: 0,
    },
  ];

  it('uses message keys that exist', () => {
    const runEvents = en.runEvents as Record<string, string>;
    for (const e of events) {
      const text = runEventText(e, (id) => `L-${id}`);
      const key = text.key.replace(/^runEvents\./, '');
      expect(runEvents[key], text.key).toBeTypeOf('string');
    }
    expect(runEventText(events[4]!, (id) => `L-${id}`).params.legs).toBe('L-b sell 0.005');
    // A reconciliation that found a mismatch is an error line with its counts.
    expect(runEventText(events[8]!, (id) => id ?? '—')).toEqual({ key: 'runEvents.reconciliation', params: { trigger: 'start', missing: 1, orders: 1, mismatches: 1 }, level: 'error' });
  });
});
