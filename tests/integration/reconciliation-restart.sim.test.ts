/**
 * Kill and restart against a venue that lives on (issue 11, observations 3
 * and 4): a live Paradex account whose run was started with the base URL of
 * an external Paradex simulator rests an entry order; the process "dies"
 * (engine A's venues and database connection are closed without stopping
 * the run: nothing more is written, as after kill -9); while it is down the
 * order fills. A new engine on the same SQLite file, given no settings,
 * resumes (or flattens) the run: it must reopen the venue the run used — not
 * Paradex mainnet — and reconciliation must record the fill made while down
 * exactly once and resolve the order. A trade on the account that no run
 * order explains raises the alarm: notification and reducing-only.
 * Real parts: the real Paradex client over loopback, the simulator, SQLite
 * files; the engine's periodic timer runs on a manual clock.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunEvent } from '../../src/shared/schemas/runs';
import { systemClock } from '../../src/main/core/clock';
import { Engine } from '../../src/main/core/engine/engine';
import { PARADEX_KEY_FIELD } from '../../src/main/core/venues/paradex/live-paradex';
import type { StrategyDefinition } from '../../src/main/core/engine/strategy';
import { ManualClock } from '../../src/main/core/engine/testing/manual-clock';
import { createVenueProvider, type VenueProvider } from '../../src/main/core/engine/venue-provider';
import { Redactor } from '../../src/main/core/log/redactor';
import type { Notification, Notifier } from '../../src/main/core/notify/notifier';
import { EnvSecretStore } from '../../src/main/core/secrets/env-secret-store';
import { secretEnvVar } from '../../src/main/core/secrets/secret-store';
import { startParadexSim, type RunningParadexSim } from '../../src/main/core/sim/paradex/paradex-sim';
import { call, login, openTestAccount, signedOrder, type TestKey } from '../../src/main/core/sim/paradex/testing';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
import { openDatabase, type OpenDatabase } from '../../src/main/core/store/database';
import { FillsRepository } from '../../src/main/core/store/fills-repository';
import { OrdersRepository } from '../../src/main/core/store/orders-repository';
import { RunsRepository } from '../../src/main/core/store/runs-repository';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

const logger = pino({ level: 'silent' });
const MARKET = 'ETH-USD-PERP';
const RECONCILE_MS = 10_000;

/** A test strategy: one resting GTC entry buy on a fresh start, then it waits to be stopped (resumed: it only waits). */
const restingEntry: StrategyDefinition = {
  id: 'resting-entry',
  title: 'Resting entry',
  roles: ['A'],
  configSchema: z.object({ symbol: z.string(), price: z.string(), size: z.string() }),
  prepare(raw) {
    const cfg = z.object({ symbol: z.string(), price: z.string(), size: z.string() }).parse(raw);
    return {
      storableConfig: cfg,
      symbols: [cfg.symbol],
      checkMarkets: () => [],
      create: () => ({
        // One leg held on purpose (nothing hedges it): the naked-exposure bound is the whole entry, not one minimum order.
        riskLimits: () => ({ boundSize: () => new Decimal('1'), haltAboveUsdc: new Decimal(1e9) }),
        snapshotIntervalMs: 3_600_000,
        async run(ctx) {
          if (ctx.resumeState === null) {
            const order = { symbol: cfg.symbol, side: 'buy' as const, size: new Decimal(cfg.size), type: 'limit' as const, price: new Decimal(cfg.price), timeInForce: 'GTC' as const, purpose: 'entry' as const };
            await ctx.accounts[0]!.venue.placeOrder(order);
            ctx.store.saveState({ placed: true });
          }
          if (!ctx.signal.aborted) await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
          return { kind: 'stopped', reason: ctx.stopRequest()?.reason ?? 'stopped' };
        },
      }),
    };
  },
};

/** One "process": a database connection, a venue provider and an engine on a manual clock. */
interface Process {
  db: OpenDatabase;
  venues: VenueProvider;
  engine: Engine;
  clock: ManualClock;
  events: RunEvent[];
  notifications: Notification[];
}

describe('restart against a venue that lived on: run venue settings and reconciliation (Paradex simulator)', () => {
  let dir: { path: string; remove: () => void };
  let sim: RunningParadexSim;
  let key: TestKey;
  let counterparty: TestKey;
  let accountId: string;
  let env: Record<string, string>;
  const processes: Process[] = [];

  const start = (): Process => {
    const db = openDatabase(`${dir.path}/hedgedesk.db`);
    const venues = createVenueProvider({ secrets: new EnvSecretStore(env, new Redactor()), clock: systemClock, logger });
    const clock = new ManualClock(Date.now());
    const notifications: Notification[] = [];
    const notifier: Notifier = { notify: (m) => void notifications.push(m), flush: async () => undefined };
    // Dead-man's switch off (HEDGEDESK_DEAD_MANS_SWITCH_SECONDS=0): with Paradex's cancel-on-disconnect the
    // resting entry would be cancelled when the "killed" app's socket closes, and no fill could happen while down.
    const engine = new Engine({ db: db.db, venues, notifier, clock, logger, strategies: [restingEntry], seed: () => 1, reconcileIntervalMs: RECONCILE_MS, deadMansSwitchMs: 0 });
    const events: RunEvent[] = [];
    engine.onEvent((e) => events.push(e));
    const p = { db, venues, engine, clock, events, notifications };
    processes.push(p);
    return p;
  };

  /** kill -9: the venues' connections drop and nothing more reaches the database; the run is left as it was. */
  const kill = async (p: Process) => {
    await p.venues.close();
    p.db.db.close();
  };

  /** Places a signed order for `who` straight on the simulator (another app, or the counterparty). */
  const trade = async (who: TestKey, order: { side: 'BUY' | 'SELL'; type: 'LIMIT' | 'MARKET'; size: string; price: string | undefined }) => {
    const jwt = await login(sim.url, who, Date.now());
    const res = await call(sim.url, 'POST', '/v1/orders', jwt, signedOrder(who, { market: MARKET, ...order }, Date.now()));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };

  const position = () => sim.admin.account(key.address).positions.find((p) => p.market === MARKET)?.size ?? '0';

  beforeEach(async () => {
    dir = tempDir();
    sim = await startParadexSim({ port: 0, host: '127.0.0.1', liquidity: false, rateLimit: false });
    sim.admin.setMid(MARKET, '3000');
    key = openTestAccount(sim, 'reconcile A', '100000');
    counterparty = openTestAccount(sim, 'reconcile counterparty', '100000');
    const db = openDatabase(`${dir.path}/hedgedesk.db`);
    accountId = new AccountsRepository(db.db).create({ venue: 'paradex', label: 'Live A', mode: 'live', identifiers: { l2Address: key.address } }).id;
    db.db.close();
    env = { [secretEnvVar({ accountId, field: PARADEX_KEY_FIELD })]: key.privateKey };
  });

  afterEach(async () => {
    for (const p of processes.splice(0)) {
      await p.engine.close().catch(() => undefined);
      await p.venues.close().catch(() => undefined);
      if (p.db.db.open) p.db.db.close();
    }
    await sim.close();
    dir.remove();
  });

  /** Starts the run with the simulator's base URL, lets its entry rest, kills the process and fills the entry while it is down. */
  const runThenKillWhileEntryFills = async () => {
    const a = start();
    const runId = await a.engine.startRun({ strategy: 'resting-entry', config: { symbol: 'ETH', price: '2990', size: '0.05' }, accountIds: [accountId], overrides: { [accountId]: { baseUrl: `${sim.url}/v1` } } });
    await until(() => new OrdersRepository(a.db.db).listByRun(runId).some((o) => o.status === 'open'), 'the entry resting on the venue', 10_000);
    await kill(a);
    await trade(counterparty, { side: 'SELL', type: 'MARKET', size: '0.05', price: undefined });
    expect(position()).toBe('0.05');
    return runId;
  };

  it('resume reopens the run’s own venue, records the fill made while down exactly once and resolves the entry', async () => {
    const runId = await runThenKillWhileEntryFills();

    const b = start();
    const stored = new RunsRepository(b.db.db).get(runId);
    expect(stored.venueSettings).toEqual({ [accountId]: { baseUrl: `${sim.url}/v1`, wsUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/v1$/) } });
    expect(b.engine.interruptedRuns().map((r) => r.id)).toEqual([runId]);
    await b.engine.resumeRun(runId);

    const orders = new OrdersRepository(b.db.db).listByRun(runId);
    expect(orders.map((o) => [o.purpose, o.status, o.filledSize.toString()])).toEqual([['entry', 'filled', '0.05']]);
    const fills = new FillsRepository(b.db.db).listByRun(runId);
    expect(fills.map((f) => [f.purpose, f.side, f.size.toString(), f.price.toString()])).toEqual([['entry', 'buy', '0.05', '2990']]);
    const view = b.engine.getRun(runId);
    expect(view.status).toBe('running');
    expect(view.riskMode).toBe('normal');
    expect(view.reconciliation).toMatchObject({ trigger: 'start', missingFillsRecorded: 1, ordersResolved: 1, positions: [{ accountId, symbol: 'ETH', recordedSize: '0.05', venueSize: '0.05', mismatch: false }] });

    // The periodic pass (manual clock) finds nothing more: the fill stays recorded once.
    const passes = () => b.events.filter((e) => e.type === 'reconciliation').length;
    const before = passes();
    b.clock.advance(RECONCILE_MS);
    await until(() => passes() > before, 'a periodic reconciliation', 10_000);
    expect(b.events.filter((e) => e.type === 'reconciliation').at(-1)).toMatchObject({ trigger: 'periodic', missingFillsRecorded: 0, positions: [{ mismatch: false }] });
    expect(new FillsRepository(b.db.db).listByRun(runId)).toHaveLength(1);
    expect(b.notifications).toEqual([]);

    await b.engine.stopRun(runId);
    const ended = b.engine.getRun(runId);
    expect(ended.summary?.total.fills).toBe(1);
    // A last reconciliation ran when the run stopped, before its summary.
    expect(ended.reconciliation).toMatchObject({ trigger: 'stop', positions: [{ recordedSize: '0.05', venueSize: '0.05', mismatch: false }] });
  });

  it('flatten after a restart closes the position on the run’s own venue and counts the fill made while down', async () => {
    const runId = await runThenKillWhileEntryFills();
    await trade(counterparty, { side: 'BUY', type: 'LIMIT', size: '0.05', price: '2980' });

    const b = start();
    const view = await b.engine.flattenInterruptedRun(runId);
    expect(view.status).toBe('stopped');
    expect(position()).toBe('0');
    const fills = new FillsRepository(b.db.db).listByRun(runId);
    expect(fills.map((f) => [f.purpose, f.side, f.size.toString()])).toEqual([
      ['entry', 'buy', '0.05'],
      ['flatten', 'sell', '0.05'],
    ]);
    expect(view.summary?.total.fills).toBe(2);
  });

  it('a trade no run order explains, made while the app was down, alerts and makes the resumed run reducing-only', async () => {
    const runId = await runThenKillWhileEntryFills();
    // Someone else sells 0.04 on the account while the app is down.
    await trade(counterparty, { side: 'BUY', type: 'LIMIT', size: '0.04', price: '2980' });
    await trade(key, { side: 'SELL', type: 'MARKET', size: '0.04', price: undefined });
    expect(position()).toBe('0.01');

    const b = start();
    await b.engine.resumeRun(runId);
    const view = b.engine.getRun(runId);
    expect(view.reconciliation?.positions).toEqual([{ accountId, symbol: 'ETH', recordedSize: '0.05', venueSize: '0.01', mismatch: true }]);
    expect(view.riskMode).toBe('reducing-only');
    expect(b.notifications).toHaveLength(1);
    expect(b.notifications[0]).toMatchObject({ kind: 'exposure', runId });
    expect(b.notifications[0]!.body).toContain('holds 0.01 ETH on paradex');

    // The same difference seen again is not alerted again.
    const passes = () => b.events.filter((e) => e.type === 'reconciliation').length;
    const before = passes();
    b.clock.advance(RECONCILE_MS);
    await until(() => passes() > before, 'a periodic reconciliation', 10_000);
    expect(b.notifications).toHaveLength(1);
  });
});
