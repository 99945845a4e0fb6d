/**
 * Cross-venue hedge end to end: two paper Lighter accounts, each on its own
 * Lighter simulator over loopback (two venues), the real engine, strategy,
 * venue clients and SQLite. Full cycles, reverse mode, each leg refused in
 * turn (rollback), a partial fill (difference flattened), take-profit and
 * stop-loss, refusal on too little collateral, and stop closing (or
 * leaving) the legs.
 */
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { crossHedgeStateSchema } from '../../src/shared/schemas/cross-venue-hedge';
import { runEventSchema } from '../../src/shared/schemas/runs';
import { FillsRepository } from '../../src/main/core/store/fills-repository';
import { OrdersRepository } from '../../src/main/core/store/orders-repository';
import { RunsRepository } from '../../src/main/core/store/runs-repository';
import { accountIdsOf, endedCycles, fastCrossConfig, holdingCycles, startCrossWorld, until, type CrossWorld } from './cross-venue-harness';

let world: CrossWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});


describe('cross-venue-hedge on two Lighter simulators', () => {
  it('runs full cycles: long on the first account, short on the second, equal sizes, held, closed on expiry, recorded; stop ends flat', async () => {
    world = await startCrossWorld();
    const w = world;
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig(), accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, runId).length >= 1, 'the first cycle holding');
    const [long, short] = w.positions();
    expect(long.gt(0)).toBe(true);
    expect(short.eq(long.neg())).toBe(true);
    await until(() => endedCycles(w, runId).length >= 2, 'two cycles closed');
    const view = await w.engine.stopRun(runId);
    expect(view.status).toBe('stopped');
    expect(w.positions().map(String)).toEqual(['0', '0']);

    for (const e of w.events.filter((x) => x.runId === runId)) expect(() => runEventSchema.parse(e)).not.toThrow();
    const [first, second] = endedCycles(w, runId);
    for (const c of [first!, second!]) {
      expect(c.phase).toBe('closed');
      expect(c.closeReason).toBe('hold-expired');
      expect(c.closedAt! - c.openedAt!).toBeGreaterThanOrEqual(1_000);
      const [l, s] = c.legs;
      expect([l!.role, l!.side, l!.accountId]).toEqual(['long', 'buy', w.accounts[0].id]);
      expect([s!.role, s!.side, s!.accountId]).toEqual(['short', 'sell', w.accounts[1].id]);
      expect(l!.size).toBe(s!.size);
      expect(l!.size).toBe(c.targetSize);
      // 60 USDC at ~3000–4000 USDC/ETH, on the 0.0001 step.
      expect(new Decimal(c.targetSize).times(new Decimal(l!.entryMid!)).toNumber()).toBeGreaterThan(55);
      for (const leg of c.legs) {
        expect(leg.entryPrice).not.toBeNull();
        expect(leg.exitPrice).not.toBeNull();
        // A marketable order fills within the 50 bps cap of the mid.
        expect(Math.abs(Number(leg.entrySlippageBps))).toBeLessThanOrEqual(50);
        expect(Math.abs(Number(leg.exitSlippageBps))).toBeLessThanOrEqual(50);
        const size = new Decimal(leg.size);
        const gross = new Decimal(leg.exitPrice!).minus(leg.entryPrice!).times(size);
        expect(new Decimal(leg.pnl).toDecimalPlaces(6).eq((leg.role === 'long' ? gross : gross.neg()).minus(leg.fees).toDecimalPlaces(6))).toBe(true);
      }
      expect(new Decimal(c.pnl).eq(new Decimal(l!.pnl).plus(s!.pnl))).toBe(true);
    }
    // Cycles follow the cooldown.
    expect(second!.startedAt).toBeGreaterThanOrEqual(first!.closedAt! + 300);

    // The history survives in the stored state; orders, fills and exposure recorded by the engine.
    const state = crossHedgeStateSchema.parse(new RunsRepository(w.db.db).get(runId).state);
    expect(state.current).toBeNull();
    expect(state.history.length).toBeGreaterThanOrEqual(2);
    expect(state.history[0]).toMatchObject({ cycle: 1, phase: 'closed', closeReason: 'hold-expired' });
    const orders = new OrdersRepository(w.db.db).listByRun(runId);
    expect(orders.filter((o) => o.purpose === 'entry').every((o) => o.type === 'market' && !o.reduceOnly)).toBe(true);
    expect(orders.filter((o) => o.purpose === 'exit').every((o) => o.type === 'market' && o.reduceOnly)).toBe(true);
    expect(orders.filter((o) => o.status === 'submitting')).toEqual([]);
    expect(new FillsRepository(w.db.db).listByRun(runId).length).toBeGreaterThanOrEqual(8);
    const exposures = w.events.filter((e) => e.type === 'exposure' && e.runId === runId);
    expect(exposures.length).toBeGreaterThan(0);
    // Net exposure across the two legs stays flat once each step settled.
    for (const e of exposures) if (e.type === 'exposure') for (const s of e.symbols) expect(new Decimal(s.netSize).isZero(), `net ${s.netSize}`).toBe(true);
    const transitions = w.engine.getRun(runId).transitions.filter((t) => t.scope === w.accounts[0].id).map((t) => t.to);
    expect(transitions.slice(0, 4)).toEqual(['opening', 'holding', 'closing', 'flat']);
    expect(view.summary!.total.fills).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it('reverse: the first account goes short, the second long', async () => {
    world = await startCrossWorld();
    const w = world;
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ reverse: true, hold_time: 30 }), accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, runId).length >= 1, 'holding');
    const [first, second] = w.positions();
    expect(first.lt(0)).toBe(true);
    expect(second.eq(first.neg())).toBe(true);
    const legs = holdingCycles(w, runId)[0]!.legs;
    expect(legs.map((l) => [l.accountId, l.role])).toEqual([
      [w.accounts[0].id, 'short'],
      [w.accounts[1].id, 'long'],
    ]);
    await w.engine.stopRun(runId);
    expect(w.positions().map(String)).toEqual(['0', '0']);
    expect(endedCycles(w, runId).at(-1)).toMatchObject({ phase: 'closed', closeReason: 'stop' });
  }, 30_000);

  it.each([0, 1] as const)('rolls back when the leg on account %i is refused: both flat, then the next cycle opens', async (index) => {
    world = await startCrossWorld();
    const w = world;
    w.lighter(index).admin.setFaults({ reject_orders: { count: 1, code: 21739 } });
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ hold_time: 30, cooldown: 1 }), accountIds: accountIdsOf(w) });
    await until(() => endedCycles(w, runId).length >= 1, 'the failed cycle');
    const failed = endedCycles(w, runId)[0]!;
    expect(failed.phase).toBe('failed');
    expect(failed.closeReason).toBe('open-failed');
    expect(failed.detail).toMatch(index === 0 ? /long leg .*refused/ : /short leg .*refused/);
    expect(failed.detail).toMatch(/rolled back/);
    expect(failed.legs.map((l) => l.size)).toEqual(['0', '0']);
    // The rollback left neither leg naked (checked before the cooldown ends).
    expect(w.positions().map(String)).toEqual(['0', '0']);
    const rollback = new OrdersRepository(w.db.db).listByRun(runId).filter((o) => o.purpose === 'flatten');
    expect(rollback).toHaveLength(1);
    expect(rollback[0]!.accountId).toBe(w.accounts[1 - index]!.id);
    expect(rollback[0]!.reduceOnly).toBe(true);
    // The next cycle opens both legs.
    await until(() => holdingCycles(w, runId).length >= 1, 'the second cycle holding');
    expect(holdingCycles(w, runId)[0]!.cycle).toBe(2);
    await w.engine.stopRun(runId);
    expect(w.positions().map(String)).toEqual(['0', '0']);
  }, 30_000);

  it('flattens the difference when one leg fills partly, and holds the equal rest', async () => {
    world = await startCrossWorld();
    const w = world;
    w.lighter(1).admin.setFaults({ fill_fraction: 0.5 });
    // The fault is for the opening order only: lifted at its first fill.
    const off = w.engine.onEvent((e) => {
      if (e.type === 'fill' && e.accountId === w.accounts[1].id) w.lighter(1).admin.clearFaults();
    });
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ hold_time: 30, margin: 120 }), accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, runId).length >= 1, 'holding');
    off();
    const cycle = holdingCycles(w, runId)[0]!;
    const target = new Decimal(cycle.targetSize);
    const [long, short] = w.positions();
    expect(long.eq(short.neg())).toBe(true);
    expect(long.lt(target)).toBe(true);
    expect(long.gt(0)).toBe(true);
    expect(cycle.legs[0]!.size).toBe(long.toString());
    expect(cycle.detail).toMatch(/rolled back .* on lighter account "Paper X"/);
    const rollback = new OrdersRepository(w.db.db).listByRun(runId).filter((o) => o.purpose === 'flatten');
    expect(rollback.map((o) => [o.accountId, o.side, o.reduceOnly])).toEqual([[w.accounts[0].id, 'sell', true]]);
    await w.engine.stopRun(runId);
    expect(w.positions().map(String)).toEqual(['0', '0']);
  }, 30_000);

  it.each([
    ['take-profit', 1.05],
    ['stop-loss', 0.95],
  ] as const)('closes both legs on %s of one leg (the long venue moves ×%s)', async (reason, factor) => {
    world = await startCrossWorld();
    const w = world;
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ hold_time: 60, take_profit: 2, stop_loss: 2 }), accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, runId).length >= 1, 'holding');
    w.moveMid(0, factor);
    await until(() => endedCycles(w, runId).length >= 1, reason);
    const c = endedCycles(w, runId)[0]!;
    expect(c.closeReason).toBe(reason);
    expect(c.closedAt! - c.openedAt!).toBeLessThan(20_000);
    const long = c.legs.find((l) => l.role === 'long')!;
    expect(Number(long.pnlPct) * (reason === 'take-profit' ? 1 : -1)).toBeGreaterThan(2);
    expect(w.positions().map(String)).toEqual(['0', '0']);
    await w.engine.stopRun(runId);
  }, 30_000);

  it('refuses to start when an account has less than 2 × margin available, naming both accounts and amounts', async () => {
    world = await startCrossWorld({ collateral: ['100', '10000'] });
    const w = world;
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ margin: 60 }), accountIds: accountIdsOf(w) });
    const view = await w.engine.waitForEnd(runId);
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/not enough collateral: each account needs at least 120 USDC available/);
    expect(view.error).toMatch(/"Paper X" has 100(\.00)? USDC/);
    expect(view.error).toMatch(/"Paper Y" has 10000(\.00)? USDC/);
    expect(new OrdersRepository(w.db.db).listByRun(runId)).toEqual([]);
  }, 30_000);

  it('resumes a holding cycle after a restart: same legs, hold timer kept, then closed on expiry', async () => {
    world = await startCrossWorld();
    const w = world;
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ hold_time: 3 }), accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, runId).length >= 1, 'holding');
    const held = holdingCycles(w, runId)[0]!;
    await w.engine.close();
    const [long, short] = w.positions();
    expect(long.gt(0) && short.eq(long.neg())).toBe(true);

    const engine = w.restart();
    expect(engine.interruptedRuns().map((r) => r.id)).toEqual([runId]);
    await engine.resumeRun(runId);
    await until(() => endedCycles(w, runId).length >= 1, 'the resumed cycle closed');
    const c = endedCycles(w, runId)[0]!;
    expect([c.cycle, c.closeReason, c.targetSize]).toEqual([1, 'hold-expired', held.targetSize]);
    expect(c.holdEndsAt).toBe(held.holdEndsAt);
    expect(c.legs.map((l) => l.entryPrice)).toEqual(held.legs.map((l) => l.entryPrice));
    expect(engine.getRun(runId).transitions.some((t) => t.to === 'holding' && t.reason === 'cycle 1 resumed')).toBe(true);
    await engine.stopRun(runId);
    expect(w.positions().map(String)).toEqual(['0', '0']);
  }, 30_000);

  it('with close_on_stop false, Stop & flatten closes the legs and a plain stop leaves them (a fresh run then refuses)', async () => {
    world = await startCrossWorld();
    const w = world;
    const config = fastCrossConfig({ hold_time: 60, close_on_stop: false });
    const first = await w.engine.startRun({ strategy: 'cross-venue-hedge', config, accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, first).length >= 1, 'holding');
    const flattened = await w.engine.stopRun(first, { flatten: true });
    expect(flattened.stopReason).toMatch(/legs closed/);
    expect(endedCycles(w, first).at(-1)).toMatchObject({ phase: 'closed', closeReason: 'stop' });
    expect(w.positions().map(String)).toEqual(['0', '0']);

    const second = await w.engine.startRun({ strategy: 'cross-venue-hedge', config, accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, second).length >= 1, 'holding');
    const left = await w.engine.stopRun(second);
    expect(left.stopReason).toMatch(/legs left open: long .* on lighter account "Paper X", short .* on lighter account "Paper Y"/);
    const [long, short] = w.positions();
    expect(long.gt(0)).toBe(true);
    expect(short.eq(long.neg())).toBe(true);
    expect(crossHedgeStateSchema.parse(new RunsRepository(w.db.db).get(second).state).current?.phase).toBe('holding');

    const third = await w.engine.startRun({ strategy: 'cross-venue-hedge', config, accountIds: accountIdsOf(w) });
    const refused = await w.engine.waitForEnd(third);
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/lighter account "Paper X" already holds 0\.\d+ ETH/);
  }, 30_000);
});
