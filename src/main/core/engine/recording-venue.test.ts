import Decimal from 'decimal.js';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { FillsRepository } from '../store/fills-repository';
import { OrdersRepository } from '../store/orders-repository';
import { openDatabase, type OpenDatabase } from '../store/database';
import { RunsRepository } from '../store/runs-repository';
import type { AccountEvent, Fill } from '../venues/venue';
import { InsufficientMarginError } from '../venues/venue-errors';
import { VirtualClock } from '../venues/virtual-clock';
import { RiskRejectedError } from './engine-errors';
import { RecordingVenue } from './recording-venue';
import { RiskGuard } from './risk-guard';
import type { RunEventInput } from '../../../shared/schemas/runs';
import { FakeVenue, fakeWorld } from './testing/fake-venue';

const d = (v: string | number) => new Decimal(v);
let db: OpenDatabase;
let inner: FakeVenue;
let venue: RecordingVenue;
let risk: RiskGuard;
let emitted: RunEventInput[];
let failures: unknown[];
let alarms: string[];

beforeEach(() => {
  db = openDatabase(':memory:');
  const clock = new VirtualClock();
  new RunsRepository(db.db).create({ id: 'run_1', strategy: 'x', config: {}, accountIds: ['acc'], at: clock.now() });
  inner = new FakeVenue('acc', fakeWorld(() => clock.now()));
  risk = new RiskGuard({ limits: { boundSize: () => d('0.005'), haltAboveUsdc: d(1000) }, onModeChange: () => undefined, onExposure: () => undefined });
  emitted = [];
  failures = [];
  alarms = [];
  venue = new RecordingVenue({
    runId: 'run_1',
    inner,
    orders: new OrdersRepository(db.db),
    fills: new FillsRepository(db.db),
    risk,
    clock,
    logger: pino({ level: 'silent' }),
    emit: (e) => emitted.push(e),
    onRecordingFailure: (e) => failures.push(e),
    onIntegrityAlarm: (m) => alarms.push(m),
  });
});

const buy = { symbol: 'ETH', side: 'buy' as const, size: d('0.01'), type: 'limit' as const, price: d(3000), timeInForce: 'GTC' as const, purpose: 'entry' as const };

describe('RecordingVenue', () => {
  it('stores an order before it is sent, then the answer and every update; client order ids are increasing decimals', async () => {
    const orders = new OrdersRepository(db.db);
    let seenBeforeSend: string | undefined;
    inner.refuse = (o) => {
      seenBeforeSend = orders.get({ venue: 'lighter', accountId: 'acc', clientOrderId: o.clientOrderId! })?.status;
      return null;
    };
    const h1 = await venue.placeOrder(buy);
    const h2 = await venue.placeOrder(buy);
    expect(seenBeforeSend).toBe('submitting');
    expect(h1.clientOrderId).toMatch(/^\d+$/);
    expect(BigInt(h2.clientOrderId) > BigInt(h1.clientOrderId)).toBe(true);
    const stored = orders.listByRun('run_1');
    expect(stored.map((o) => [o.purpose, o.status, o.filledSize.toString(), o.txId !== null])).toEqual([
      ['entry', 'filled', '0.01', true],
      ['entry', 'filled', '0.01', true],
    ]);
    expect(emitted.filter((e) => e.type === 'order').map((e) => (e.type === 'order' ? e.order.status : ''))).toEqual(['submitting', 'open', 'filled', 'submitting', 'open', 'filled']);
  });

  it('delivers each fill once, after it is stored, with its order’s purpose; duplicates are dropped', async () => {
    const fills = new FillsRepository(db.db);
    const delivered: AccountEvent[] = [];
    let storedWhenDelivered = -1;
    venue.onAccountEvent((e) => {
      if (e.type === 'fill') storedWhenDelivered = fills.listByRun('run_1').length;
      delivered.push(e);
    });
    await venue.placeOrder(buy);
    const fill = delivered.find((e): e is { type: 'fill'; fill: Fill } => e.type === 'fill')!.fill;
    expect(storedWhenDelivered).toBe(1);
    inner.deliver({ type: 'fill', fill });
    inner.deliver({ type: 'fill', fill: { ...fill } });
    expect(delivered.filter((e) => e.type === 'fill')).toHaveLength(1);
    expect(fills.listByRun('run_1').map((f) => [f.purpose, f.side, f.size.toString()])).toEqual([['entry', 'buy', '0.01']]);
    expect(risk.exposure('ETH').net.toString()).toBe('0.01');
    expect(emitted.filter((e) => e.type === 'fill')).toHaveLength(1);
    expect(venue.duplicates).toBe(2);
    expect(alarms).toEqual([]);
  });

  it('a fill id seen again with other content is an integrity alarm: not delivered, the stored fill kept', async () => {
    const delivered: AccountEvent[] = [];
    venue.onAccountEvent((e) => delivered.push(e));
    await venue.placeOrder(buy);
    const fill = delivered.find((e): e is { type: 'fill'; fill: Fill } => e.type === 'fill')!.fill;
    // Fee and timestamp may differ between a venue's stream and its REST history: still the same fill.
    inner.deliver({ type: 'fill', fill: { ...fill, fee: d('0.01'), timestamp: fill.timestamp + 5 } });
    expect(alarms).toEqual([]);
    inner.deliver({ type: 'fill', fill: { ...fill, size: d('0.02') } });
    inner.deliver({ type: 'fill', fill: { ...fill, side: 'sell' } });
    expect(alarms).toHaveLength(2);
    expect(alarms[0]).toContain(`fill ${fill.fillId} of account acc`);
    expect(alarms[0]).toContain('buy 0.02 ETH');
    expect(delivered.filter((e) => e.type === 'fill')).toHaveLength(1);
    expect(new FillsRepository(db.db).listByRun('run_1').map((f) => f.size.toString())).toEqual(['0.01']);
    expect(risk.exposure('ETH').net.toString()).toBe('0.01');
    expect(venue.duplicates).toBe(1);
  });

  it('a missed fill from the trade history is stored once and emitted, without reaching the risk guard or the strategy', async () => {
    inner.fillLimits = false;
    const delivered: AccountEvent[] = [];
    venue.onAccountEvent((e) => delivered.push(e));
    const handle = await venue.placeOrder(buy);
    const missed: Fill = { fillId: '77', symbol: 'ETH', venueOrderId: '1', clientOrderId: handle.clientOrderId, side: 'buy', price: d(3000), size: d('0.01'), fee: d(0), liquidity: 'maker', timestamp: 1 };
    expect(venue.recordMissedFill(missed)).toBe('new');
    expect(venue.recordMissedFill(missed)).toBe('duplicate');
    expect(new FillsRepository(db.db).listByRun('run_1').map((f) => [f.fillId, f.purpose])).toEqual([['77', 'entry']]);
    expect(delivered.filter((e) => e.type === 'fill')).toEqual([]);
    expect(risk.exposure('ETH').net.toString()).toBe('0');
    expect(emitted.filter((e) => e.type === 'fill')).toHaveLength(1);
  });

  it('a missed fill recorded while the run runs, then brought late by the stream, is delivered once: to the risk guard and the strategy, not stored again', async () => {
    inner.fillLimits = false;
    const delivered: AccountEvent[] = [];
    venue.onAccountEvent((e) => delivered.push(e));
    const handle = await venue.placeOrder(buy);
    const late: Fill = { fillId: '78', symbol: 'ETH', venueOrderId: '1', clientOrderId: handle.clientOrderId, side: 'buy', price: d(3000), size: d('0.01'), fee: d(0), liquidity: 'maker', timestamp: 1 };
    expect(venue.recordMissedFill(late, { deliverWhenStreamed: true })).toBe('new');
    expect(delivered.filter((e) => e.type === 'fill')).toEqual([]);
    inner.deliver({ type: 'fill', fill: late });
    inner.deliver({ type: 'fill', fill: { ...late } });
    expect(delivered.filter((e) => e.type === 'fill').map((e) => (e.type === 'fill' ? e.fill.fillId : ''))).toEqual(['78']);
    expect(risk.exposure('ETH').net.toString()).toBe('0.01');
    expect(new FillsRepository(db.db).listByRun('run_1').map((f) => f.fillId)).toEqual(['78']);
    expect(emitted.filter((e) => e.type === 'fill')).toHaveLength(1);
    expect(venue.duplicates).toBe(1);
    // Other content under the same id is still the integrity alarm, never a delivery.
    expect(venue.recordMissedFill({ ...late, fillId: '79' }, { deliverWhenStreamed: true })).toBe('new');
    inner.deliver({ type: 'fill', fill: { ...late, fillId: '79', size: d('0.02') } });
    expect(alarms).toHaveLength(1);
    expect(delivered.filter((e) => e.type === 'fill')).toHaveLength(1);
  });

  it('a venue order state from reconciliation never moves a stored order back', async () => {
    const handle = await venue.placeOrder(buy);
    const orders = new OrdersRepository(db.db);
    const filled = orders.get({ venue: 'lighter', accountId: 'acc', clientOrderId: handle.clientOrderId })!;
    expect(filled.status).toBe('filled');
    const stale = { ...(await inner.orderByClientId('ETH', handle.clientOrderId))!, status: 'open' as const, filledSize: d(0) };
    expect(venue.recordOrderState(stale)?.status).toBe('filled');
    expect(orders.get({ venue: 'lighter', accountId: 'acc', clientOrderId: handle.clientOrderId })!.filledSize.toString()).toBe('0.01');
  });

  it('a refused order is stored as failed with its typed reason; a hedge stops counting as pending', async () => {
    inner.refuse = () => new InsufficientMarginError('lighter', 'Lighter 21739: not enough margin', 21739);
    await expect(venue.placeOrder({ ...buy, side: 'sell', type: 'market', purpose: 'hedge' })).rejects.toBeInstanceOf(InsufficientMarginError);
    const [order] = new OrdersRepository(db.db).listByRun('run_1');
    expect(order).toMatchObject({ status: 'failed', rejection: 'InsufficientMargin', purpose: 'hedge', timeInForce: 'IOC' });
    expect(risk.exposure('ETH').pending.toString()).toBe('0');
  });

  it('the risk guard refuses before anything is stored or sent', async () => {
    risk.escalate('halted', 'test');
    await expect(venue.placeOrder(buy)).rejects.toBeInstanceOf(RiskRejectedError);
    expect(inner.placed).toEqual([]);
    expect(new OrdersRepository(db.db).listByRun('run_1')).toEqual([]);
  });

  it('an event that cannot be stored is not delivered and fails the run', async () => {
    const delivered: AccountEvent[] = [];
    venue.onAccountEvent((e) => delivered.push(e));
    db.db.close();
    inner.deliver({ type: 'fill', fill: { fillId: '9', symbol: 'ETH', venueOrderId: '1', clientOrderId: null, side: 'buy', price: d(1), size: d(1), fee: d(0), liquidity: 'maker', timestamp: 0 } });
    expect(delivered).toEqual([]);
    expect(failures).toHaveLength(1);
    db = openDatabase(':memory:');
  });
});
