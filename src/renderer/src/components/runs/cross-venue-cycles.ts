import { crossHedgeStateSchema, type CycleRecord } from '../../../../shared/schemas/cross-venue-hedge';
import type { RunEvent } from '../../../../shared/schemas/runs';

const ENDED = new Set<CycleRecord['phase']>(['closed', 'failed']);

/** What the cross-venue-hedge run panel shows: the cycle in progress (or the last one), and the ended cycles, newest first. */
export interface CrossCycles {
  /** The cycle in progress; null between cycles. */
  current: CycleRecord | null;
  /** The cycle whose legs the panel shows: the current one, else the last ended one. */
  shown: CycleRecord | null;
  /** Ended cycles (closed or failed), newest first. */
  history: CycleRecord[];
  /** When the next cycle starts (Unix ms) while cooling down, else null. */
  nextCycleAt: number | null;
}

/**
 * Merges the run's stored state (`runs.get` → `state`, what survives a
 * restart) with its live `cycle` events (newer): the latest record of each
 * cycle number wins. A state that does not parse is ignored.
 */
export function crossCycles(state: unknown, events: readonly RunEvent[]): CrossCycles {
  const byNumber = new Map<number, CycleRecord>();
  const parsed = crossHedgeStateSchema.safeParse(state);
  if (parsed.success) {
    for (const c of parsed.data.history) byNumber.set(c.cycle, c);
    if (parsed.data.current) byNumber.set(parsed.data.current.cycle, parsed.data.current);
  }
  for (const e of events) {
    if (e.type !== 'cycle') continue;
    const { type: _type, runId: _runId, at: _at, ...record } = e;
    byNumber.set(record.cycle, record);
  }
  const all = [...byNumber.values()].sort((a, b) => b.cycle - a.cycle);
  const latest = all[0] ?? null;
  const current = latest && !ENDED.has(latest.phase) ? latest : null;
  return {
    current,
    shown: latest,
    history: all.filter((c) => ENDED.has(c.phase)),
    nextCycleAt: current === null ? (latest?.nextCycleAt ?? null) : null,
  };
}
