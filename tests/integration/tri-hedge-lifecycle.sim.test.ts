/**
 * Tri-Hedge Hold lifecycle on the built-in Lighter simulator: the margin
 * failsafe (a 21739 rejection → everything flattened, run stopped, Telegram
 * message through the real TelegramNotifier to a loopback Bot API stub), a
 * restart in the middle of a hold that resumes from the stored hold start,
 * flattening an interrupted run, and a user stop with flatten.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/core/clock';
import { Redactor } from '../../src/main/core/log/redactor';
import type { Notification, Notifier } from '../../src/main/core/notify/notifier';
import { TELEGRAM_BOT_TOKEN_REF, TelegramNotifier } from '../../src/main/core/notify/telegram-notifier';
import { TelegramStub } from '../../src/main/core/notify/testing/telegram-stub';
import { EnvSecretStore } from '../../src/main/core/secrets/env-secret-store';
import { secretEnvVar } from '../../src/main/core/secrets/secret-store';
import { OrdersRepository } from '../../src/main/core/store/orders-repository';
import { RunsRepository } from '../../src/main/core/store/runs-repository';
import type { TriHedgeState } from '../../src/main/core/strategies/tri-hedge-hold/run-state';
import { eventsOf, fastConfig, MIN_ORDER, startWorld, until, type TriHedgeWorld } from './tri-hedge-harness';

let world: TriHedgeWorld | null = null;
let stub: TelegramStub | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
  await stub?.close();
  stub = null;
});

/** Records every notification (for the tests that do not exercise Telegram). */
class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  notify(n: Notification): void {
    this.sent.push(n);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
}

async function expectFlat(w: TriHedgeWorld): Promise<void> {
  for (const [symbol, p] of await w.positions()) {
    expect(p.net.abs().lte(MIN_ORDER[symbol]!), `${symbol} net ${p.net}`).toBe(true);
    for (const size of p.sizes) expect(size.abs().lte(MIN_ORDER[symbol]!), `${symbol} ${size}`).toBe(true);
  }
}

const holding = (w: TriHedgeWorld, runId: string, accountId: string) =>
  eventsOf(w.events, 'transition', runId).some((t) => t.accountId === accountId && t.to === 'holding');

describe('tri-hedge-hold lifecycle on the Lighter simulator', () => {
  it('margin failsafe: a not-enough-margin rejection flattens every account, stops the run and sends a Telegram message', async () => {
    stub = await TelegramStub.start('4242:test-token');
    const redactor = new Redactor();
    const notifier = new TelegramNotifier({
      chatId: '-1001',
      secrets: new EnvSecretStore({ [secretEnvVar(TELEGRAM_BOT_TOKEN_REF)]: '4242:test-token' }, redactor),
      redactor,
      logger: pino({ level: 'silent' }),
      clock: systemClock,
      baseUrl: stub.baseUrl,
      backoff: { baseMs: 10, maxMs: 50 },
    });
    world = await startWorld({ notifier, seed: 31 });
    const config = fastConfig({ hold_minutes: 1, coinlist: [{ symbol: 'ETH', target_notional: 150, slice_notional: 30 }, { symbol: 'BTC', target_notional: 150, slice_notional: 30 }] });
    const runId = await world.engine.startRun({ strategy: 'tri-hedge-hold', config, accountIds: world.accounts.map((a) => a.id) });
    await until(() => eventsOf(world!.events, 'hedge', runId).some((h) => h.legs.length > 0), 'a first hedge');
    const sim = await world.paper.simulator();
    sim.admin.setFaults({ reject_orders: { count: 1, code: 21739 } });
    const view = await world.engine.waitForEnd(runId);
    sim.admin.clearFaults();

    expect(view.status).toBe('stopped');
    expect(view.stopReason).toMatch(/^margin failsafe: .*not enough margin.*every account flattened$/);
    expect(view.riskMode).toBe('halted');
    const orders = new OrdersRepository(world.db.db).listByRun(runId);
    expect(orders.some((o) => o.status === 'failed' && o.rejection === 'InsufficientMargin')).toBe(true);
    expect(orders.some((o) => o.purpose === 'flatten' && o.reduceOnly && o.type === 'market')).toBe(true);
    await expectFlat(world);
    expect(eventsOf(world.events, 'risk', runId).map((r) => r.to)).toEqual(['halted']);

    await notifier.flush(5_000);
    const texts = stub.texts().map(String);
    const failsafe = texts.find((t) => t.includes('margin failsafe'));
    expect(failsafe, texts.join('\n---\n')).toBeDefined();
    expect(failsafe).toContain(runId);
    expect(failsafe).toContain('volume USDC');
    expect(stub.requests.every((r) => r.body.chat_id === '-1001')).toBe(true);
  }, 120_000);

  it('a restart in the middle of a hold resumes it from the stored hold start and finishes the run', async () => {
    const notifier = new RecordingNotifier();
    world = await startWorld({ seed: 32, notifier });
    const config = fastConfig({ hold_minutes: 0.1 });
    const runId = await world.engine.startRun({ strategy: 'tri-hedge-hold', config, accountIds: world.accounts.map((a) => a.id) });
    const [a, b] = world.accounts;
    await until(() => holding(world!, runId, a!.id) && holding(world!, runId, b!.id), 'A and B holding');
    await world.engine.close();

    const runs = new RunsRepository(world.db.db);
    expect(runs.get(runId).status).toBe('running');
    const state = runs.get(runId).state as TriHedgeState;
    const holdStartedAt = state.accounts[a!.id]!.holdStartedAt!;
    expect(state.accounts[a!.id]!.phase).toBe('holding');
    expect(notifier.sent).toEqual([]);

    const engine = world.restart({ notifier });
    expect(engine.interruptedRuns().map((r) => r.id)).toEqual([runId]);
    const resumedAt = systemClock.now();
    await engine.resumeRun(runId);
    const view = await engine.waitForEnd(runId);
    expect(view.status).toBe('stopped');
    expect(view.stopReason).toMatch(/^run_once/);

    const transitions = engine.getRun(runId).transitions;
    const exitA = transitions.find((t) => t.scope === a!.id && t.to === 'exiting')!;
    expect(exitA.at).toBeGreaterThanOrEqual(holdStartedAt + 6_000);
    expect(exitA.at).toBeLessThan(resumedAt + 6_000); // the hold was not started again
    expect(transitions.filter((t) => t.scope === a!.id && t.to === 'entering')).toHaveLength(1);
    expect(transitions.filter((t) => t.scope === 'run').map((t) => `${t.from ?? ''}→${t.to}`)).toEqual([
      '→starting',
      'starting→running',
      'running→starting',
      'starting→running',
      'running→stopping',
      'stopping→stopped',
    ]);
    await expectFlat(world);
    expect(notifier.sent.map((n) => n.kind)).toEqual(['run-stopped']);
    expect(notifier.sent[0]!.body).toContain('run_once');
  }, 120_000);

  it('flattens an interrupted run instead of resuming it', async () => {
    const notifier = new RecordingNotifier();
    world = await startWorld({ seed: 33, notifier });
    const runId = await world.engine.startRun({ strategy: 'tri-hedge-hold', config: fastConfig({ hold_minutes: 5 }), accountIds: world.accounts.map((a) => a.id) });
    const [a, b] = world.accounts;
    await until(() => holding(world!, runId, a!.id) && holding(world!, runId, b!.id), 'A and B holding');
    await world.engine.close();
    const open = await world.positions();
    expect(open.get('ETH')!.sizes[0]!.gt(0)).toBe(true);

    const engine = world.restart({ notifier });
    const view = await engine.flattenInterruptedRun(runId);
    expect(view.status).toBe('stopped');
    expect(view.stopReason).toMatch(/^flattened after an interrupted run/);
    expect(engine.interruptedRuns()).toEqual([]);
    await expectFlat(world);
    expect(notifier.sent.map((n) => n.kind)).toEqual(['run-stopped']);
  }, 120_000);

  it('a user stop with flatten cancels resting slices and closes every position', async () => {
    const notifier = new RecordingNotifier();
    world = await startWorld({ seed: 34, notifier });
    const runId = await world.engine.startRun({ strategy: 'tri-hedge-hold', config: fastConfig({ hold_minutes: 5 }), accountIds: world.accounts.map((a) => a.id) });
    await until(() => holding(world!, runId, world!.accounts[0]!.id), 'A holding');
    const view = await world.engine.stopRun(runId, { flatten: true, reason: 'test stop' });
    expect(view.status).toBe('stopped');
    expect(view.stopReason).toBe('test stop; positions flattened');
    expect(view.summary).not.toBeNull();
    await expectFlat(world);
    const sim = await world.paper.simulator();
    const indexes = world.accounts.map((x) => world!.paper.simAccountIndex(x.id));
    expect(sim.admin.state().accounts.filter((s) => indexes.includes(s.account_index)).every((s) => s.open_orders === 0)).toBe(true);
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toMatchObject({ kind: 'run-stopped', runId });
    expect(new Decimal(view.summary!.total.volume).gt(0)).toBe(true);
  }, 120_000);
});
