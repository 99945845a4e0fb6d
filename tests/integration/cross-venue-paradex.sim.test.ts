/**
 * Cross-venue hedge between two venues: the first account on the Paradex
 * simulator (real Paradex client: StarkNet-signed auth and orders, JWTs,
 * JSON-RPC WS), the second on the Lighter simulator, the real engine and
 * SQLite. A full cycle Paradex long ⇄ Lighter short; a Paradex rejection that
 * arrives as a CLOSED order with a cancel reason (rollback on Lighter); JWT
 * expiry in the middle of a cycle.
 */
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runEventSchema } from '../../src/shared/schemas/runs';
import { OrdersRepository } from '../../src/main/core/store/orders-repository';
import { accountIdsOf, endedCycles, fastCrossConfig, holdingCycles, startCrossWorld, until, type CrossWorld } from './cross-venue-harness';

let world: CrossWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Paradex's ETH minimum notional is 100 USDC and its step 0.001. */
const CONFIG = fastCrossConfig({ margin: 150 });

describe('cross-venue-hedge: Paradex long ⇄ Lighter short', () => {
  it('refuses a margin below Paradex\'s minimum order, then runs a full cycle on both venues and ends flat on both', async () => {
    world = await startCrossWorld({ paradex: true });
    const w = world;
    // Paradex's minimum notional is checked before anything is stored.
    await expect(w.engine.startRun({ strategy: 'cross-venue-hedge', config: { ...CONFIG, margin: 60 }, accountIds: accountIdsOf(w) })).rejects.toThrow(
      /margin: 60 USDC is below the minimum order of 100 USDC/,
    );
    expect(w.engine.listRuns()).toEqual([]);
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: CONFIG, accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, runId).length >= 1, 'holding');
    const [paradex, lighter] = w.positions();
    expect(paradex.gt(0)).toBe(true);
    expect(lighter.eq(paradex.neg())).toBe(true);
    // The coarser step (Paradex 0.001) sizes both legs: 150 USDC at ~3000.
    expect(paradex.toString()).toBe(holdingCycles(w, runId)[0]!.targetSize);
    expect(paradex.times(1000).isInteger()).toBe(true);
    await until(() => endedCycles(w, runId).length >= 1, 'the first cycle closed');
    const view = await w.engine.stopRun(runId);
    expect(view.status).toBe('stopped');
    expect(w.positions().map(String)).toEqual(['0', '0']);
    const c = endedCycles(w, runId)[0]!;
    expect(c.closeReason).toBe('hold-expired');
    expect(c.legs.map((l) => [l.venue, l.role, l.side])).toEqual([
      ['paradex', 'long', 'buy'],
      ['lighter', 'short', 'sell'],
    ]);
    for (const l of c.legs) {
      expect(l.entryPrice).not.toBeNull();
      expect(l.exitPrice).not.toBeNull();
    }
    // Paradex charges taker fees; they are in the leg's fees and PnL.
    expect(new Decimal(c.legs[0]!.fees).gt(0)).toBe(true);
    for (const e of w.events.filter((x) => x.runId === runId)) expect(() => runEventSchema.parse(e)).not.toThrow();
  }, 30_000);

  it('rolls back the Lighter leg when Paradex cancels the order (NOT_ENOUGH_MARGIN on the order stream)', async () => {
    world = await startCrossWorld({ paradex: true });
    const w = world;
    w.paradex().admin.rejectNextOrders(1, 'NOT_ENOUGH_MARGIN');
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ margin: 150, hold_time: 30, cooldown: 1 }), accountIds: accountIdsOf(w) });
    await until(() => endedCycles(w, runId).length >= 1, 'the failed cycle');
    const failed = endedCycles(w, runId)[0]!;
    expect(failed.phase).toBe('failed');
    expect(failed.detail).toMatch(/long leg on paradex account "Paper X"/);
    expect(failed.detail).toMatch(/rolled back .* on lighter account "Paper Y"/);
    expect(w.positions().map(String)).toEqual(['0', '0']);
    const entry = new OrdersRepository(w.db.db).listByRun(runId).find((o) => o.purpose === 'entry' && o.accountId === w.accounts[0].id)!;
    expect(entry.rejection).toBe('InsufficientMargin');
    await until(() => holdingCycles(w, runId).length >= 1, 'the next cycle holding');
    await w.engine.stopRun(runId);
    expect(w.positions().map(String)).toEqual(['0', '0']);
  }, 30_000);

  it('closes the cycle when the Paradex JWT expires while holding (the client re-authenticates)', async () => {
    world = await startCrossWorld({ paradex: true });
    const w = world;
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ margin: 150, hold_time: 1.5 }), accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, runId).length >= 1, 'holding');
    w.paradex().admin.expireJwts();
    await until(() => endedCycles(w, runId).length >= 1, 'the cycle closed');
    const c = endedCycles(w, runId)[0]!;
    expect(c.phase).toBe('closed');
    expect(c.detail).toBeNull();
    expect(c.legs[0]!.exitPrice).not.toBeNull();
    expect(w.positions().map(String)).toEqual(['0', '0']);
    await w.engine.stopRun(runId);
  }, 30_000);
});
