import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../shared/schemas/runs';
import { hasUnhedged, latestMakerTakerState, storedCycles, transportTagType } from './maker-taker-state';

const state = (cycles: number): RunEvent => ({
  type: 'maker-taker',
  runId: 'r',
  at: cycles,
  mode: 'both',
  symbol: 'ETH',
  phase: 'resting',
  cycles,
  a: null,
  b: null,
  unhedgedSize: '0',
  transport: 'off',
});

describe('maker-taker panel state', () => {
  it('takes the newest maker-taker event', () => {
    const log: RunEvent = { type: 'log', runId: 'r', at: 9, level: 'info', message: 'x' };
    expect(latestMakerTakerState([state(1), state(2), log])?.cycles).toBe(2);
    expect(latestMakerTakerState([log])).toBeNull();
  });

  it('colours the transport and spots an unhedged size', () => {
    expect(['up', 'down', 'connecting', 'off'].map((s) => transportTagType(s as 'up'))).toEqual(['success', 'error', 'warning', 'default']);
    expect(hasUnhedged('0')).toBe(false);
    expect(hasUnhedged('-0.01')).toBe(true);
  });

  it('reads the cycles a run saved, for a run with no live event', () => {
    expect(storedCycles({ version: 1, cycles: 4, unacked: [] })).toBe(4);
    expect(storedCycles(null)).toBeNull();
    expect(storedCycles({ cycles: 'x' })).toBeNull();
  });
});
