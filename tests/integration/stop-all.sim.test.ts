/**
 * "Stop all" and "flatten all" (tray, UI) on the built-in Lighter simulator
 * with the real engine: a tri-hedge-hold run holding positions, plus a
 * fourth paper account outside any run with a resting order and a position.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/core/clock';
import { flattenAll, stopAll } from '../../src/main/core/desk/stop-all';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
import { eventsOf, fastConfig, startWorld, until, type TriHedgeWorld } from './tri-hedge-harness';

let world: TriHedgeWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const logger = pino({ level: 'silent' });

describe('stop all / flatten all on paper accounts', () => {
  it('stop all stops the run and cancels every open order, keeping positions; flatten all then closes every position', async () => {
    world = await startWorld({ seed: 5 });
    const w = world;
    const repo = new AccountsRepository(w.db.db);
    const outsider = repo.create({ venue: 'lighter', label: 'Paper D', mode: 'paper', identifiers: {} });
    const venue = await w.engine.venues.venueFor(outsider);
    const { bid, ask } = await venue.bestBidAsk('ETH');
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: new Decimal('0.01'), type: 'market', price: ask!.times(1.01).toDecimalPlaces(2), timeInForce: 'IOC' });
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: new Decimal('0.01'), type: 'limit', price: bid!.times(0.8).toDecimalPlaces(2), timeInForce: 'GTC' });
    await until(async () => (await venue.openOrders('ETH')).length === 1 && (await venue.positions()).some((p) => p.symbol === 'ETH' && !p.size.isZero()), 'D resting order and position', 10_000);

    const runId = await w.engine.startRun({ strategy: 'tri-hedge-hold', config: fastConfig({ hold_minutes: 5, run_once: false }), accountIds: w.accounts.map((a) => a.id) });
    await until(() => eventsOf(w.events, 'transition', runId).some((t) => t.to === 'holding'), 'a primary holding');

    const opts = { engine: w.engine, accounts: () => repo.list(), clock: systemClock, logger };
    const stopped = await stopAll(opts);
    expect(stopped.stoppedRuns).toEqual([runId]);
    expect(stopped.accounts.map((a) => [a.label, a.ok]).sort()).toEqual([['Paper A', true], ['Paper B', true], ['Paper C', true], ['Paper D', true]]);
    expect(w.engine.listRuns().find((r) => r.id === runId)!.status).toBe('stopped');
    expect(await venue.openOrders()).toEqual([]);
    const held = [...(await w.positions()).values()].flatMap((p) => p.sizes).filter((s) => !s.isZero());
    expect(held.length).toBeGreaterThan(0);
    expect((await venue.positions()).find((p) => p.symbol === 'ETH')!.size.toFixed()).toBe('0.01');

    const flat = await flattenAll(opts);
    expect(flat.stoppedRuns).toEqual([]);
    expect(flat.leftovers).toEqual([]);
    expect(flat.flattenOrders).toBeGreaterThanOrEqual(held.length + 1);
    for (const p of (await w.positions()).values()) for (const size of p.sizes) expect(size.isZero(), size.toFixed()).toBe(true);
    expect((await venue.positions()).filter((p) => !p.size.isZero())).toEqual([]);
  }, 90_000);
});
