/**
 * Cross-venue hedge with the real engine on two in-memory fake venues (each
 * its own book) and a stepped clock: the defaults — 10-minute holds, 20 s
 * cooldowns — run in milliseconds; take-profit judged on one leg; a venue
 * that keeps refusing stops the run after max_failures, each failed open
 * rolled back; the close of a leg the venue keeps refusing is retried until
 * it is closed (the run going reducing-only, then halted, meanwhile) or given
 * up after 120 s while both legs stay hedged (the run then halts); a leg
 * liquidated outside the run closes the other.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent, RunEventOf } from '../../../../shared/schemas/runs';
import { Engine } from '../../engine/engine';
import { FakeVenue, fakeWorld, type FakeWorld } from '../../engine/testing/fake-venue';
import { SteppedClock } from '../../engine/testing/stepped-clock';
import { NullNotifier } from '../../notify/null-notifier';
import { AccountsRepository } from '../../store/accounts-repository';
import { openDatabase, type OpenDatabase } from '../../store/database';
import { InsufficientMarginError } from '../../venues/venue-errors';
import { crossVenueHedge } from './cross-venue-hedge';

const logger = pino({ level: 'silent' });

let db: OpenDatabase;
let clock: SteppedClock;
let worlds: FakeWorld[];
let fakes: FakeVenue[];
let ids: string[];
let engine: Engine;
let events: RunEvent[];

beforeEach(() => {
  db = openDatabase(':memory:');
  clock = new SteppedClock();
  const accounts = new AccountsRepository(db.db);
  ids = ['X', 'Y'].map((l) => accounts.create({ venue: 'lighter', label: l, mode: 'paper', identifiers: {} }).id);
  worlds = ids.map(() => fakeWorld(() => clock.now()));
  fakes = ids.map((id, i) => new FakeVenue(id, worlds[i]!));
  events = [];
  engine = new Engine({
    db: db.db,
    venues: { venueFor: async (a) => fakes[ids.indexOf(a.id)]!, close: async () => undefined },
    notifier: new NullNotifier(),
    clock,
    logger,
    strategies: [crossVenueHedge],
    seed: () => 1,
  });
  engine.onEvent((e) => events.push(e));
});

afterEach(async () => {
  await engine.close();
  db.db.close();
});

const cycles = () => events.filter((e): e is RunEventOf<'cycle'> => e.type === 'cycle');
const ended = () => cycles().filter((c) => c.phase === 'closed' || c.phase === 'failed');

/** Waits (bounded, wall clock) until `pred` holds; the stepped clock runs meanwhile. */
async function until(pred: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('cross-venue-hedge on fake venues with simulated time', () => {
  it('runs the defaults — 10-minute holds, 20 s cooldowns — in milliseconds', async () => {
    const wall = Date.now();
    const runId = await engine.startRun({ strategy: 'cross-venue-hedge', config: { ticker: 'ETH', margin: 100 }, accountIds: ids });
    await until(() => ended().length >= 2, 'two cycles');
    await engine.stopRun(runId);
    // 20 minutes 20 seconds of holding and cooling down, in wall-clock seconds.
    expect(Date.now() - wall).toBeLessThan(15_000);
    const [a, b] = ended();
    for (const x of [a!, b!]) {
      expect(x.closeReason).toBe('hold-expired');
      expect(x.closedAt! - x.openedAt!).toBeGreaterThanOrEqual(600_000);
      expect(x.closedAt! - x.openedAt!).toBeLessThan(600_000 + 1_000);
      // 100 USDC at the mid 3000.3 → 0.0333 ETH on the 0.0001 step.
      expect(x.legs.map((l) => l.size)).toEqual(['0.0333', '0.0333']);
    }
    expect(b!.startedAt - a!.closedAt!).toBeGreaterThanOrEqual(20_000);
    expect(b!.startedAt - a!.closedAt!).toBeLessThan(21_000);
    expect(fakes.map((f) => f.position('ETH').toString())).toEqual(['0', '0']);
  });

  it('takes profit when only the long venue moves: each leg is judged on its own', async () => {
    // The long venue rallies 1.7 % as soon as the legs are open (simulated time stands still meanwhile).
    engine.onEvent((e) => {
      if (e.type === 'cycle' && e.phase === 'holding') worlds[0]!.book.set('ETH', { bid: new Decimal('3050'), ask: new Decimal('3050.6') });
    });
    const runId = await engine.startRun({ strategy: 'cross-venue-hedge', config: { ticker: 'ETH', margin: 100, take_profit: 1, stop_loss: 1 }, accountIds: ids });
    await until(() => cycles().some((c) => c.phase === 'holding'), 'holding');
    const openedAt = cycles().find((c) => c.phase === 'holding')!.openedAt!;
    await until(() => ended().length >= 1, 'take-profit');
    const c = ended()[0]!;
    expect(c.closeReason).toBe('take-profit');
    // Fake books send no updates: the once-a-second look finds it.
    expect(c.closedAt! - openedAt).toBeLessThanOrEqual(1_000);
    const [long, short] = c.legs;
    expect(Number(long!.pnlPct)).toBeGreaterThan(1);
    expect(Math.abs(Number(short!.pnlPct))).toBeLessThan(0.1);
    expect(Number(c.pnl)).toBeGreaterThan(1);
    await engine.stopRun(runId);
  });

  it('closes the other leg when one leg disappears outside the run (two position reads agree)', async () => {
    const runId = await engine.startRun({ strategy: 'cross-venue-hedge', config: { ticker: 'ETH', margin: 100 }, accountIds: ids });
    await until(() => cycles().some((c) => c.phase === 'holding'), 'holding');
    const openedAt = cycles().find((c) => c.phase === 'holding')!.openedAt!;
    // The short leg is liquidated (the venue's position goes to 0 without a fill of the run).
    fakes[1]!.setPosition('ETH', new Decimal(0));
    await until(() => ended().length >= 1, 'the cycle closed');
    const c = ended()[0]!;
    expect(c.closeReason).toBe('leg-closed');
    expect(c.detail).toBe('the short leg on lighter account "Y" went from 0.0333 to 0 ETH outside the run (liquidated or closed by hand)');
    // Two reads of the engine's 5 s position snapshots, well before the 10-minute hold ends.
    expect(c.closedAt! - openedAt).toBeLessThanOrEqual(15_000);
    expect(fakes.map((f) => f.position('ETH').toString())).toEqual(['0', '0']);
    expect(c.legs[0]!.exitPrice).not.toBeNull();
    await engine.stopRun(runId);
  });

  it('retries the close of a leg the venue keeps refusing until it is closed; the naked other side makes the run reducing-only, then halted', async () => {
    // Y's reduce-only orders are refused for 65 s of clock time from the first one: longer than the 60 s naked-time bound.
    let refusedFrom: number | null = null;
    fakes[1]!.refuse = (o) => {
      if (!o.reduceOnly) return null;
      refusedFrom ??= clock.now();
      return clock.now() - refusedFrom < 65_000 ? new InsufficientMarginError('lighter', 'venue busy', 21739) : null;
    };
    const runId = await engine.startRun({ strategy: 'cross-venue-hedge', config: { ticker: 'ETH', margin: 100, hold_time: 5 }, accountIds: ids });
    const view = await engine.waitForEnd(runId);
    expect(view.status).toBe('stopped');
    expect(view.stopReason).toBe('the risk guard left normal mode (uncovered exposure); the ticker flattened');
    // The close was never dropped: retried until Y accepted it, so the cycle closed whole.
    const c = ended()[0]!;
    expect([c.phase, c.closeReason, c.detail]).toEqual(['closed', 'hold-expired', null]);
    expect(c.legs.map((l) => l.exitPrice === null)).toEqual([false, false]);
    expect(c.closedAt! - refusedFrom!).toBeGreaterThanOrEqual(65_000);
    const risk = events.filter((e): e is RunEventOf<'risk'> => e.type === 'risk').map((e) => e.to);
    expect(risk).toEqual(['reducing-only', 'halted']);
    expect(fakes[1]!.placed.filter((o) => o.reduceOnly)).toHaveLength(1);
    expect(fakes.map((f) => f.position('ETH').toString())).toEqual(['0', '0']);
  });

  it('gives a close up after 120 s when both legs keep refusing (still hedged), names it in the cycle, and halts instead of opening a new cycle', async () => {
    // Both venues refuse every reduce-only order: the legs stay hedged, so only the cover limit ends the wait.
    let refusedFrom: number | null = null;
    for (const f of fakes) {
      f.refuse = (o) => {
        if (!o.reduceOnly) return null;
        refusedFrom ??= clock.now();
        return new InsufficientMarginError('lighter', 'venue busy', 21739);
      };
    }
    const runId = await engine.startRun({ strategy: 'cross-venue-hedge', config: { ticker: 'ETH', margin: 100, hold_time: 5 }, accountIds: ids });
    const view = await engine.waitForEnd(runId);
    const c = ended()[0]!;
    expect(c.detail).toBe('not closed: 0.0333 ETH on lighter account "X", 0.0333 ETH on lighter account "Y"');
    expect(c.closedAt! - refusedFrom!).toBeGreaterThanOrEqual(120_000);
    expect(c.closedAt! - refusedFrom!).toBeLessThan(125_000);
    const risk = events.filter((e): e is RunEventOf<'risk'> => e.type === 'risk');
    expect(risk.map((e) => e.to)).toEqual(['halted']);
    expect(risk[0]!.reason).toMatch(/^cycle 1: the legs could not be closed within 120 s/);
    // No second cycle on top of the open legs; the halted run tried to flatten and names what is left.
    expect(cycles().every((x) => x.cycle === 1)).toBe(true);
    expect(view.status).toBe('stopped');
    expect(view.stopReason).toMatch(/ticker flattened; left open: 0\.0333 ETH on .*, -0\.0333 ETH on /);
    expect(fakes.map((f) => f.position('ETH').toString())).toEqual(['0.0333', '-0.0333']);
  });

  it('stops after max_failures opens in a row, each one rolled back', async () => {
    fakes[1]!.refuse = (o) => (o.reduceOnly ? null : new InsufficientMarginError('lighter', 'not enough margin', 21739));
    const runId = await engine.startRun({ strategy: 'cross-venue-hedge', config: { ticker: 'ETH', margin: 100, max_failures: 2 }, accountIds: ids });
    const view = await engine.waitForEnd(runId);
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/^2 cycles in a row failed to open; last: short leg on lighter account "Y": refused: not enough margin; rolled back 0\.0333 ETH on lighter account "X"/);
    expect(ended().map((c) => c.phase)).toEqual(['failed', 'failed']);
    expect(ended()[1]!.startedAt - ended()[0]!.closedAt!).toBeGreaterThanOrEqual(20_000);
    expect(fakes.map((f) => f.position('ETH').toString())).toEqual(['0', '0']);
    expect(fakes[0]!.placed.map((o) => [o.side, o.reduceOnly ?? false])).toEqual([
      ['buy', false],
      ['sell', true],
      ['buy', false],
      ['sell', true],
    ]);
  });
});
