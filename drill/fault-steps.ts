/**
 * Steps the faults are built from: start a run in its own process and wait
 * until it trades, stop it the way a user does (Ctrl-C), move a price through
 * resting orders, wait for a trigger on the venue, and watch the venues until
 * exposure is back within one minimum order. Every wait is bounded.
 */
import Decimal from 'decimal.js';
import type { DrillChild } from './child-process';
import type { DrillWorld } from './drill-world';
import { nakedNotional } from './exposure';
import { writeConfig } from './strategy-configs';

/** `--on-restart` for a run left behind by a killed process. */
export type OnRestart = 'resume' | 'flatten';

/**
 * Starts `hedgedesk run <strategy> --config <file> --on-restart <m>` in the world and
 * waits (60 s at most) until it says the run started, or that it resumes or flattens the interrupted one.
 * @throws Error with the app's output when it does not.
 */
export async function startRun(world: DrillWorld, strategy: string, config: Record<string, unknown>, onRestart: OnRestart = 'resume'): Promise<DrillChild> {
  const file = writeConfig(world.dir, `${strategy}.json`, config);
  const app = world.startApp(['run', strategy, '--config', file, '--on-restart', onRestart]);
  await app.waitFor(/run \S+ started|resuming run \S+|flattening interrupted run \S+/, 60_000);
  return app;
}

/**
 * Stops a run as Ctrl-C does (SIGINT: resting orders cancelled, positions kept hedged,
 * summary), waiting up to 30 s; SIGKILL after that. Returns false when it had to be killed.
 */
export async function stopRun(app: DrillChild): Promise<boolean> {
  const { clean } = await app.stop(30_000, 'SIGINT');
  return clean;
}

/** Waits until the app process ends by itself (a run_once run), at most `timeoutMs`; true when it did. */
export async function runEnds(app: DrillChild, timeoutMs: number): Promise<boolean> {
  return (await app.waitExit(timeoutMs)) !== null;
}

/** Waits until some user account rests an order on Lighter (an entry slice), at most `timeoutMs`. */
export function restingSlice(world: DrillWorld, timeoutMs: number): Promise<boolean> {
  return world.truth.waitUntil((_, t) => t.openOrders('lighter') > 0, timeoutMs);
}

/** Waits until the venues show naked exposure (a fill not yet hedged), at most `timeoutMs`. */
export function nakedNow(world: DrillWorld, timeoutMs: number): Promise<boolean> {
  return world.truth.waitUntil((s) => nakedNotional(s).gt(0), timeoutMs);
}

/**
 * Moves the Lighter mids of ETH and BTC down by `bps` from their marks, so the
 * ladders' asks trade through resting entry buys (they fill as maker).
 */
export async function pushPricesDown(world: DrillWorld, bps = 20): Promise<void> {
  const sim = world.lighter;
  const marks = world.truth.latest.get('lighter')?.marks;
  if (!sim || !marks) throw new Error('no Lighter simulator or no marks polled yet');
  for (const asset of ['ETH', 'BTC']) {
    const mark = marks.get(asset);
    if (mark) await sim.setMid(asset, mark.times(new Decimal(1).minus(new Decimal(bps).div(10_000))));
  }
}

/**
 * Watches the venues from `from` (Unix ms): returns once at least `minMs`
 * have passed and exposure has been within one minimum order for the last
 * second, or after `maxMs` whatever the state.
 */
export async function watchUntilCovered(world: DrillWorld, from: number, opts: { minMs: number; maxMs: number }): Promise<void> {
  for (;;) {
    const now = Date.now();
    if (now - from >= opts.maxMs) return;
    if (now - from >= opts.minMs) {
      const recent = world.truth.samples.filter((s) => s.t >= now - 1000);
      if (recent.length >= 5 && recent.every((s) => nakedNotional(s).isZero())) return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sleeps `ms`. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
