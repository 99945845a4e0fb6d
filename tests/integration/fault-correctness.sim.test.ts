/**
 * The correctness half of the fault drill (`npm run drill` measures the
 * times): under each fault the venue injects, every fill the venue made for
 * the run's accounts is recorded in SQLite exactly once, no recorded fill is
 * unknown to the venue, and the accounts end hedged (net exposure within one
 * minimum order). In-process simulators, real clients over loopback, a real
 * SQLite file; the venue's record is the simulator's own trade list.
 */
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { auditFills, readRecordedFills, type FillAudit } from '../../drill/fill-audit';
import { lighterVenueFills, paradexVenueFills, type VenueFill } from '../../drill/venue-sims';
import { PaperLighter } from '../../src/main/core/venues/lighter/paper-lighter';
import type { RunningLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';
import { STANDARD_TIER } from '../../src/main/core/sim/lighter/rate-limiter';
import type { FaultSpec } from '../../src/main/core/sim/lighter/faults';
import { until } from '../helpers/until';
import { fastCrossConfig, startCrossWorld, type CrossWorld } from './cross-venue-harness';
import { fastConfig, MIN_ORDER, startWorld, type TriHedgeWorld } from './tri-hedge-harness';

/** Every user fill of a Lighter simulator, from its own trade list. */
function lighterFills(sim: RunningLighterSim): VenueFill[] {
  const state = sim.admin.state();
  const makers = new Set(state.accounts.filter((a) => a.sim_maker).map((a) => a.account_index));
  return lighterVenueFills(sim.admin.userTrades(), makers, new Map(state.markets.map((m) => [m.market_id, m.symbol])));
}

/**
 * Waits (up to 5 s: the last fills may still be on their way) until SQLite
 * holds every venue fill, then checks the audit: none lost, none twice, none
 * unknown to the venue, and there were fills at all.
 */
async function expectEveryFillOnce(dbPath: string, venueFills: () => VenueFill[]): Promise<FillAudit> {
  let audit = auditFills(readRecordedFills(dbPath), venueFills());
  await until(() => (audit = auditFills(readRecordedFills(dbPath), venueFills())).lost === 0, 'every venue fill recorded', 5_000).catch(() => undefined);
  expect(audit.venue).toBeGreaterThan(0);
  expect(audit).toEqual({ recorded: audit.venue, venue: audit.venue, lost: 0, duplicates: 0, unknown: 0 });
  return audit;
}

/** Net exposure per symbol across the three accounts is within one minimum order. */
async function expectHedged(world: TriHedgeWorld): Promise<void> {
  for (const [symbol, { net, sizes }] of await world.positions()) {
    expect(net.abs().lte(MIN_ORDER[symbol]!), `${symbol} net ${net.toFixed()} (${sizes.map(String).join(', ')})`).toBe(true);
  }
}

describe('fault correctness: Tri-Hedge Hold on the Lighter simulator', () => {
  let world: TriHedgeWorld | null = null;
  let paper: PaperLighter | null = null;
  afterEach(async () => {
    await world?.close();
    await paper?.close();
    world = null;
    paper = null;
  });

  /** Runs a tri-hedge run (fastConfig unless `config`) to its end, with faults armed before the start, at the first entry fill, or at each of the first `fills` entry fills. */
  async function runWith(opts: { seed: number; before?: FaultSpec; atFirstFill?: FaultSpec; eachFill?: FaultSpec; fills?: number; config?: Record<string, unknown>; tier?: boolean }) {
    if (opts.tier) paper = new PaperLighter({ seed: opts.seed, sim: { rateLimit: STANDARD_TIER } });
    world = await startWorld({ seed: opts.seed, paper: paper ?? undefined });
    const w = world;
    const sim = await w.paper.simulator();
    if (opts.before) sim.admin.setFaults(opts.before);
    let fills = 0;
    w.engine.onEvent((e) => {
      if (e.type !== 'fill' || e.purpose !== 'entry') return;
      fills++;
      if (fills === 1 && opts.atFirstFill) sim.admin.setFaults(opts.atFirstFill);
      if (opts.eachFill && fills <= (opts.fills ?? 1)) sim.admin.setFaults(opts.eachFill);
    });
    const runId = await w.engine.startRun({ strategy: 'tri-hedge-hold', config: opts.config ?? fastConfig(), accountIds: w.accounts.map((a) => a.id) });
    const view = await w.engine.waitForEnd(runId);
    sim.admin.clearFaults();
    return { view, sim, w };
  }

  it('WebSocket drops at the first three entry fills: every fill recorded once, hedged at the end', async () => {
    const { view, sim, w } = await runWith({ seed: 41, eachFill: { drop_ws: true }, fills: 3 });
    expect(view.status).toBe('stopped');
    await expectEveryFillOnce(w.dbPath, () => lighterFills(sim));
    await expectHedged(w);
  }, 120_000);

  it('a burst of 20 × HTTP 429 from the first entry fill on: every fill recorded once, hedged at the end', async () => {
    const { view, sim, w } = await runWith({ seed: 42, atFirstFill: { rate_limit: { count: 20 } } });
    expect(view.status).toBe('stopped');
    await expectEveryFillOnce(w.dbPath, () => lighterFills(sim));
    await expectHedged(w);
  }, 120_000);

  it('three invalid-nonce refusals from the first entry fill on: every fill recorded once, hedged at the end', async () => {
    const { view, sim, w } = await runWith({ seed: 43, atFirstFill: { invalid_nonce: { count: 3 } } });
    expect(view.status).toBe('stopped');
    await expectEveryFillOnce(w.dbPath, () => lighterFills(sim));
    await expectHedged(w);
  }, 120_000);

  it('every acknowledgement 0.5 s late for the whole run: every fill recorded once, hedged at the end', async () => {
    const { view, sim, w } = await runWith({ seed: 44, before: { ack_delay_ms: 500 } });
    expect(view.status).toBe('stopped');
    await expectEveryFillOnce(w.dbPath, () => lighterFills(sim));
    await expectHedged(w);
  }, 120_000);

  it('partial fills (0.3) on the standard tier (60 requests a minute): every fill recorded once, hedged at the end', async () => {
    const config = fastConfig({ coinlist: [{ symbol: 'ETH', target_notional: 60, slice_notional: 30 }] });
    const { view, sim, w } = await runWith({ seed: 45, before: { fill_fraction: 0.3 }, config, tier: true });
    expect(['stopped', 'failed']).toContain(view.status);
    await expectEveryFillOnce(w.dbPath, () => lighterFills(sim));
    await expectHedged(w);
  }, 150_000);

  it('a margin rejection right after the first entry fill: the failsafe flattens, every fill recorded once, flat at the end', async () => {
    const { view, sim, w } = await runWith({ seed: 46, atFirstFill: { reject_orders: { count: 1, code: 21739 } } });
    expect(view.status).not.toBe('running');
    await expectEveryFillOnce(w.dbPath, () => lighterFills(sim));
    await expectHedged(w);
    for (const { sizes } of (await w.positions()).values()) for (const size of sizes) expect(size.abs().lt(new Decimal('0.005')) || size.isZero()).toBe(true);
  }, 120_000);
});

describe('fault correctness: Cross-Venue Hedge, Paradex and Lighter', () => {
  let world: CrossWorld | null = null;
  afterEach(async () => {
    await world?.close();
    world = null;
  });

  it('Paradex JWTs revoked while both legs are open (new ones short-lived): every fill recorded once on both venues, flat at the end', async () => {
    world = await startCrossWorld({ paradex: true, seed: 47 });
    const w = world;
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ margin: 150, hold_time: 1.5 }), accountIds: w.accounts.map((a) => a.id) });
    await until(() => w.positions().every((p) => !p.isZero()), 'both legs open');
    w.paradex().admin.expireJwts();
    w.paradex().admin.setJwtTtl(2_000);
    await until(() => w.cycles(runId).some((c) => c.phase === 'closed'), 'the cycle closed');
    await w.engine.stopRun(runId);
    const venueFills = () => [...paradexVenueFills(w.paradex().admin.userFills()), ...lighterFills(w.lighter(1))];
    await expectEveryFillOnce(w.db.path, venueFills);
    expect(w.positions().map(String)).toEqual(['0', '0']);
  }, 60_000);
});
