import Decimal from 'decimal.js';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp-dir';
import type { PositionCheck } from '../../../shared/schemas/runs';
import { openDatabase, type OpenDatabase } from '../store/database';
import { FillsRepository } from '../store/fills-repository';
import { OrdersRepository } from '../store/orders-repository';
import { RunsRepository } from '../store/runs-repository';
import { RecordingVenue } from './recording-venue';
import { RiskGuard } from './risk-guard';
import { RunReconciler, startingBaseline, type ReconciliationReport } from './run-reconciler';
import { FakeVenue, fakeWorld } from './testing/fake-venue';
import { ManualClock } from './testing/manual-clock';

const d = (v: string | number) => new Decimal(v);
const logger = pino({ level: 'silent' });

let dir: { path: string; remove: () => void };
let db: OpenDatabase;
let clock: ManualClock;
let inner: FakeVenue;
let venue: RecordingVenue;
let orders: OrdersRepository;
let fills: FillsRepository;
let mismatches: PositionCheck[];
let reports: ReconciliationReport[];
let alarms: string[];

const reconciler = (baseline = {}) =>
  new RunReconciler({
    runId: 'run_1',
    accounts: [{ accountId: 'acc', label: 'A', venue }],
    symbols: new Set(['ETH']),
    orders,
    fills,
    baseline: { acc: baseline },
    clock,
    logger,
    onMismatch: (check) => mismatches.push(check),
    onReport: (r) => reports.push(r),
  });

/** An order of the run that filled at the venue while nothing listened (the app was down). */
const fillWhileDown = async (clientOrderId: string, size = '0.01') => {
  const order = { symbol: 'ETH', side: 'buy' as const, size: d(size), type: 'limit' as const, price: d(3000), timeInForce: 'GTC' as const, clientOrderId };
  orders.insertSubmitting('run_1', { venue: 'lighter', accountId: 'acc', clientOrderId }, order, 'entry', clock.now());
  orders.markAccepted({ venue: 'lighter', accountId: 'acc', clientOrderId }, 'tx', null, clock.now());
  await inner.placeOrder(order);
};

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(`${dir.path}/hedgedesk.db`);
  clock = new ManualClock();
  new RunsRepository(db.db).create({ id: 'run_1', strategy: 'x', config: {}, accountIds: ['acc'], at: clock.now() });
  orders = new OrdersRepository(db.db);
  fills = new FillsRepository(db.db);
  inner = new FakeVenue('acc', fakeWorld(() => clock.now()));
  mismatches = [];
  reports = [];
  alarms = [];
  const risk = new RiskGuard({ limits: { boundSize: () => d('0.005'), haltAboveUsdc: d(1000) }, onModeChange: () => undefined, onExposure: () => undefined });
  venue = new RecordingVenue({
    runId: 'run_1',
    inner,
    orders,
    fills,
    risk,
    clock,
    logger,
    emit: () => undefined,
    onRecordingFailure: () => undefined,
    onIntegrityAlarm: (m) => alarms.push(m),
  });
});

afterEach(() => {
  db.db.close();
  dir.remove();
});

describe('RunReconciler', () => {
  it('records fills of the run’s orders made while nothing listened exactly once, and resolves the orders', async () => {
    await venue.close(); // the app is down: nothing listens to the venue
    await fillWhileDown('101');
    await fillWhileDown('102', '0.02');
    const r = reconciler();
    const first = await r.reconcile('start');
    expect(first).toMatchObject({ trigger: 'start', missingFillsRecorded: 2, ordersResolved: 2, positions: [{ symbol: 'ETH', recordedSize: '0.03', venueSize: '0.03', mismatch: false }] });
    expect(await r.reconcile('periodic')).toMatchObject({ missingFillsRecorded: 0, ordersResolved: 0 });
    expect(fills.listByRun('run_1').map((f) => [f.clientOrderId, f.purpose, f.size.toString()])).toEqual([
      ['101', 'entry', '0.01'],
      ['102', 'entry', '0.02'],
    ]);
    expect(orders.listByRun('run_1').map((o) => [o.status, o.filledSize.toString()])).toEqual([
      ['filled', '0.01'],
      ['filled', '0.02'],
    ]);
    expect(mismatches).toEqual([]);
    expect(alarms).toEqual([]);
  });

  it('leaves fills of orders that are not the run’s alone; the difference they make is a mismatch', async () => {
    await venue.close();
    await inner.placeOrder({ symbol: 'ETH', side: 'sell', size: d('0.01'), type: 'market', price: d(2900), timeInForce: 'IOC', clientOrderId: '999' });
    const report = await reconciler().reconcile('start');
    expect(fills.listByRun('run_1')).toEqual([]);
    expect(report?.positions).toEqual([{ accountId: 'acc', symbol: 'ETH', recordedSize: '0', venueSize: '-0.01', mismatch: true }]);
    expect(mismatches).toHaveLength(1);
  });

  it('while running, a difference must be seen twice with the same sizes, and is alerted once', async () => {
    const r = reconciler({ ETH: '0.5' });
    inner.setPosition('ETH', d('0.5'));
    expect((await r.reconcile('periodic'))?.positions[0]?.mismatch).toBe(false);
    inner.setPosition('ETH', d('0.7'));
    expect((await r.reconcile('periodic'))?.positions[0]).toMatchObject({ recordedSize: '0.5', venueSize: '0.7', mismatch: false });
    expect(mismatches).toEqual([]);
    expect((await r.reconcile('periodic'))?.positions[0]?.mismatch).toBe(true);
    expect((await r.reconcile('periodic'))?.positions[0]?.mismatch).toBe(true);
    expect(mismatches).toHaveLength(1);
    inner.setPosition('ETH', d('0.5'));
    expect((await r.reconcile('periodic'))?.positions[0]?.mismatch).toBe(false);
  });

  it('an order left submitting that the venue does not know is failed after 30 s, not before', async () => {
    const order = { symbol: 'ETH', side: 'buy' as const, size: d('0.01'), type: 'limit' as const, price: d(3000), timeInForce: 'GTC' as const, clientOrderId: '555' };
    orders.insertSubmitting('run_1', { venue: 'lighter', accountId: 'acc', clientOrderId: '555' }, order, 'entry', clock.now());
    const r = reconciler();
    await r.reconcile('periodic');
    expect(orders.listByRun('run_1')[0]?.status).toBe('submitting');
    clock.advance(30_000);
    expect(await r.reconcile('periodic')).toMatchObject({ ordersResolved: 1 });
    expect(orders.listByRun('run_1')[0]).toMatchObject({ status: 'failed', rejection: 'OrderNotFound', error: expect.stringContaining('never arrived') });
    expect(orders.listUnresolved('run_1')).toEqual([]);
  });

  it('an order stored failed without a venue refusal is asked about once, 30 s on, and takes the venue’s state', async () => {
    await venue.close();
    const key = (id: string) => ({ venue: 'lighter', accountId: 'acc', clientOrderId: id });
    await fillWhileDown('701');
    orders.markFailed(key('701'), 'VenueUnavailable', 'no answer from the venue', clock.now());
    const refused = { symbol: 'ETH', side: 'buy' as const, size: d('0.01'), type: 'limit' as const, price: d(3000), timeInForce: 'GTC' as const, clientOrderId: '702' };
    orders.insertSubmitting('run_1', key('702'), refused, 'entry', clock.now());
    orders.markFailed(key('702'), 'InsufficientMargin', 'not enough margin', clock.now());
    const lost = { ...refused, clientOrderId: '703' };
    orders.insertSubmitting('run_1', key('703'), lost, 'entry', clock.now());
    orders.markFailed(key('703'), null, 'socket hang up', clock.now());
    const asked: string[] = [];
    const read = inner.orderByClientId.bind(inner);
    inner.orderByClientId = (symbol, id) => {
      asked.push(id);
      return read(symbol, id);
    };
    const r = reconciler();
    expect((await r.reconcile('periodic'))?.ordersResolved).toBe(0);
    expect(asked).toEqual([]);
    clock.advance(30_000);
    expect((await r.reconcile('periodic'))?.ordersResolved).toBe(1);
    expect(orders.get(key('701'))).toMatchObject({ status: 'filled' });
    expect(orders.get(key('702'))).toMatchObject({ status: 'failed', rejection: 'InsufficientMargin' });
    expect(orders.get(key('703'))).toMatchObject({ status: 'failed' });
    await r.reconcile('periodic');
    expect(asked).toEqual(['701', '703']);
  });

  it('reads at most 5 single orders per account per pass; the rest are resolved by the next passes', async () => {
    for (let i = 0; i < 7; i++) {
      const order = { symbol: 'ETH', side: 'buy' as const, size: d('0.01'), type: 'limit' as const, price: d(3000), timeInForce: 'GTC' as const, clientOrderId: String(600 + i) };
      orders.insertSubmitting('run_1', { venue: 'lighter', accountId: 'acc', clientOrderId: order.clientOrderId }, order, 'entry', clock.now());
    }
    clock.advance(30_000);
    const r = reconciler();
    expect((await r.reconcile('periodic'))?.ordersResolved).toBe(5);
    expect((await r.reconcile('periodic'))?.ordersResolved).toBe(2);
    expect(orders.listUnresolved('run_1')).toEqual([]);
  });

  it('a history fill stored with other content raises the integrity alarm once', async () => {
    await venue.close();
    await fillWhileDown('101');
    const r = reconciler();
    await r.reconcile('start');
    const [stored] = fills.listByRun('run_1');
    db.db.prepare('UPDATE fills SET size = ? WHERE fill_id = ?').run('0.02', stored!.fillId);
    await r.reconcile('periodic');
    await r.reconcile('periodic');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toContain(`fill ${stored!.fillId}`);
  });

  it('runs every interval of the injected clock and after a reconnect, until aborted', async () => {
    const r = reconciler();
    const stop = new AbortController();
    const loop = r.runPeriodically(60_000, stop.signal);
    await Promise.resolve();
    expect(reports).toEqual([]);
    clock.advance(60_000);
    await until(() => reports.length === 1);
    expect(reports[0]?.trigger).toBe('periodic');
    inner.deliver({ type: 'connection', state: 'resynced' });
    await until(() => reports.length === 2);
    expect(reports[1]?.trigger).toBe('reconnect');
    stop.abort();
    await loop;
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reports).toHaveLength(2);
  });
});

describe('startingBaseline', () => {
  const position = (symbol: string, size: string) => ({ symbol, size: d(size), entryPrice: d(3000), unrealizedPnl: d(0), liquidationPrice: null });
  it('is the venue positions of the run’s symbols at a first start, and venue − recorded fills for a run stored without one', () => {
    const reconciled = new Map([
      ['a', { positions: [position('ETH', '0.5'), position('SOL', '3')] }],
      ['b', { positions: [] }],
    ]);
    expect(startingBaseline(reconciled, [], new Set(['ETH']))).toEqual({ a: { ETH: '0.5' }, b: {} });
    const fill = (accountId: string, side: 'buy' | 'sell', size: string) =>
      ({ venue: 'lighter', accountId, fillId: `${accountId}${side}${size}`, runId: 'run_1', symbol: 'ETH', venueOrderId: '1', clientOrderId: null, purpose: 'entry', side, price: d(3000), size: d(size), fee: d(0), liquidity: 'maker' as const, venueTime: 0, recordedAt: 0 });
    expect(startingBaseline(reconciled, [fill('a', 'buy', '0.2'), fill('b', 'sell', '0.1')], new Set(['ETH']))).toEqual({ a: { ETH: '0.3' }, b: { ETH: '0.1' } });
  });
});

async function until(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(pred()).toBe(true);
}
