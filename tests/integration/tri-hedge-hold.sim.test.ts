/**
 * Tri-Hedge Hold end to end on the built-in Lighter simulator: three paper
 * accounts, the real engine, strategy, venue clients (REST + WS over
 * loopback) and SQLite. A full run_once cycle over two symbols; partial
 * fills; a target below the minimum order.
 */
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runEventSchema } from '../../src/shared/schemas/runs';
import { FillsRepository } from '../../src/main/core/store/fills-repository';
import { OrdersRepository } from '../../src/main/core/store/orders-repository';
import { RunsRepository } from '../../src/main/core/store/runs-repository';
import { eventsOf, fastConfig, MIN_ORDER, startWorld, type TriHedgeWorld } from './tri-hedge-harness';

let world: TriHedgeWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Checks every invariant of a finished run on the simulator. */
async function expectHedgedAndFlat(w: TriHedgeWorld, runId: string): Promise<void> {
  const { events } = w;
  for (const e of events.filter((x) => x.runId === runId)) expect(() => runEventSchema.parse(e)).not.toThrow();

  // Every primary (maker) fill is hedged by exactly one hedge event for it…
  const primaryFills = eventsOf(events, 'fill', runId).filter((f) => f.purpose === 'entry' || f.purpose === 'exit');
  expect(primaryFills.length).toBeGreaterThan(0);
  const hedges = eventsOf(events, 'hedge', runId);
  for (const f of primaryFills) {
    const forIt = hedges.filter((h) => h.forFillId === f.fill.fillId && h.forAccountId === f.accountId);
    expect(forIt, `hedge for fill ${f.fill.fillId}`).toHaveLength(1);
    // …leaving less than one minimum order carried.
    const carried = forIt[0]!.carried.reduce((s, c) => s.plus(c.size), new Decimal(0));
    expect(carried.abs().lte(MIN_ORDER[f.fill.symbol]!)).toBe(true);
  }
  // …before the next event is handled: handling never overlaps.
  for (let k = 1; k < hedges.length; k++) expect(hedges[k]!.startedAt).toBeGreaterThanOrEqual(hedges[k - 1]!.at);

  // Net exposure (what in-flight hedges do not cover) within one minimum order after every handled event.
  const exposures = eventsOf(events, 'exposure', runId);
  expect(exposures.length).toBeGreaterThan(0);
  for (const e of exposures) {
    for (const s of e.symbols) expect(new Decimal(s.uncoveredSize).abs().lte(new Decimal(s.boundSize)), `${s.symbol} at ${e.at}`).toBe(true);
  }

  // Flat within one minimum order, per account and across them.
  const positions = await w.positions();
  for (const [symbol, p] of positions) {
    expect(p.net.abs().lte(MIN_ORDER[symbol]!), `${symbol} net ${p.net}`).toBe(true);
    for (const size of p.sizes) expect(size.abs().lte(MIN_ORDER[symbol]!), `${symbol} position ${size}`).toBe(true);
  }

  // Every fill recorded exactly once, and the recorded fills add up to the venue's positions.
  const fills = new FillsRepository(w.db.db).listByRun(runId);
  const fillEvents = eventsOf(events, 'fill', runId);
  expect(fills).toHaveLength(fillEvents.length);
  expect(new Set(fills.map((f) => `${f.accountId}/${f.fillId}`)).size).toBe(fills.length);
  for (const [symbol, p] of positions) {
    w.accounts.forEach((a, i) => {
      const recorded = fills.filter((f) => f.accountId === a.id && f.symbol === symbol).reduce((s, f) => (f.side === 'buy' ? s.plus(f.size) : s.minus(f.size)), new Decimal(0));
      expect(recorded.toString(), `${a.label} ${symbol}`).toBe(p.sizes[i]!.toString());
    });
  }
  // Every order got the venue's answer; none stayed "submitting".
  expect(new OrdersRepository(w.db.db).listByRun(runId).filter((o) => o.status === 'submitting')).toEqual([]);
}

describe('tri-hedge-hold on the Lighter simulator', () => {
  it('runs a full run_once cycle: slices A → B, hedges on every fill, holds, exits, ends flat and summarised', async () => {
    world = await startWorld({ seed: 21 });
    const runId = await world.engine.startRun({ strategy: 'tri-hedge-hold', config: fastConfig(), accountIds: world.accounts.map((a) => a.id) });
    const view = await world.engine.waitForEnd(runId);
    expect(view.status).toBe('stopped');
    expect(view.stopReason).toMatch(/^run_once: 1 round/);
    await expectHedgedAndFlat(world, runId);
    expect(eventsOf(world.events, 'log', runId).filter((l) => l.level !== 'info')).toEqual([]);
    expect(eventsOf(world.events, 'risk', runId)).toEqual([]);

    // The accounts' state machines: A and B traded their symbol, C only hedged (two symbols, three accounts).
    const details = world.engine.getRun(runId);
    const path = (accountId: string) => details.transitions.filter((t) => t.scope === accountId).map((t) => t.to);
    expect(path(world.accounts[0]!.id)).toEqual(['entering', 'holding', 'exiting', 'done']);
    expect(path(world.accounts[1]!.id)).toEqual(['entering', 'holding', 'exiting', 'done']);
    expect(path(world.accounts[2]!.id)).toEqual([]);
    expect(details.transitions.filter((t) => t.scope === 'run').map((t) => t.to)).toEqual(['starting', 'running', 'stopping', 'stopped']);

    // Entry orders are the primaries' buys at the configured time in force; hedges are marketable IOC sells/buy-backs.
    const orders = new OrdersRepository(world.db.db).listByRun(runId);
    expect(orders.filter((o) => o.purpose === 'entry').every((o) => o.side === 'buy' && o.timeInForce === 'GTC' && !o.reduceOnly)).toBe(true);
    expect(orders.filter((o) => o.purpose === 'exit').every((o) => o.side === 'sell' && o.reduceOnly)).toBe(true);
    expect(orders.filter((o) => o.purpose === 'hedge').every((o) => o.side === 'sell' && o.type === 'market')).toBe(true);
    expect(orders.filter((o) => o.purpose === 'hedge-buyback').every((o) => o.side === 'buy' && o.reduceOnly)).toBe(true);
    expect(orders.some((o) => o.accountId === world!.accounts[2]!.id && o.purpose === 'hedge')).toBe(true);

    // The summary, stored and in the view.
    const summary = view.summary!;
    expect(summary.symbols.map((s) => s.symbol)).toEqual(['BTC', 'ETH']);
    expect(Number(summary.total.volume)).toBeGreaterThan(200);
    expect(Number(summary.total.makerVolume)).toBeGreaterThan(0);
    expect(Number(summary.total.takerVolume)).toBeGreaterThan(0);
    expect(summary.total.fills).toBe(new FillsRepository(world.db.db).listByRun(runId).length);
    expect(new RunsRepository(world.db.db).get(runId).summary).toEqual(summary);
    expect(details.exposureSeries.length).toBeGreaterThan(0);
    expect(eventsOf(world.events, 'summary', runId)).toHaveLength(1);
  }, 120_000);

  it('hedges partial fills: hedge legs that fill partly are re-sent until less than one minimum order is left', async () => {
    world = await startWorld({ seed: 22 });
    const sim = await world.paper.simulator();
    sim.admin.setFaults({ fill_fraction: 0.5 });
    const runId = await world.engine.startRun({ strategy: 'tri-hedge-hold', config: fastConfig(), accountIds: world.accounts.map((a) => a.id) });
    const view = await world.engine.waitForEnd(runId);
    sim.admin.clearFaults();
    expect(view.status).toBe('stopped');
    const orders = new OrdersRepository(world.db.db).listByRun(runId);
    const partial = orders.filter((o) => (o.purpose === 'hedge' || o.purpose === 'hedge-buyback') && o.filledSize.gt(0) && o.filledSize.lt(o.size));
    expect(partial.length).toBeGreaterThan(0);
    expect(eventsOf(world.events, 'hedge', runId).some((h) => h.forFillId === null && h.legs.length > 0)).toBe(true);
    await expectHedgedAndFlat(world, runId);
  }, 120_000);

  it('skips straight to holding when the target converts to less than one minimum order', async () => {
    world = await startWorld({ seed: 23 });
    // 12 USDC passes the 10 USDC minimum notional but is 0.004 ETH at ~3000, below ETH's 0.005 minimum base amount.
    const config = fastConfig({ coinlist: [{ symbol: 'ETH', target_notional: 12 }, { symbol: 'BTC', target_notional: 40, slice_notional: 20 }] });
    const runId = await world.engine.startRun({ strategy: 'tri-hedge-hold', config, accountIds: world.accounts.map((a) => a.id) });
    const view = await world.engine.waitForEnd(runId);
    expect(view.status).toBe('stopped');
    const a = world.accounts[0]!.id;
    const toHold = world.engine.getRun(runId).transitions.filter((t) => t.scope === a);
    expect(toHold.map((t) => `${t.from}→${t.to}`)).toEqual(['idle→holding', 'holding→exiting', 'exiting→done']);
    expect(toHold[0]!.reason).toMatch(/below the minimum order/);
    const orders = new OrdersRepository(world.db.db).listByRun(runId);
    expect(orders.filter((o) => o.accountId === a && (o.purpose === 'entry' || o.purpose === 'exit'))).toEqual([]);
    expect(orders.some((o) => o.purpose === 'entry')).toBe(true); // B still traded BTC
    await expectHedgedAndFlat(world, runId);
  }, 120_000);
});
