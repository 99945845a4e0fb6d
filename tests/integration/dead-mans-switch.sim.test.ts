/**
 * The engine arms every run's dead-man's switch (issue 11, observation 5:
 * entry slices rested for 28 days, so a crashed app left orders that could
 * fill unhedged): a tri-hedge-hold run on the built-in Lighter simulator has a
 * scheduled cancel-all on each of its accounts while it trades — the venue
 * cancels their resting orders if HedgeDesk dies (see
 * src/main/core/venues/lighter/dead-mans-switch.sim.test.ts) — and the
 * schedule is aborted when the run ends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fastConfig, startWorld, until, type TriHedgeWorld } from './tri-hedge-harness';

let world: TriHedgeWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** `cancel_all_time` of each paper account, from the simulator's public `account` endpoint (Unix ms; 0 = none). */
async function cancelAllTimes(w: TriHedgeWorld): Promise<number[]> {
  const sim = await w.paper.simulator();
  return Promise.all(
    w.accounts.map(async (a) => {
      const res = await fetch(`${sim.url}/api/v1/account?by=index&value=${w.paper.simAccountIndex(a.id)}`);
      const body = (await res.json()) as { accounts: { cancel_all_time: number }[] };
      return body.accounts[0]!.cancel_all_time;
    }),
  );
}

describe('dead-man’s switch on a run’s accounts (Lighter simulator)', () => {
  it('is armed on every account while the run trades (Lighter: 5 min 10 s ahead) and disarmed when it stops', async () => {
    const w = (world = await startWorld({ seed: 41 }));
    const before = Date.now();
    const runId = await w.engine.startRun({ strategy: 'tri-hedge-hold', config: fastConfig({ hold_minutes: 5, run_once: false }), accountIds: w.accounts.map((a) => a.id) });
    const armed = await cancelAllTimes(w);
    for (const t of armed) {
      expect(t).toBeGreaterThanOrEqual(before + 310_000);
      expect(t).toBeLessThanOrEqual(Date.now() + 310_000);
    }
    await w.engine.stopRun(runId, { flatten: true });
    await until(async () => (await cancelAllTimes(w)).every((t) => t === 0), 'switches disarmed', 10_000);
  }, 60_000);
});
