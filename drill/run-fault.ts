/** One fault from start to its table row. */
import { DrillWorld } from './drill-world';
import { exposureReport } from './exposure';
import type { Fault, FaultOutcome } from './faults';
import { pause } from './fault-steps';
import type { FaultRow } from './report-table';

const FAULT_LIMIT_MS = 180_000;

/** Rejects after `ms` with a message naming `what`. */
function limit<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Runs one fault in a fresh world in `dir` (created), then reads the venues'
 * exposure over its window and audits the fills; never throws (an error
 * becomes the row's `error`). Bounded: the fault itself at most 3 min.
 */
export async function runFault(fault: Fault, dir: string): Promise<FaultRow> {
  const started = Date.now();
  let world: DrillWorld | null = null;
  const row: FaultRow = { fault: fault.name, exposure: null, fills: null, serveAlive: null, seconds: 0, notes: [] };
  try {
    world = await DrillWorld.open(dir, fault.world);
    const outcome: FaultOutcome = await limit(fault.run(world), FAULT_LIMIT_MS, fault.name);
    for (const app of world.apps) if (!app.exitStatus) await app.stop(15_000);
    await pause(1_000);
    await world.truth.pollOnce();
    const to = Date.now();
    row.exposure = exposureReport(world.truth.samples, outcome.from, to);
    row.fills = await world.auditFills();
    row.serveAlive = outcome.serveAlive;
    row.notes.push(...outcome.notes);
    const failed = world.truth.failedPolls.filter((t) => t >= outcome.from && t <= to).length;
    if (failed > 0) row.notes.push(`${failed} venue polls failed in the window (a simulator slow to answer): exposure unknown then`);
  } catch (err) {
    row.error = (err as Error).message;
    if (world) {
      try {
        row.fills = await world.auditFills();
      } catch {
        /* the venues are gone: no fill numbers */
      }
    }
  } finally {
    await world?.close().catch(() => undefined);
  }
  row.seconds = (Date.now() - started) / 1000;
  return row;
}

