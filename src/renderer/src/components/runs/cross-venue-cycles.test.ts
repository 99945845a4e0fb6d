import { describe, expect, it } from 'vitest';
import type { CycleRecord } from '../../../../shared/schemas/cross-venue-hedge';
import type { RunEvent } from '../../../../shared/schemas/runs';
import { crossCycles } from './cross-venue-cycles';

const cycle = (n: number, phase: CycleRecord['phase'], patch: Partial<CycleRecord> = {}): CycleRecord => ({
  cycle: n,
  symbol: 'ETH',
  phase,
  targetSize: '0.02',
  legs: [],
  fees: '0',
  pnl: '0',
  startedAt: n * 1000,
  openedAt: null,
  holdEndsAt: null,
  closedAt: null,
  closeReason: null,
  detail: null,
  nextCycleAt: null,
  ...patch,
});
const event = (c: CycleRecord): RunEvent => ({ type: 'cycle', runId: 'run_1', at: c.startedAt, ...c });

describe('cross-venue-hedge cycles for the run panel', () => {
  it('shows the stored history after a restart (no events yet)', () => {
    const state = { version: 1, history: [cycle(1, 'closed'), cycle(2, 'failed')], current: cycle(3, 'holding'), failures: 0, nextCycleAt: null };
    const view = crossCycles(state, []);
    expect(view.current?.cycle).toBe(3);
    expect(view.history.map((c) => c.cycle)).toEqual([2, 1]);
  });

  it('lets live events update the stored records and add new cycles', () => {
    const state = { version: 1, history: [cycle(1, 'closed')], current: cycle(2, 'holding'), failures: 0, nextCycleAt: null };
    const view = crossCycles(state, [event(cycle(2, 'closed', { nextCycleAt: 9000 })), event(cycle(3, 'opening'))]);
    expect(view.current?.phase).toBe('opening');
    expect(view.history.map((c) => [c.cycle, c.phase])).toEqual([
      [2, 'closed'],
      [1, 'closed'],
    ]);
    expect(view.nextCycleAt).toBeNull();
  });

  it('between cycles: no current cycle, the last one shown, the cooldown end known', () => {
    const view = crossCycles(null, [event(cycle(1, 'holding')), event(cycle(1, 'closed', { nextCycleAt: 5000 }))]);
    expect(view.current).toBeNull();
    expect(view.shown?.phase).toBe('closed');
    expect(view.nextCycleAt).toBe(5000);
  });

  it('ignores a state of another shape', () => {
    expect(crossCycles({ version: 2 }, []).history).toEqual([]);
  });
});
