/**
 * Maker-taker hedge end to end on the built-in Lighter simulator: two paper
 * accounts, the real engine, strategy, venue clients (REST + WS over
 * loopback) and SQLite. Repeated cycles; A's partial fills hedged delta by
 * delta; B refused N times then hedging; B refused past its retries (A
 * flattened, run stopped, notification); the A-only state machine with the
 * stale-order cancel.
 */
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { OrdersRepository } from '../../src/main/core/store/orders-repository';
import { runEventSchema } from '../../src/shared/schemas/runs';
import type { RunEvent } from '../../src/shared/schemas/runs';
import { ETH_MARKET_ID, ETH_MIN_ORDER, eventsOf, fastConfig, lastState, moveMid, startWorld, until, type MakerTakerWorld } from './maker-taker-harness';

let world: MakerTakerWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/**
 * Starts a world (market not moving by itself) and a run with `config`
 * overrides; once A's first entry order rests, the simulator refuses the next
 * `refusals` orders (InsufficientMargin, code 21739) and the mid moves 6 bps
 * down through A's bid. Returns once the run has ended, faults cleared.
 */
async function runWithRefusedOrders(seed: number, refusals: number, config: Record<string, unknown>) {
  world = await startWorld({ seed, moveMarket: false });
  const w = world;
  const [a, b] = w.accounts;
  const sim = await w.paper.simulator();
  let armed = false;
  w.engine.onEvent((e) => {
    if (e.type !== 'order' || e.purpose !== 'entry' || e.order.status !== 'open' || armed) return;
    armed = true;
    sim.admin.setFaults({ reject_orders: { count: refusals, code: 21739 } });
    void moveMid(w.paper, 0.9994);
  });
  const runId = await w.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig(config), accountIds: [a!.id, b!.id] });
  const view = await w.engine.waitForEnd(runId);
  sim.admin.clearFaults();
  return { w, a, b, runId, view };
}

describe('maker-taker-hedge on the Lighter simulator', () => {
  it('repeats cycles: A buys 0.01 ETH at the best bid, B sells each fill at once, A posts again only after the hedge', async () => {
    world = await startWorld({ seed: 41 });
    const [a, b] = world.accounts;
    const runId = await world.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ quantity: 100, max_cycles: 3 }), accountIds: [a!.id, b!.id] });
    const view = await world.engine.waitForEnd(runId);
    expect(view.status, view.error ?? '').toBe('stopped');
    expect(view.stopReason).toBe('max_cycles: 3 cycles done');
    expect(view.accounts.map((x) => x.role)).toEqual(['A', 'B']);
    for (const e of world.events.filter((x) => x.runId === runId)) expect(() => runEventSchema.parse(e)).not.toThrow();

    const orders = new OrdersRepository(world.db.db).listByRun(runId);
    const makers = orders.filter((o) => o.purpose === 'entry');
    const hedges = orders.filter((o) => o.purpose === 'hedge');
    expect(makers).toHaveLength(3);
    expect(makers.every((o) => o.accountId === a!.id && o.side === 'buy' && o.type === 'limit' && o.size.eq('0.01'))).toBe(true);
    expect(hedges.every((o) => o.accountId === b!.id && o.side === 'sell' && o.type === 'market')).toBe(true);
    // A posts the next order only after B's hedge of the previous one was sent and answered.
    for (let k = 1; k < makers.length; k++) {
      const before = hedges.filter((h) => h.createdAt <= makers[k]!.createdAt);
      expect(before.reduce((s, h) => s.plus(h.filledSize), new Decimal(0)).toString(), `hedged before maker order ${k}`).toBe(new Decimal('0.01').times(k).toString());
    }
    // Hedged: A long 0.03, B short 0.03, net flat.
    expect((await world.position(a!)).toString()).toBe('0.03');
    expect((await world.position(b!)).toString()).toBe('-0.03');
    const last = lastState(world.events, runId)!;
    expect(last).toMatchObject({ mode: 'both', cycles: 3, unhedgedSize: '0', phase: 'stopped', transport: 'off' });
    expect(last.a).toMatchObject({ position: '0.03', order: null });
    expect(last.b).toMatchObject({ position: '-0.03', retries: 0 });
    // The engine's exposure (net of A and B) stayed within one minimum order after every handled event.
    const exposures = eventsOf(world.events, 'exposure', runId);
    expect(exposures.length).toBeGreaterThan(0);
    for (const e of exposures) for (const s of e.symbols) expect(new Decimal(s.uncoveredSize).abs().lte(ETH_MIN_ORDER), `uncovered ${s.uncoveredSize}`).toBe(true);
    expect(eventsOf(world.events, 'log', runId).some((l) => l.message.startsWith('residual positions: A Maker A: 0.03 ETH; B Taker B: -0.03 ETH'))).toBe(true);
    expect(world.notifier.sent.map((n) => n.kind)).toEqual(['run-stopped']);
  }, 60_000);

  it('hedges partial fills of A delta by delta while its order still rests', async () => {
    world = await startWorld({ seed: 42, moveMarket: false });
    const w = world;
    const [a, b] = w.accounts;
    const sim = await w.paper.simulator();
    const tick = new Decimal('0.01');
    // Once A's 0.3 ETH bid rests at P: move the mid so that only the first market maker's best ask (0.05–0.15 ETH) sits at P
    // (a partial fill), then at once above P so that B's hedge meets the makers' bids, not A's remaining bid.
    let price: Decimal | null = null;
    w.engine.onEvent((e: RunEvent) => {
      if (e.type !== 'order' || e.purpose !== 'entry' || e.order.status !== 'open' || price) return;
      const p = new Decimal(e.order.price);
      price = p;
      for (let k = 1; k < 400; k++) {
        const mid = p.minus(tick.times(k));
        if (mid.plus(mid.times(2).div(10_000).div(tick).ceil().times(tick)).eq(p)) {
          sim.admin.setMid(ETH_MARKET_ID, mid.toFixed(2));
          break;
        }
      }
      sim.admin.setMid(ETH_MARKET_ID, p.plus(1).toFixed(2));
    });
    const runId = await w.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ quantity: 3000, max_cycles: 1, order_timeout: 20 }), accountIds: [a!.id, b!.id] });
    const orders = new OrdersRepository(w.db.db);
    await until(() => orders.listByRun(runId).some((o) => o.purpose === 'hedge' && o.status === 'filled'), 'the hedge of the first partial fill');
    const maker = orders.listByRun(runId).find((o) => o.purpose === 'entry')!;
    expect(maker.status).toBe('partially_filled');
    expect(maker.filledSize.gt(0) && maker.filledSize.lt('0.3')).toBe(true);
    // Now the rest: several makers' asks at or below P fill A's remaining bid, then the bids move back above P for B.
    sim.admin.setMid(ETH_MARKET_ID, price!.minus(1).toFixed(2));
    await moveMid(w.paper, 1.0008);
    const view = await w.engine.waitForEnd(runId);
    expect(view.status, view.error ?? '').toBe('stopped');

    const aFills = eventsOf(w.events, 'fill', runId).filter((f) => f.accountId === a!.id && f.purpose === 'entry');
    const hedges = orders.listByRun(runId).filter((o) => o.purpose === 'hedge');
    expect(aFills.length).toBeGreaterThanOrEqual(2);
    expect(aFills.reduce((s, f) => s.plus(f.fill.size), new Decimal(0)).toString()).toBe('0.3');
    // One hedge per fill delta of A (each is above the minimum order), the first one sent while A's order still rested.
    expect(hedges.map((h) => h.size.toString())).toEqual(aFills.map((f) => f.fill.size));
    const makerEnded = w.events.findIndex((e) => e.type === 'order' && e.runId === runId && e.purpose === 'entry' && e.order.status === 'filled');
    const firstHedge = w.events.findIndex((e) => e.type === 'order' && e.runId === runId && e.purpose === 'hedge');
    expect(firstHedge).toBeLessThan(makerEnded);
    expect((await w.position(a!)).toString()).toBe('0.3');
    expect((await w.position(b!)).toString()).toBe('-0.3');
    expect(lastState(w.events, runId)).toMatchObject({ cycles: 1, unhedgedSize: '0' });
  }, 60_000);

  it('B refused twice then hedging: the retries are used and the run goes on', async () => {
    const { w, a, runId, view } = await runWithRefusedOrders(43, 2, { retry_times: 2, max_cycles: 1 });
    expect(view.status, view.error ?? '').toBe('stopped');
    expect(view.stopReason).toBe('max_cycles: 1 cycles done');
    const hedges = new OrdersRepository(w.db.db).listByRun(runId).filter((o) => o.purpose === 'hedge');
    expect(hedges.map((h) => h.status)).toEqual(['failed', 'failed', 'filled']);
    expect(hedges.slice(0, 2).every((h) => h.rejection === 'InsufficientMargin')).toBe(true);
    expect(lastState(w.events, runId)!.b).toMatchObject({ retries: 2, position: '-0.01' });
    expect((await w.position(a!)).toString()).toBe('0.01');
    expect(w.notifier.sent.map((n) => n.kind)).toEqual(['run-stopped']);
  }, 60_000);

  it('B refused past its retries: A flattens its unhedged fill, the run stops and a hedge-failed notification goes out', async () => {
    const { w, a, b, runId, view } = await runWithRefusedOrders(44, 3, { retry_times: 2, max_cycles: 5 });
    expect(view.status, view.error ?? '').toBe('stopped');
    expect(view.stopReason).toMatch(/^hedge failed: B could not hedge 0\.01 ETH of A's fill .*; A flattened 0\.01 of 0\.01 ETH \(reduce-only sell\)$/);
    const orders = new OrdersRepository(w.db.db).listByRun(runId);
    expect(orders.filter((o) => o.purpose === 'hedge').map((h) => h.status)).toEqual(['failed', 'failed', 'failed']);
    const flatten = orders.filter((o) => o.purpose === 'flatten');
    expect(flatten).toHaveLength(1);
    expect(flatten[0]).toMatchObject({ accountId: a!.id, side: 'sell', reduceOnly: true, type: 'market', status: 'filled' });
    expect(orders.filter((o) => o.purpose === 'entry')).toHaveLength(1);
    expect((await w.position(a!)).toString()).toBe('0');
    expect((await w.position(b!)).toString()).toBe('0');
    expect(w.notifier.sent.map((n) => n.kind)).toEqual(['hedge-failed', 'failsafe']);
    expect(w.notifier.sent[0]!.body).toContain('B could not hedge 0.01 ETH');
    expect(eventsOf(w.events, 'log', runId).some((l) => l.level === 'error' && l.message.startsWith('hedge failed'))).toBe(true);
  }, 60_000);

  it('A-only mode: flat → limit buy, long → reduce-only limit sell, each at book depth; no B', async () => {
    world = await startWorld({ seed: 45 });
    const w = world;
    const [a] = w.accounts;
    const runId = await w.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ mode: 'a', depth: 2, max_cycles: 4 }), accountIds: [a!.id] });
    const view = await w.engine.waitForEnd(runId);
    expect(view.status, view.error ?? '').toBe('stopped');
    expect(view.accounts.map((x) => `${x.role}=${x.label}`)).toEqual(['A=Maker A']);
    const orders = new OrdersRepository(w.db.db).listByRun(runId);
    expect(orders.map((o) => `${o.purpose} ${o.side}${o.reduceOnly ? ' reduce-only' : ''} ${o.size} ${o.status}`)).toEqual([
      'entry buy 0.01 filled',
      'exit sell reduce-only 0.01 filled',
      'entry buy 0.01 filled',
      'exit sell reduce-only 0.01 filled',
    ]);
    expect((await w.position(a!)).toString()).toBe('0');
    expect(lastState(w.events, runId)).toMatchObject({ mode: 'a', b: null, cycles: 4, transport: 'off' });
  }, 60_000);

  it('A-only mode: an order resting longer than order_timeout is cancelled and posted again', async () => {
    world = await startWorld({ seed: 46, moveMarket: false });
    const w = world;
    const [a] = w.accounts;
    const runId = await w.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ mode: 'a', depth: 12, order_timeout: 0.3, max_cycles: 0 }), accountIds: [a!.id] });
    const orders = new OrdersRepository(w.db.db);
    await until(() => orders.listByRun(runId).filter((o) => o.status === 'canceled').length >= 2, 'two stale orders cancelled');
    const view = await w.engine.stopRun(runId);
    expect(view.status).toBe('stopped');
    const entries = orders.listByRun(runId).filter((o) => o.purpose === 'entry');
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.every((o) => o.status === 'canceled' || o.status === 'filled' || o.status === 'partially_filled')).toBe(true);
    expect(eventsOf(w.events, 'log', runId).filter((l) => l.message.includes('resting longer than order_timeout (0.3 s)')).length).toBeGreaterThanOrEqual(2);
    const sim = await w.paper.simulator();
    const index = w.paper.simAccountIndex(a!.id);
    expect(sim.admin.state().accounts.find((s) => s.account_index === index)?.open_orders).toBe(0);
  }, 60_000);
});
