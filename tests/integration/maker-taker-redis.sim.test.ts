/**
 * Maker-taker hedge through a real Redis (redis-server started by the test on
 * a free loopback port): two HedgeDesk engines on one Lighter simulator, one
 * running A only and the other B only, joined by the originals' channels; a
 * message delivered twice (or again after a restart) hedged once; a lost
 * Redis connection pausing A until it is back.
 */
import Decimal from 'decimal.js';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { A_FILLED_CHANNEL, B_FILLED_CHANNEL } from '../../src/main/core/strategies/maker-taker-hedge/fill-message';
import { OrdersRepository } from '../../src/main/core/store/orders-repository';
import { RunsRepository } from '../../src/main/core/store/runs-repository';
import type { MakerTakerState } from '../../src/main/core/strategies/maker-taker-hedge/run-state';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { eventsOf, fastConfig, lastState, startWorld, until, type MakerTakerWorld } from './maker-taker-harness';

let redis: RedisServer | null = null;
const worlds: MakerTakerWorld[] = [];
const clients: Redis[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  for (const w of worlds.splice(0).reverse()) await w.close();
  await redis?.stop();
  redis = null;
});

/** Two HedgeDesks on one simulator: `a` runs account A (and moves the market through its orders), `b` runs account B. */
async function twoMachines(seed: number): Promise<{ a: MakerTakerWorld; b: MakerTakerWorld }> {
  const a = await startWorld({ seed });
  const b = await startWorld({ paper: a.paper, moveMarket: false });
  worlds.push(a, b);
  return { a, b };
}

/** A raw Redis client of the test (a third party on the channels, like the original Python scripts). */
function client(url: string): Redis {
  const c = new Redis(url);
  clients.push(c);
  return c;
}

describe('maker-taker-hedge through Redis', () => {
  it('A-only on one engine and B-only on another hedge every fill through hedge:account_a_filled / hedge:account_b_filled', async () => {
    redis = await startRedisServer();
    const { a, b } = await twoMachines(51);
    const watcher = client(redis.url);
    const seen: { channel: string; message: Record<string, unknown> }[] = [];
    await watcher.subscribe(A_FILLED_CHANNEL, B_FILLED_CHANNEL);
    watcher.on('message', (channel: string, text: string) => seen.push({ channel, message: JSON.parse(text) as Record<string, unknown> }));

    const runB = await b.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ mode: 'b', redis_url: redis.url }), accountIds: [b.accounts[1]!.id] });
    const runA = await a.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ mode: 'a', redis_url: redis.url, max_cycles: 2 }), accountIds: [a.accounts[0]!.id] });
    const viewA = await a.engine.waitForEnd(runA);
    expect(viewA.status, viewA.error ?? '').toBe('stopped');
    expect(viewA.stopReason).toBe('max_cycles: 2 cycles done');
    const viewB = await b.engine.stopRun(runB);
    expect(viewB.status).toBe('stopped');
    expect(viewB.accounts.map((x) => `${x.role}=${x.label}`)).toEqual(['B=Taker B']);

    const hedges = new OrdersRepository(b.db.db).listByRun(runB);
    expect(hedges.map((o) => `${o.purpose} ${o.side}${o.reduceOnly ? ' reduce-only' : ''} ${o.size} ${o.status}`)).toEqual(['hedge sell 0.01 filled', 'hedge-buyback buy reduce-only 0.01 filled']);
    expect((await a.position(a.accounts[0]!)).toString()).toBe('0');
    expect((await b.position(b.accounts[1]!)).toString()).toBe('0');
    // The originals' JSON on the wire, plus the message id; every fill answered once.
    const fills = seen.filter((s) => s.channel === A_FILLED_CHANNEL).map((s) => s.message);
    const answers = seen.filter((s) => s.channel === B_FILLED_CHANNEL).map((s) => s.message);
    expect(fills.map((f) => f.side)).toEqual(['buy', 'sell']);
    for (const f of fills) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['id', 'account_index', 'market_index', 'order_index', 'filled_base_amount', 'filled_quote_amount', 'avg_price', 'timestamp', 'side']));
      expect(f).toMatchObject({ market_index: 0, filled_base_amount: '0.01', symbol: 'ETH' });
    }
    expect(answers.map((x) => `${x.for_id as string} ${x.status as string} ${x.filled_base_amount as string} ${x.side as string}`)).toEqual(fills.map((f) => `${f.id as string} hedged 0.01 ${f.side === 'buy' ? 'sell' : 'buy'}`));
    expect(lastState(a.events, runA)).toMatchObject({ mode: 'a', b: null, cycles: 2, unhedgedSize: '0', transport: 'up' });
    expect(eventsOf(a.events, 'maker-taker', runA).some((e) => e.transport === 'up')).toBe(true);
    expect(lastState(b.events, runB)).toMatchObject({ mode: 'b', a: null, phase: null, cycles: 2 });
  }, 60_000);

  it('mode both through Redis: A and B in one run still hedge every fill once and wait for the ack', async () => {
    redis = await startRedisServer();
    const w = await startWorld({ seed: 54 });
    worlds.push(w);
    const [a, b] = w.accounts;
    const runId = await w.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ redis_url: redis.url, max_cycles: 2 }), accountIds: [a!.id, b!.id] });
    const view = await w.engine.waitForEnd(runId);
    expect(view.status, view.error ?? '').toBe('stopped');
    expect(view.stopReason).toBe('max_cycles: 2 cycles done');
    expect(new OrdersRepository(w.db.db).listByRun(runId).filter((o) => o.purpose === 'hedge').map((o) => `${o.size} ${o.status}`)).toEqual(['0.01 filled', '0.01 filled']);
    expect((await w.position(a!)).plus(await w.position(b!)).toString()).toBe('0');
    expect(lastState(w.events, runId)).toMatchObject({ mode: 'both', cycles: 2, unhedgedSize: '0', transport: 'up' });
  }, 60_000);

  it('hedges a fill delivered twice once, answers it each time, and still once after a restart', async () => {
    redis = await startRedisServer();
    const b = await startWorld({ seed: 52, moveMarket: false });
    worlds.push(b);
    const runB = await b.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ mode: 'b', redis_url: redis.url }), accountIds: [b.accounts[1]!.id] });
    const pub = client(redis.url);
    const sub = client(redis.url);
    const answers: Record<string, unknown>[] = [];
    await sub.subscribe(B_FILLED_CHANNEL);
    sub.on('message', (_c: string, text: string) => answers.push(JSON.parse(text) as Record<string, unknown>));
    await until(() => lastState(b.events, runB)?.transport === 'up', 'B subscribed');
    const fill = { id: 'py-fill-1', account_index: 280459, market_index: 0, order_index: 844424550251264, filled_base_amount: '0.01', filled_quote_amount: '30.00', avg_price: '3000.0', timestamp: 1761215567, side: 'buy' };
    await pub.publish(A_FILLED_CHANNEL, JSON.stringify(fill));
    await pub.publish(A_FILLED_CHANNEL, JSON.stringify(fill));
    // The original script's message carries no id: the same text twice is one fill too.
    const { id: _id, ...original } = { ...fill, order_index: 844424550251265, timestamp: 1761215568 };
    await pub.publish(A_FILLED_CHANNEL, JSON.stringify(original));
    await pub.publish(A_FILLED_CHANNEL, JSON.stringify(original));
    await pub.publish(A_FILLED_CHANNEL, '{"side": "buy"}');
    await until(() => answers.length >= 4, 'four answers');
    const orders = new OrdersRepository(b.db.db);
    expect(orders.listByRun(runB).map((o) => `${o.purpose} ${o.side} ${o.size}`)).toEqual(['hedge sell 0.01', 'hedge sell 0.01']);
    expect(answers.map((x) => `${x.for_id as string} ${x.status as string}`)).toEqual(['py-fill-1 hedged', 'py-fill-1 hedged', `${answers[2]!.for_id as string} hedged`, `${answers[2]!.for_id as string} hedged`]);
    expect(answers[2]!.for_id).toMatch(/^orig-/);
    await until(() => eventsOf(b.events, 'log', runB).some((l) => l.message.startsWith('ignored a message on hedge:account_a_filled')), 'the bad message logged');

    // A restart: the answers are stored with the run, so the same fill again is still not hedged.
    const state = new RunsRepository(b.db.db).get(runB).state as MakerTakerState;
    expect(state.answers.map((x) => x.forId)).toContain('py-fill-1');
    await b.engine.close();
    const engine = b.restart();
    const resumedFrom = b.events.length;
    await engine.resumeRun(runB);
    await until(() => lastState(b.events.slice(resumedFrom), runB)?.transport === 'up', 'B subscribed again');
    await pub.publish(A_FILLED_CHANNEL, JSON.stringify(fill));
    await until(() => answers.length >= 5, 'the fifth answer');
    expect(answers[4]).toMatchObject({ for_id: 'py-fill-1', status: 'hedged' });
    expect(orders.listByRun(runB)).toHaveLength(2);
    expect((await b.position(b.accounts[1]!)).toString()).toBe('-0.02');
    await engine.stopRun(runB);
  }, 60_000);

  it('a lost Redis connection pauses A: no new maker order until Redis is back, then the unanswered fill is hedged and A goes on', async () => {
    redis = await startRedisServer();
    const { a, b } = await twoMachines(53);
    const runB = await b.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ mode: 'b', redis_url: redis.url }), accountIds: [b.accounts[1]!.id] });
    const runA = await a.engine.startRun({ strategy: 'maker-taker-hedge', config: fastConfig({ mode: 'a', redis_url: redis.url, max_cycles: 0, ack_timeout: 30 }), accountIds: [a.accounts[0]!.id] });
    await until(() => (lastState(a.events, runA)?.cycles ?? 0) >= 1, 'a first cycle');
    await redis.stop();
    await until(() => lastState(a.events, runA)?.phase === 'paused', 'A paused');
    expect(lastState(a.events, runA)!.transport).toBe('down');
    const makerOrders = () => new OrdersRepository(a.db.db).listByRun(runA).filter((o) => o.purpose === 'entry' || o.purpose === 'exit').length;
    const before = makerOrders();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(makerOrders()).toBe(before);
    expect(eventsOf(a.events, 'log', runA).some((l) => l.message.includes('A posts no new orders until it is back'))).toBe(true);

    const cycles = lastState(a.events, runA)!.cycles;
    await redis.start();
    await until(() => (lastState(a.events, runA)?.cycles ?? 0) >= cycles + 2 && makerOrders() > before, 'A going on after Redis is back', 20_000);
    await a.engine.stopRun(runA);
    await b.engine.stopRun(runB);
    const net = (await a.position(a.accounts[0]!)).plus(await b.position(b.accounts[1]!));
    expect(net.toString()).toBe('0');
    const hedgedTwice = new OrdersRepository(b.db.db).listByRun(runB).filter((o) => o.status === 'filled').reduce((s, o) => s.plus(o.filledSize), new Decimal(0));
    expect(hedgedTwice.gt(0)).toBe(true);
  }, 60_000);
});
