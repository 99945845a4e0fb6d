/**
 * Cross-venue hedge under HTTP 429 bursts: the rollback of a leg whose other
 * leg was refused, and the close of both legs, go through the engine's hedge
 * executor, so a 429 burst longer than the Lighter client's own retries (and
 * than the four reduce-only orders the strategy once allowed itself) never
 * leaves a leg naked: the leg is retried until flat, every fill is recorded
 * once, and the cycle record keeps its prices, fees and PnL. Two paper
 * Lighter accounts, each on its own simulator over loopback, the real
 * engine, clients and SQLite.
 */
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FillsRepository, type FillRecord } from '../../src/main/core/store/fills-repository';
import { OrdersRepository } from '../../src/main/core/store/orders-repository';
import { accountIdsOf, endedCycles, fastCrossConfig, holdingCycles, startCrossWorld, until, type CrossWorld } from './cross-venue-harness';

let world: CrossWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/**
 * 429s in the burst: more than eight reduce-only orders' worth (the four of
 * the old rollback and the four of its "close both" fallback), each of which
 * the Lighter client retries 5 times (its default maxRateLimitRetries 4)
 * before it gives up.
 */
const BURST = 45;
/** 429s in the burst that meets a close: more than four reduce-only orders' worth (what the old close allowed itself). */
const CLOSE_BURST = 30;

/** Signed size of an account's recorded fills (buys positive), base units. */
function recordedNet(fills: readonly FillRecord[], accountId: string): Decimal {
  return fills.filter((f) => f.accountId === accountId).reduce((s, f) => s.plus(f.side === 'buy' ? f.size : f.size.neg()), new Decimal(0));
}

/** Every recorded fill once: no (account, fill id) twice, and as many as the venues reported on their streams. */
function expectEachFillOnce(w: CrossWorld, runId: string): FillRecord[] {
  const fills = new FillsRepository(w.db.db).listByRun(runId);
  const keys = fills.map((f) => `${f.accountId}/${f.fillId}`);
  expect(new Set(keys).size).toBe(keys.length);
  const streamed = new Set(w.events.filter((e) => e.type === 'fill' && e.runId === runId).map((e) => (e.type === 'fill' ? `${e.accountId}/${e.fill.fillId}` : '')));
  expect(new Set(keys)).toEqual(streamed);
  return fills;
}

/**
 * The risk guard reacted to the leg left naked only through its time bound
 * (a burst this long outlasts the 10 s before reducing-only), never to an
 * uncovered size: the debt the executor retries counts as pending. Never halted.
 */
function expectOnlyTimeBound(w: CrossWorld, runId: string): void {
  const risk = w.events.filter((e) => e.type === 'risk' && e.runId === runId);
  for (const e of risk) if (e.type === 'risk') expect([e.to, e.reason]).toEqual(['reducing-only', expect.stringMatching(/net exposure .* beyond one minimum order .* for \d+\.\d s/)]);
}

describe('cross-venue-hedge: rollbacks and closes through the hedge executor', () => {
  it(`rolls a leg back through a burst of ${BURST} × HTTP 429: flat when the failed cycle is recorded, each fill recorded once`, async () => {
    world = await startCrossWorld();
    const w = world;
    // The short leg (account 1) is refused; the long leg fills, then its venue answers 429 to the rollback.
    w.lighter(1).admin.setFaults({ reject_orders: { count: 1, code: 21739 } });
    const off = w.engine.onEvent((e) => {
      if (e.type === 'fill' && e.accountId === w.accounts[0].id) {
        w.lighter(0).admin.setFaults({ rate_limit: { count: BURST } });
        off();
      }
    });
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ hold_time: 30, cooldown: 5 }), accountIds: accountIdsOf(w) });
    await until(() => endedCycles(w, runId).length >= 1, 'the failed cycle', 40_000);
    // The rollback covered the long leg before the cycle was recorded.
    expect(w.positions().map(String)).toEqual(['0', '0']);
    expect(w.lighter(0).admin.state().faults.rate_limit).toBe(0);
    const failed = endedCycles(w, runId)[0]!;
    expect([failed.phase, failed.closeReason]).toEqual(['failed', 'open-failed']);
    expect(failed.detail).toMatch(/short leg .*refused/);
    expect(failed.detail).toMatch(/rolled back 0\.\d+ ETH on lighter account "Paper X"/);
    expect(failed.detail).not.toMatch(/left open/);
    const orders = new OrdersRepository(w.db.db).listByRun(runId);
    const rollback = orders.filter((o) => o.purpose === 'flatten');
    expect(rollback.length).toBeGreaterThanOrEqual(1);
    expect(rollback.every((o) => o.accountId === w.accounts[0].id && o.side === 'sell' && o.reduceOnly && o.type === 'market')).toBe(true);
    const fills = expectEachFillOnce(w, runId);
    // The long leg's entry and its rollback net to zero in the records, as on the venue.
    expect(fills.some((f) => f.accountId === w.accounts[0].id && f.purpose === 'flatten')).toBe(true);
    expect(recordedNet(fills, w.accounts[0].id).toString()).toBe('0');
    expect(recordedNet(fills, w.accounts[1].id).toString()).toBe('0');
    expectOnlyTimeBound(w, runId);
    const view = await w.engine.stopRun(runId);
    expect(['stopped', 'halted']).toContain(view.status);
    expect(w.positions().map(String)).toEqual(['0', '0']);
  }, 60_000);

  it(`closes both legs through a burst of ${CLOSE_BURST} × HTTP 429 on one venue: flat, exit price, fees and PnL of every fill`, async () => {
    world = await startCrossWorld();
    const w = world;
    const runId = await w.engine.startRun({ strategy: 'cross-venue-hedge', config: fastCrossConfig({ hold_time: 2 }), accountIds: accountIdsOf(w) });
    await until(() => holdingCycles(w, runId).length >= 1, 'holding');
    w.lighter(0).admin.setFaults({ rate_limit: { count: CLOSE_BURST } });
    await until(() => endedCycles(w, runId).length >= 1, 'the cycle closed', 40_000);
    const c = endedCycles(w, runId)[0]!;
    expect([c.phase, c.closeReason, c.detail]).toEqual(['closed', 'hold-expired', null]);
    expect(w.lighter(0).admin.state().faults.rate_limit).toBe(0);
    const fills = expectEachFillOnce(w, runId);
    for (const leg of c.legs) {
      const mine = fills.filter((f) => f.accountId === leg.accountId);
      const entry = mine.filter((f) => f.purpose === 'entry');
      const exit = mine.filter((f) => f.purpose === 'exit');
      expect(exit.length).toBeGreaterThanOrEqual(1);
      const size = (xs: FillRecord[]) => xs.reduce((s, f) => s.plus(f.size), new Decimal(0));
      const vwap = (xs: FillRecord[]) => xs.reduce((s, f) => s.plus(f.price.times(f.size)), new Decimal(0)).div(size(xs));
      expect(size(exit).toString()).toBe(leg.size);
      expect(new Decimal(leg.exitPrice!).eq(vwap(exit).toDecimalPlaces(8))).toBe(true);
      expect(new Decimal(leg.fees).eq(mine.reduce((s, f) => s.plus(f.fee), new Decimal(0)))).toBe(true);
      const gross = vwap(exit).minus(vwap(entry)).times(leg.size);
      expect(new Decimal(leg.pnl).toDecimalPlaces(6).eq((leg.role === 'long' ? gross : gross.neg()).minus(leg.fees).toDecimalPlaces(6))).toBe(true);
      expect(leg.exitSlippageBps).not.toBeNull();
    }
    expect(new Decimal(c.pnl).eq(new Decimal(c.legs[0]!.pnl).plus(c.legs[1]!.pnl))).toBe(true);
    expectOnlyTimeBound(w, runId);
    await w.engine.stopRun(runId);
    expect(w.positions().map(String)).toEqual(['0', '0']);
  }, 60_000);
});
