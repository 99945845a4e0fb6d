import type { RunEvent, RunEventOf } from '../../src/shared/schemas/runs';

/** The recorded events of one type (of one run when `runId` is given), in order. */
export function eventsOf<T extends RunEvent['type']>(events: readonly RunEvent[], type: T, runId?: string): RunEventOf<T>[] {
  return events.filter((e): e is RunEventOf<T> => e.type === type && (runId === undefined || e.runId === runId));
}
