/**
 * Hedges first, on Lighter's standard tier (60 requests a minute, enforced by
 * the client's limiter and by the simulator): the real Lighter client over
 * loopback, recording venues on a real SQLite file, the engine's risk guard
 * and hedge executor. Reproduces issue 11 observation 6 — partial fills
 * (fill fraction 0.3) that made one account fire a storm of IOC legs and
 * exhaust the budget, and a 429 burst that dropped a hedge leg — and checks:
 * hedge orders never wait behind discretionary ones, deltas arriving while a
 * hedge is in flight are coalesced (the orders are counted), a 429 never
 * drops a hedge, and a hedge that cannot be covered makes the run
 * reducing-only, then halted.
 */
import Decimal from 'decimal.js';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/core/clock';
import { HedgeExecutor, type HedgeLeg } from '../../src/main/core/engine/hedge-executor';
import { RecordingVenue } from '../../src/main/core/engine/recording-venue';
import { RiskGuard } from '../../src/main/core/engine/risk-guard';
import type { RiskMode } from '../../src/main/core/engine/risk-mode';
import type { RunAccount } from '../../src/main/core/engine/strategy';
import { startLighterSim, type RunningLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';
import { STANDARD_TIER } from '../../src/main/core/sim/lighter/rate-limiter';
import { openDatabase, type OpenDatabase } from '../../src/main/core/store/database';
import { FillsRepository } from '../../src/main/core/store/fills-repository';
import { OrdersRepository } from '../../src/main/core/store/orders-repository';
import { RunsRepository } from '../../src/main/core/store/runs-repository';
import { createLighterVenue } from '../../src/main/core/venues/lighter/lighter-venue';
import { PaperSigner } from '../../src/main/core/venues/lighter/signer/paper-signer';
import type { Venue } from '../../src/main/core/venues/venue';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const d = (v: string | number) => new Decimal(v);
const API_KEY = 4;
const ETH_MIN = d('0.005');

interface World {
  sim: RunningLighterSim;
  db: OpenDatabase;
  risk: RiskGuard;
  modes: RiskMode[];
  b: RunAccount;
  inner: Venue;
  executor: HedgeExecutor;
  legs: HedgeLeg[];
  close(): Promise<void>;
}

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** The hedger B on the standard tier, its recording venue, a risk guard with the naked-time bound, and a hedge executor. */
async function startWorld(naked = { reduceAfterMs: 10_000, haltAfterMs: 60_000 }): Promise<World> {
  const sim = await startLighterSim({ port: 0, accounts: 1, collateral: '100000', seed: 31, rateLimit: STANDARD_TIER });
  sim.admin.setMid(0, '3000');
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'hedgedesk.db'));
  new RunsRepository(db.db).create({ id: 'run_h', strategy: 'x', config: {}, accountIds: ['B'], at: Date.now() });
  const accountIndex = sim.accounts[0]!;
  const inner = createLighterVenue({
    accountId: 'B',
    baseUrl: sim.url,
    wsUrl: sim.wsUrl,
    accountIndex,
    apiKeyIndex: API_KEY,
    signer: new PaperSigner({ mode: 'paper', accountIndex, apiKeyIndex: API_KEY }, systemClock),
    tier: 'standard',
    clock: systemClock,
    logger,
    timing: { rateLimitBackoff: { baseMs: 20, maxMs: 80 } },
  });
  await inner.connect();
  const modes: RiskMode[] = [];
  const risk = new RiskGuard({
    limits: { boundSize: () => ETH_MIN, haltAboveUsdc: d(1_000_000) },
    clock: systemClock,
    naked,
    onModeChange: (_from, to) => modes.push(to),
    onExposure: () => undefined,
  });
  const venue = new RecordingVenue({
    runId: 'run_h',
    inner,
    orders: new OrdersRepository(db.db),
    fills: new FillsRepository(db.db),
    risk,
    clock: systemClock,
    logger,
    emit: () => undefined,
    onRecordingFailure: (err) => {
      throw err;
    },
    onIntegrityAlarm: (message) => {
      throw new Error(message);
    },
  });
  const b: RunAccount = { role: 'B', accountId: 'B', label: 'B', mode: 'paper', venue };
  const market = await inner.market('ETH');
  const legs: HedgeLeg[] = [];
  const executor = new HedgeExecutor({ accounts: [b], market: () => market, risk, clock: systemClock, logger, slippageBps: 50, onOrder: (l) => legs.push(l) });
  return {
    sim,
    db,
    risk,
    modes,
    b,
    inner,
    executor,
    legs,
    async close() {
      executor.close();
      await venue.close();
      await inner.close();
      await sim.close();
      db.db.close();
      dir.remove();
    },
  };
}

/** A's maker fill of `size` ETH as the risk guard records it (A trades elsewhere; only its exposure matters here). */
function primaryFill(w: World, size: string): void {
  w.risk.recordFill('A', { fillId: `a-${Math.random()}`, symbol: 'ETH', venueOrderId: '1', clientOrderId: null, side: 'buy', price: d(3000), size: d(size), fee: d(0), liquidity: 'maker', timestamp: Date.now() });
}

/** B's account as the simulator holds it. */
const simAccount = (w: World) => w.sim.admin.state().accounts.find((a) => a.account_index === w.sim.accounts[0])!;
/** B's ETH position from the simulator (the client's reads are discretionary: they may wait for the window). */
const position = async (w: World) => d(simAccount(w).positions.find((p) => p.symbol === 'ETH')?.size ?? '0');
const hedgeOrders = (w: World) => new OrdersRepository(w.db.db).listByRun('run_h').filter((o) => o.purpose === 'hedge' || o.purpose === 'hedge-buyback');

describe('hedges first on the Lighter standard tier (simulator, fill fraction 0.3)', () => {
  it('hedges go ahead of a discretionary burst that took its whole share, and fill deltas are coalesced into one order at a time', async () => {
    const w = (world = await startWorld());
    w.sim.admin.setFaults({ fill_fraction: 0.3 });
    // A discretionary burst (resting entry orders far from the touch) bigger than the 60 % of the budget it may use.
    const discretionary = Array.from({ length: 40 }, (_, i) =>
      w.b.venue
        .placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.01'), type: 'limit', price: d(2000 + i), timeInForce: 'GTC', purpose: 'entry' })
        // Those still waiting when the test ends fail against the closed simulator.
        .catch(() => undefined),
    );
    // (Read from the simulator: the client's own reads are discretionary and wait behind the burst too.)
    await until(() => simAccount(w).open_orders >= 25, 'the discretionary share used up');

    // Three partial maker fills of A arrive while B's first hedge is in flight.
    const startedAt = Date.now();
    primaryFill(w, '0.1');
    const first = await w.executor.owe('B', 'ETH', d('-0.1'));
    expect(first!.size.toString()).toBe('0.1');
    const later: Promise<HedgeLeg | null>[] = [];
    for (let i = 0; i < 2; i++) {
      primaryFill(w, '0.1');
      later.push(w.executor.owe('B', 'ETH', d('-0.1')));
    }
    // Both later deltas go out together in the next order.
    const [second, third] = await Promise.all(later);
    expect(second).toEqual(third);
    await until(() => !w.executor.busy(), 'hedge covered', 30_000);
    const coveredAt = Date.now();

    // Covered within one minimum order, nothing left queued.
    const pos = await position(w);
    expect(pos.plus(d('0.3')).abs().lt(ETH_MIN), `B position ${pos}`).toBe(true);
    expect(w.risk.exposure('ETH').uncovered.abs().lt(ETH_MIN)).toBe(true);
    // Every discretionary order still waiting then waited behind the hedges, for the window to roll.
    const settled = await Promise.race([Promise.all(discretionary).then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]);
    expect(settled).toBe(false);
    // Coalesced: one order at a time for all that was owed — 0.3 × 0.7ⁿ falls below one minimum order after ~12 orders, not 3 × 12 legs.
    const orders = hedgeOrders(w);
    expect(orders.length).toBe(w.legs.length);
    expect(orders.length).toBeGreaterThan(3);
    expect(orders.length).toBeLessThanOrEqual(15);
    expect(orders.every((o) => o.type === 'market' && o.timeInForce === 'IOC')).toBe(true);
    expect(orders[0]!.size.toString()).toBe('0.1');
    expect(w.modes).toEqual([]);
    logger.info({ coveredMs: coveredAt - startedAt, orders: orders.length }, 'covered on the standard tier');
  }, 60_000);

  it('a 429 burst never drops the hedge: it is retried until covered', async () => {
    const w = (world = await startWorld());
    w.sim.admin.setFaults({ rate_limit: { count: 12 } });
    primaryFill(w, '0.05');
    await w.executor.owe('B', 'ETH', d('-0.05'));
    await until(() => !w.executor.busy(), 'hedge covered', 30_000);
    expect((await position(w)).toString()).toBe('-0.05');
    expect(w.sim.admin.state().faults.rate_limit).toBe(0);
    const orders = hedgeOrders(w);
    expect(orders.filter((o) => o.status === 'filled')).toHaveLength(1);
    expect(w.executor.retries).toBeGreaterThan(0);
    expect(w.risk.exposure('ETH').net.toString()).toBe('0');
    expect(w.modes).toEqual([]);
  }, 60_000);

  it('a hedge that truly cannot be covered makes the run reducing-only, then halted', async () => {
    const w = (world = await startWorld({ reduceAfterMs: 1_000, haltAfterMs: 3_000 }));
    w.sim.admin.setFaults({ reject_orders: { count: 1_000, code: 21120 } });
    primaryFill(w, '0.05');
    void w.executor.owe('B', 'ETH', d('-0.05'));
    await until(() => {
      w.risk.checkNaked();
      return w.risk.mode === 'halted';
    }, 'the run halted', 20_000);
    expect(w.modes).toEqual(['reducing-only', 'halted']);
    expect(w.executor.retries).toBeGreaterThan(1);
    expect((await position(w)).toString()).toBe('0');
  }, 60_000);
});
