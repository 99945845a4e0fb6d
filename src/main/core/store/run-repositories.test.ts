import Decimal from 'decimal.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/errors';
import { RunTransitionError } from '../engine/run-status';
import { openDatabase, type OpenDatabase } from './database';
import { FillsRepository, type FillRecord } from './fills-repository';
import { OrdersRepository } from './orders-repository';
import { RunSamplesRepository } from './run-samples-repository';
import { newRunId, RunsRepository } from './runs-repository';

const d = (v: string | number) => new Decimal(v);
let open: OpenDatabase;
beforeEach(() => {
  open = openDatabase(':memory:');
});
afterEach(() => open.db.close());

describe('run repositories', () => {
  it('runs: created starting, moved through the lifecycle with every step logged; bad steps refused', () => {
    const runs = new RunsRepository(open.db);
    const id = newRunId();
    expect(id).toMatch(/^run_[a-z2-7]{12}$/);
    runs.create({ id, strategy: 'tri-hedge-hold', config: { coinlist: ['ETH'] }, accountIds: ['a', 'b', 'c'], at: 1 });
    runs.setStatus(id, 'running', 2, { reason: 'reconciled', startedAt: 2 });
    runs.saveState(id, { round: 1 }, 3);
    runs.setRiskMode(id, 'normal', 'reducing-only', 'too much', 4);
    runs.addTransition(id, 'a', 'idle', 'entering', 'round 1', 5);
    runs.setStatus(id, 'stopping', 6, { reason: 'user' });
    runs.saveSummary(id, { total: 1 }, 7);
    runs.setStatus(id, 'stopped', 8, { stopReason: 'user', endedAt: 8 });
    expect(() => runs.setStatus(id, 'running', 9)).toThrow(RunTransitionError);
    const run = runs.get(id);
    expect(run).toMatchObject({ status: 'stopped', config: { coinlist: ['ETH'] }, accountIds: ['a', 'b', 'c'], state: { round: 1 }, riskMode: 'reducing-only', stopReason: 'user', summary: { total: 1 }, startedAt: 2, endedAt: 8 });
    expect(runs.transitions(id).map((t) => `${t.scope}:${t.from ?? ''}→${t.to}`)).toEqual(['run:→starting', 'run:starting→running', 'risk:normal→reducing-only', 'a:idle→entering', 'run:running→stopping', 'run:stopping→stopped']);
    expect(runs.withStatus(['running'])).toEqual([]);
    expect(runs.list().map((r) => r.id)).toEqual([id]);
    expect(() => runs.get('run_nope')).toThrow(ContractError);
  });

  it('orders: stored before sending, answered, updated by client or venue order id', () => {
    new RunsRepository(open.db).create({ id: 'r', strategy: 's', config: {}, accountIds: [], at: 1 });
    const orders = new OrdersRepository(open.db);
    const key = { venue: 'lighter', accountId: 'acc', clientOrderId: '77' };
    orders.insertSubmitting('r', key, { symbol: 'ETH', side: 'buy', size: d('0.01'), type: 'limit', price: d(3000), timeInForce: 'POST_ONLY' }, 'entry', 1);
    orders.markAccepted(key, 'tx', null, 2);
    expect(orders.get(key)).toMatchObject({ status: 'pending', txId: 'tx', timeInForce: 'POST_ONLY', reduceOnly: false });
    const update = { symbol: 'ETH', venueOrderId: '281474976710656', clientOrderId: '77', side: 'buy' as const, type: 'limit' as const, timeInForce: 'POST_ONLY' as const, reduceOnly: false, price: d(3000), size: d('0.01'), filledSize: d('0.004'), avgFillPrice: d(3000), status: 'partially_filled' as const, statusReason: null, rejection: null, updatedAt: 3 };
    expect(orders.applyUpdate('lighter', 'acc', update, 3)).toMatchObject({ status: 'partially_filled', venueOrderId: '281474976710656' });
    expect(orders.applyUpdate('lighter', 'acc', { ...update, clientOrderId: null, status: 'canceled' }, 4)!.status).toBe('canceled');
    expect(orders.applyUpdate('lighter', 'acc', { ...update, clientOrderId: '99' }, 5)).toBeNull();
    orders.markAccepted(key, 'tx', null, 6);
    expect(orders.get(key)!.status).toBe('canceled');
  });

  it('fills: one row per (venue, account, fill id); samples kept in time order', () => {
    new RunsRepository(open.db).create({ id: 'r', strategy: 's', config: {}, accountIds: [], at: 1 });
    const fills = new FillsRepository(open.db);
    const f: FillRecord = { venue: 'lighter', accountId: 'acc', fillId: '5', runId: 'r', symbol: 'ETH', venueOrderId: '1', clientOrderId: '7', purpose: 'hedge', side: 'sell', price: d('3000.5'), size: d('0.0001'), fee: d('-0.001'), liquidity: 'taker', venueTime: 10, recordedAt: 11 };
    expect(fills.insertOnce(f)).toBe(true);
    expect(fills.insertOnce({ ...f, size: d(9) })).toBe(false);
    expect(fills.insertOnce({ ...f, accountId: 'other' })).toBe(true);
    expect(fills.listByRun('r').map((x) => [x.accountId, x.size.toString(), x.fee.toString()])).toEqual([['acc', '0.0001', '-0.001'], ['other', '0.0001', '-0.001']]);
    const samples = new RunSamplesRepository(open.db);
    samples.addExposureSample('r', { symbol: 'ETH', netSize: d('0.01'), pendingSize: d('-0.01'), price: d(3000), at: 20 });
    samples.addExposureSample('r', { symbol: 'ETH', netSize: d(0), pendingSize: d(0), price: d(3001), at: 10 });
    expect(samples.exposureSamples('r').map((s) => s.at)).toEqual([10, 20]);
    samples.addPositionSnapshot('r', 'acc', { symbol: 'ETH', size: d('-0.01'), entryPrice: d(3000), unrealizedPnl: d('0.5'), liquidationPrice: null }, 30);
    expect(samples.positionSnapshots('r')[0]!.size.toString()).toBe('-0.01');
  });
});
