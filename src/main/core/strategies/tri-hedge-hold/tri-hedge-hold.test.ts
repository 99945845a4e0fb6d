/**
 * Tri-Hedge Hold with the real engine on in-memory fake venues and a
 * stepped clock (simulated time): whole runs with the original defaults (a 21-minute hold,
 * 3–7 s between slices) in milliseconds, hedging strictly one event at a
 * time, the margin failsafe from the order stream, the fresh-start checks.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine';
import type { RunEvent, RunEventOf } from '../../../../shared/schemas/runs';
import { FakeVenue, fakeWorld } from '../../engine/testing/fake-venue';
import { SteppedClock } from '../../engine/testing/stepped-clock';
import type { Notification, Notifier } from '../../notify/notifier';
import { AccountsRepository } from '../../store/accounts-repository';
import { openDatabase, type OpenDatabase } from '../../store/database';
import { OrdersRepository } from '../../store/orders-repository';
import { triHedgeHold } from './tri-hedge-hold';

const logger = pino({ level: 'silent' });

class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  notify(n: Notification): void {
    this.sent.push(n);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
}

let db: OpenDatabase;
let clock: SteppedClock;
let fakes: FakeVenue[];
let ids: string[];
let engine: Engine;
let events: RunEvent[];
let notifier: RecordingNotifier;

beforeEach(() => {
  db = openDatabase(':memory:');
  clock = new SteppedClock();
  const world = fakeWorld(() => clock.now());
  const accounts = new AccountsRepository(db.db);
  ids = ['A', 'B', 'C'].map((l) => accounts.create({ venue: 'lighter', label: l, mode: 'paper', identifiers: {} }).id);
  fakes = ids.map((id) => new FakeVenue(id, world));
  notifier = new RecordingNotifier();
  events = [];
  engine = new Engine({
    db: db.db,
    venues: { venueFor: async (a) => fakes[ids.indexOf(a.id)]!, close: async () => undefined },
    notifier,
    clock,
    logger,
    strategies: [triHedgeHold],
    seed: () => 3,
  });
  engine.onEvent((e) => events.push(e));
});

afterEach(async () => {
  await engine.close();
  db.db.close();
});

const ofType = <T extends RunEvent['type']>(type: T) => events.filter((e): e is RunEventOf<T> => e.type === type);
const config = (extra: Record<string, unknown> = {}) => ({
  run_once: true,
  coinlist: [
    { symbol: 'ETH', target_notional: 120, slice_notional: 30 },
    { symbol: 'BTC', target_notional: 100, slice_notional: 50 },
  ],
  ...extra,
});

describe('tri-hedge-hold on fake venues with simulated time', () => {
  it('runs the original defaults — a 21-minute hold, 3 s + up to 4 s between slices — in milliseconds', async () => {
    const wall = Date.now();
    const runId = await engine.startRun({ strategy: 'tri-hedge-hold', config: config(), accountIds: ids });
    const view = await engine.waitForEnd(runId);
    expect(Date.now() - wall).toBeLessThan(5_000);
    expect(view.status).toBe('stopped');
    expect(view.stopReason).toMatch(/^run_once/);

    const transitions = engine.getRun(runId).transitions.filter((t) => t.scope === ids[0]);
    const hold = transitions.find((t) => t.to === 'holding')!;
    const exit = transitions.find((t) => t.to === 'exiting')!;
    expect(exit.at - hold.at).toBeGreaterThanOrEqual(21 * 60_000);
    expect(exit.at - hold.at).toBeLessThan(21 * 60_000 + 8_000); // noticed on the next turn (within one slice delay)

    // A's four ETH slices and B's two BTC slices, taking turns A → B with 3–7 s between slices.
    const entries = ofType('order').filter((o) => o.purpose === 'entry' && o.order.status === 'submitting');
    expect(entries.map((o) => `${o.accountId === ids[0] ? 'A' : 'B'}:${o.order.symbol}`)).toEqual(['A:ETH', 'B:BTC', 'A:ETH', 'B:BTC', 'A:ETH', 'A:ETH']);
    for (let k = 1; k < entries.length; k++) expect(entries[k]!.at - entries[k - 1]!.at).toBeGreaterThanOrEqual(3_000);

    // Every entry fill hedged by B and C (ETH) / A and C (BTC), each share within 45–55 %.
    for (const h of ofType('hedge').filter((x) => x.forFillId !== null)) {
      const total = h.legs.reduce((s, l) => s.plus(l.size), new Decimal(0));
      if (h.legs.length === 2) {
        const share = new Decimal(h.legs[0]!.size).div(total);
        expect(share.gte(0.449) && share.lte(0.551), `share ${share}`).toBe(true);
      }
      const hedgers = h.symbol === 'ETH' ? [ids[1], ids[2]] : [ids[0], ids[2]];
      expect(h.legs.every((l) => hedgers.includes(l.accountId))).toBe(true);
    }
    for (const f of fakes) {
      expect(f.position('ETH').abs().lte(0.005)).toBe(true);
      expect(f.position('BTC').abs().lte(0.0001)).toBe(true);
    }
    expect(notifier.sent.map((n) => n.kind)).toEqual(['run-stopped']);
  });

  it('hedges one fill completely before it looks at the next one', async () => {
    fakes[0]!.fillParts = [0.5, 0.5];
    const log: string[] = [];
    for (const hedger of [fakes[1]!, fakes[2]!]) {
      hedger.beforeAnswer = async (order) => {
        log.push(`start ${order.clientOrderId}`);
        for (let i = 0; i < 25; i++) await Promise.resolve();
        log.push(`end ${order.clientOrderId}`);
      };
    }
    const runId = await engine.startRun({ strategy: 'tri-hedge-hold', config: config({ coinlist: [{ symbol: 'ETH', target_notional: 60, slice_notional: 60 }] }), accountIds: ids });
    await engine.waitForEnd(runId);
    // Per hedge event (in order), its legs start and end before the next event's legs start.
    const hedges = ofType('hedge').filter((h) => h.legs.length > 0);
    expect(hedges.length).toBeGreaterThanOrEqual(4);
    let cursor = 0;
    for (const h of hedges) {
      const legIds = h.legs.map((l) => l.clientOrderId);
      const window = log.slice(cursor, cursor + legIds.length * 2);
      expect(window.filter((x) => x.startsWith('start')).map((x) => x.slice(6)).sort()).toEqual([...legIds].sort());
      expect(window.filter((x) => x.startsWith('end')).map((x) => x.slice(4)).sort()).toEqual([...legIds].sort());
      cursor += legIds.length * 2;
    }
    expect(cursor).toBe(log.length);
  });

  it('cancels a slice not filled within slice_fill_timeout and tries again on the next pass', async () => {
    fakes[0]!.fillLimits = false;
    const runId = await engine.startRun({ strategy: 'tri-hedge-hold', config: config(), accountIds: ids });
    const cancelled = () => ofType('order').filter((o) => o.accountId === ids[0] && o.purpose === 'entry' && o.order.status === 'canceled');
    while (cancelled().length < 2) await clock.sleep(1_000);
    fakes[0]!.fillLimits = true;
    const view = await engine.waitForEnd(runId);
    expect(view.status).toBe('stopped');
    const [first, second] = cancelled();
    const placed = ofType('order').find((o) => o.order.clientOrderId === first!.order.clientOrderId && o.order.status === 'submitting')!;
    expect(first!.at - placed.at).toBeGreaterThanOrEqual(8_000); // the default 8 s slice_fill_timeout
    expect(second!.order.clientOrderId).not.toBe(first!.order.clientOrderId);
    expect(fakes[0]!.position('ETH').abs().lte(0.005)).toBe(true);
  });

  it('REST reconciliation finds a fill the stream missed, takes the venue position and rebalances', async () => {
    const runId = await engine.startRun({ strategy: 'tri-hedge-hold', config: config({ hold_minutes: 5 }), accountIds: ids });
    while (!ofType('transition').some((t) => t.accountId === ids[0] && t.to === 'holding')) await clock.sleep(1_000);
    // Hedger C's short was bought back without any event reaching HedgeDesk.
    fakes[2]!.setPosition('ETH', fakes[2]!.position('ETH').plus('0.02'));
    const view = await engine.waitForEnd(runId);
    expect(view.status).toBe('stopped');
    const warning = ofType('log').find((l) => l.level === 'warn' && /a fill was missed/.test(l.message));
    expect(warning?.message).toMatch(/^C: ETH position is .* on the venue but .* from the fills received/);
    expect(ofType('hedge').some((h) => h.symbol === 'ETH' && h.forFillId === null && h.legs.some((l) => l.side === 'sell'))).toBe(true);
    const net = fakes.reduce((sum, f) => sum.plus(f.position('ETH')), new Decimal(0));
    expect(net.abs().lte(0.005)).toBe(true);
  });

  it('a margin rejection on the order stream trips the failsafe: every account flattened reduce-only, run stopped, notified', async () => {
    let entries = 0;
    fakes[1]!.rejectOnStream = (o) => (o.clientOrderId && o.side === 'buy' && !o.reduceOnly && ++entries === 2 ? 'InsufficientMargin' : null);
    const runId = await engine.startRun({ strategy: 'tri-hedge-hold', config: config(), accountIds: ids });
    const view = await engine.waitForEnd(runId);
    expect(view.status).toBe('stopped');
    expect(view.stopReason).toMatch(/^margin failsafe: B .* on BTC: not enough margin/);
    expect(view.riskMode).toBe('halted');
    const flatten = new OrdersRepository(db.db).listByRun(runId).filter((o) => o.purpose === 'flatten');
    expect(flatten.length).toBeGreaterThan(0);
    expect(flatten.every((o) => o.reduceOnly && o.type === 'market')).toBe(true);
    for (const f of fakes) for (const s of ['ETH', 'BTC']) expect(f.position(s).abs().lte(s === 'ETH' ? 0.005 : 0.0001)).toBe(true);
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toMatchObject({ kind: 'failsafe', runId });
    expect(notifier.sent[0]!.body).toMatch(/margin failsafe/);
  });

  it('refuses a fresh start when an account already holds a coin-list symbol (the run fails, nothing trades)', async () => {
    fakes[2]!.setPosition('ETH', new Decimal('0.05'));
    await expect(engine.startRun({ strategy: 'tri-hedge-hold', config: config(), accountIds: ids })).resolves.toMatch(/^run_/);
    const [run] = engine.listRuns();
    const view = await engine.waitForEnd(run!.id);
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/"C" already holds 0.05 ETH/);
    expect(fakes.flatMap((f) => f.placed)).toEqual([]);
    expect(notifier.sent.map((n) => n.kind)).toEqual(['run-failed']);
  });

  it('does not start when a position report is missing: the run fails at reconciliation', async () => {
    fakes[1]!.failPositions = new Error('HTTP 503');
    await expect(engine.startRun({ strategy: 'tri-hedge-hold', config: config(), accountIds: ids })).rejects.toThrow(/could not read the positions of account "B".*not "flat"/);
    const [run] = engine.listRuns();
    expect(run!.status).toBe('failed');
    expect(fakes.flatMap((f) => f.placed)).toEqual([]);
  });

  it('an interrupted run can be marked stopped without touching its positions', async () => {
    const runId = await engine.startRun({ strategy: 'tri-hedge-hold', config: config({ hold_minutes: 60 }), accountIds: ids });
    while (!ofType('transition').some((t) => t.accountId === ids[0] && t.to === 'holding')) await clock.sleep(1_000);
    await engine.close();
    const held = fakes[0]!.position('ETH');
    expect(held.gt(0)).toBe(true);
    const again = new Engine({ db: db.db, venues: { venueFor: async (a) => fakes[ids.indexOf(a.id)]!, close: async () => undefined }, notifier, clock, logger, strategies: [triHedgeHold] });
    engine = again;
    expect(again.listRuns()[0]).toMatchObject({ id: runId, status: 'running', interrupted: true });
    const view = await again.stopRun(runId);
    expect(view).toMatchObject({ status: 'stopped', interrupted: false, stopReason: 'stopped by the user while interrupted; positions left as they are' });
    expect(fakes[0]!.position('ETH').eq(held)).toBe(true);
    expect(notifier.sent.map((n) => n.kind)).toEqual(['run-stopped']);
  });

  it('resumes from the stored state: rebuilds what the hedgers owe from the positions and hedges it', async () => {
    const runId = await engine.startRun({ strategy: 'tri-hedge-hold', config: config({ hold_minutes: 60 }), accountIds: ids });
    while (!ofType('transition').some((t) => t.accountId === ids[0] && t.to === 'holding')) await clock.sleep(1_000);
    await engine.close();
    // While the process was down, hedger B's ETH short got bought back by hand: the accounts are net long.
    fakes[1]!.setPosition('ETH', fakes[1]!.position('ETH').plus('0.02'));
    const again = new Engine({
      db: db.db,
      venues: { venueFor: async (a) => fakes[ids.indexOf(a.id)]!, close: async () => undefined },
      notifier,
      clock,
      logger,
      strategies: [triHedgeHold],
    });
    again.onEvent((e) => events.push(e));
    engine = again;
    await again.resumeRun(runId);
    const view = await again.waitForEnd(runId);
    expect(view.status).toBe('stopped');
    const rebalance = ofType('hedge').find((h) => h.forFillId === null && h.symbol === 'ETH' && h.legs.some((l) => l.side === 'sell'));
    expect(rebalance).toBeDefined();
    for (const f of fakes) expect(f.position('ETH').abs().lte(0.005)).toBe(true);
  });
});
