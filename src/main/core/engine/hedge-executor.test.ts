/**
 * The hedge executor on recording venues around fake venues, with simulated
 * time: partial fills are coalesced into one order at a time per account,
 * refusals (429) are retried until covered, a margin refusal goes to the
 * failsafe, and a hedge that can never be covered makes the risk guard
 * reducing-only, then halted.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FillsRepository } from '../store/fills-repository';
import { OrdersRepository } from '../store/orders-repository';
import { openDatabase, type OpenDatabase } from '../store/database';
import { RunsRepository } from '../store/runs-repository';
import type { Fill, PlaceOrderRequest } from '../venues/venue';
import { InsufficientMarginError, RateLimitedError, UnknownVenueError } from '../venues/venue-errors';
import { HedgeExecutor, type HedgeLeg } from './hedge-executor';
import { RecordingVenue } from './recording-venue';
import { RiskGuard } from './risk-guard';
import type { RiskMode } from './risk-mode';
import type { RunAccount } from './strategy';
import { fakeMarket, FakeVenue, fakeWorld } from './testing/fake-venue';
import { SteppedClock } from './testing/stepped-clock';

const d = (v: string | number) => new Decimal(v);
const logger = pino({ level: 'silent' });
const MIN = d('0.005');

let db: OpenDatabase;
let clock: SteppedClock;
let fakes: FakeVenue[];
let accounts: RunAccount[];
let risk: RiskGuard;
let modes: string[];
let executor: HedgeExecutor;
let legs: HedgeLeg[];
let residuals: { accountId: string; signed: Decimal }[];
let margin: string[];
let reported: { accountId: string; fill: Fill }[];

beforeEach(() => {
  db = openDatabase(':memory:');
  clock = new SteppedClock();
  const world = fakeWorld(() => clock.now());
  new RunsRepository(db.db).create({ id: 'run_1', strategy: 'x', config: {}, accountIds: ['A', 'B'], at: clock.now() });
  modes = [];
  risk = new RiskGuard({
    limits: { boundSize: () => MIN, haltAboveUsdc: d(1_000_000) },
    clock,
    naked: { reduceAfterMs: 10_000, haltAfterMs: 60_000 },
    onModeChange: (from: RiskMode, to: RiskMode) => modes.push(`${from}→${to}`),
    onExposure: () => undefined,
  });
  fakes = ['A', 'B'].map((id) => new FakeVenue(id, world));
  accounts = fakes.map((inner, i) => ({
    role: ['A', 'B'][i]!,
    accountId: inner.accountId,
    label: inner.accountId,
    mode: 'paper' as const,
    venue: new RecordingVenue({
      runId: 'run_1',
      inner,
      orders: new OrdersRepository(db.db),
      fills: new FillsRepository(db.db),
      risk,
      clock,
      logger,
      emit: () => undefined,
      onRecordingFailure: (err) => {
        throw err;
      },
      onIntegrityAlarm: (message) => {
        throw new Error(message);
      },
    }),
  }));
  legs = [];
  residuals = [];
  margin = [];
  reported = [];
  executor = new HedgeExecutor({
    accounts,
    market: (symbol) => fakeMarket(symbol as 'ETH'),
    risk,
    clock,
    logger,
    slippageBps: 10,
    onOrder: (leg) => legs.push(leg),
    onResidual: (accountId, _symbol, signed) => residuals.push({ accountId, signed }),
    onMarginRejection: (acc, _symbol, message) => margin.push(`${acc.accountId}: ${message}`),
    onFill: (accountId, fill) => reported.push({ accountId, fill }),
  });
});

afterEach(() => {
  executor.close();
  db.db.close();
});

/** A's entry fill of `size` ETH, as the risk guard records it. */
function primaryFill(size: string): void {
  risk.recordFill('A', { fillId: `p${Math.random()}`, symbol: 'ETH', venueOrderId: '1', clientOrderId: null, side: 'buy', price: d(3000), size: d(size), fee: d(0), liquidity: 'maker', timestamp: clock.now() });
}

describe('HedgeExecutor', () => {
  it('coalesces deltas that arrive while a hedge is in flight: one order at a time, each for all that is owed (fill fraction 0.3)', async () => {
    const b = fakes[1]!;
    b.fillParts = [0.3];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    b.beforeAnswer = async () => {
      if (!first) return;
      first = false;
      await held;
    };
    // Three primary fills of 0.1 ETH while the first hedge's answer is held back.
    const acks = [executor.owe('B', 'ETH', d('-0.1'))];
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setImmediate(r));
      acks.push(executor.owe('B', 'ETH', d('-0.1')));
    }
    release();
    const [a1, a2, a3] = await Promise.all(acks);
    expect(a1!.size.toString()).toBe('0.1');
    // The two later deltas went out together, in the next order, with what the first left.
    expect(a2).toEqual(a3);
    expect(a2!.size.toString()).toBe('0.27');
    expect(await executor.idle(60_000)).toBe(true);

    // Every order covered all that was owed when it was sent; never two at once.
    const sizes = b.placed.map((o) => o.size.toString());
    expect(sizes.slice(0, 3)).toEqual(['0.1', '0.27', '0.189']);
    for (const o of b.placed) {
      expect(o.type).toBe('market');
      expect(o.timeInForce).toBe('IOC');
      expect(o.urgent).toBe(true);
    }
    // 0.3 ETH at a 0.3 fill fraction: 0.3 × 0.7^n falls below one minimum order (0.005) after about 12 orders (not 3 × 12 legs).
    expect(b.placed.length).toBeLessThanOrEqual(13);
    expect(legs).toHaveLength(b.placed.length);
    const left = d('-0.3').minus(b.position('ETH'));
    expect(left.abs().lt(MIN)).toBe(true);
    expect(residuals).toEqual([{ accountId: 'B', signed: left }]);
    expect(executor.outstanding('B', 'ETH').toString()).toBe('0');
  });

  it('retries a hedge refused with HTTP 429 until it is covered: nothing is dropped', async () => {
    const b = fakes[1]!;
    let refusals = 0;
    b.refuse = () => (refusals++ < 6 ? new RateLimitedError('lighter', 'too many requests', 23000) : null);
    primaryFill('0.05');
    const ack = await executor.owe('B', 'ETH', d('-0.05'));
    expect(ack).toBeNull();
    // Until covered, the debt counts as queued (pending) for the risk guard.
    expect(risk.exposure('ETH').uncovered.toString()).toBe('0');
    expect(await executor.idle(60_000)).toBe(true);
    expect(b.position('ETH').toString()).toBe('-0.05');
    expect(b.placed).toHaveLength(1);
    expect(executor.retries).toBe(6);
    expect(risk.exposure('ETH').net.toString()).toBe('0');
    expect(modes).toEqual([]);
  });

  it('takes a long down with reduce-only sells of the purpose asked (a rollback), counted as pending while in flight, each fill reported once', async () => {
    const a = fakes[0]!;
    a.setPosition('ETH', d('0.05'));
    a.fillParts = [0.5];
    primaryFill('0.05');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    a.beforeAnswer = async () => {
      if (!first) return;
      first = false;
      await held;
    };
    const ack = executor.owe('A', 'ETH', d('-0.05'), { reduceOnly: true, purpose: 'flatten' });
    await new Promise((r) => setImmediate(r));
    // The order in flight is not a hedge purpose the recording venue registers: the executor keeps counting it as pending.
    expect(risk.exposure('ETH').uncovered.toString()).toBe('0');
    release();
    expect((await ack)!.side).toBe('sell');
    expect(await executor.idle(60_000)).toBe(true);
    expect(a.placed.length).toBeGreaterThan(1);
    for (const o of a.placed) expect([o.side, o.reduceOnly, o.type, o.timeInForce, o.urgent]).toEqual(['sell', true, 'market', 'IOC', true]);
    const recorded = new OrdersRepository(db.db).listByRun('run_1');
    expect(new Set(recorded.map((o) => o.purpose))).toEqual(new Set(['flatten']));
    // Every fill of its orders reported once, and they add up to what the venue's position moved.
    const ids = reported.map((r) => r.fill.fillId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(reported.every((r) => r.accountId === 'A' && r.fill.side === 'sell')).toBe(true);
    const sold = reported.reduce((s, r) => s.plus(r.fill.size), d(0));
    expect(sold.toString()).toBe(d('0.05').minus(a.position('ETH')).toString());
    expect(a.position('ETH').lt(MIN)).toBe(true);
    expect(new FillsRepository(db.db).listByRun('run_1').map((f) => f.fillId).sort()).toEqual([...ids].sort());
  });

  it('a margin refusal goes to the failsafe; the debt stays owed and uncovered', async () => {
    fakes[1]!.refuse = () => new InsufficientMarginError('lighter', 'not enough margin', 21739);
    primaryFill('0.05');
    await executor.owe('B', 'ETH', d('-0.05'));
    expect(await executor.idle(1_000)).toBe(true);
    expect(margin).toEqual(['B: not enough margin']);
    expect(executor.outstanding('B', 'ETH').toString()).toBe('-0.05');
    expect(risk.exposure('ETH').uncovered.toString()).toBe('0.05');
  });

  it('a hedge the venue keeps refusing makes the run reducing-only, then halted; the debt is never dropped before', async () => {
    fakes[1]!.refuse = (o: PlaceOrderRequest) => new UnknownVenueError('lighter', `refused ${o.size}`, 21000);
    primaryFill('0.05');
    void executor.owe('B', 'ETH', d('-0.05'));
    const start = clock.now();
    const seen: { at: number; mode: RiskMode }[] = [];
    // What the engine does every second (engine.ts watchNakedExposure).
    while (risk.mode !== 'halted' && clock.now() - start < 120_000) {
      await clock.sleep(1_000);
      risk.checkNaked();
      if (seen.at(-1)?.mode !== risk.mode) seen.push({ at: clock.now() - start, mode: risk.mode });
      if (risk.mode === 'normal') expect(executor.outstanding('B', 'ETH').toString()).toBe('-0.05');
    }
    expect(seen.map((s) => s.mode)).toEqual(['normal', 'reducing-only', 'halted']);
    expect(seen[1]!.at).toBe(10_000);
    expect(seen[2]!.at).toBe(60_000);
    expect(executor.retries).toBeGreaterThan(20);
    executor.close();
  });
});
