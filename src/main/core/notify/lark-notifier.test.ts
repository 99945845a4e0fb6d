import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../venues/virtual-clock';
import { LARK_WEBHOOK_URL_REF, LarkNotifier, type LarkNotifierOptions } from './lark-notifier';
import type { Notification } from './notifier';
import { FakeSecretStore } from './testing/fake-secret-store';
import { larkError, LarkStub } from './testing/lark-stub';
import { recordingLog, type RecordingLog } from './testing/recording-log';

const HOOK = 'hd-lark-hook-0b5e9a71';

let stub: LarkStub;
let secrets: FakeSecretStore;
let clock: VirtualClock;
let log: RecordingLog;

beforeEach(async () => {
  stub = await LarkStub.start(HOOK);
  secrets = new FakeSecretStore();
  await secrets.set(LARK_WEBHOOK_URL_REF, stub.webhookUrl());
  clock = new VirtualClock();
  log = recordingLog();
});

afterEach(async () => {
  await stub.close();
});

function notifier(overrides: Partial<LarkNotifierOptions> = {}): LarkNotifier {
  return new LarkNotifier({
    secrets,
    redactor: log.redactor,
    logger: log.logger,
    clock,
    maxAttempts: 3,
    backoff: { baseMs: 1_000, maxMs: 30_000, random: () => 0.5 },
    timeoutMs: 2_000,
    ...overrides,
  });
}

const msg = (title: string): Notification => ({ kind: 'failsafe', title, body: 'flattening', runId: 'run_3' });

function expectNoHook(): void {
  expect(log.raw.length).toBeGreaterThan(0);
  for (const line of log.raw) expect(line).not.toContain(HOOK);
}

describe('LarkNotifier', () => {
  it('posts a text message to the webhook from the keychain', async () => {
    const n = notifier();
    n.notify(msg('Failsafe triggered: tri-hedge-hold'));
    await n.flush(3_000);
    expect(stub.requests).toEqual([
      { hookToken: HOOK, contentType: 'application/json', body: { msg_type: 'text', content: { text: 'Failsafe triggered: tri-hedge-hold\n\nflattening\n\nrun run_3' } } },
    ]);
    expect(log.warnings()).toEqual([]);
  });

  it('picks up a replaced webhook URL at the next message', async () => {
    const n = notifier();
    await secrets.set(LARK_WEBHOOK_URL_REF, stub.webhookUrl('hd-lark-hook-second-77'));
    n.notify(msg('after the change'));
    await n.flush(3_000);
    expect(stub.requests.map((r) => r.hookToken)).toEqual(['hd-lark-hook-second-77']);
  });

  it('retries frequency limits, 5xx and dropped connections with backoff, then delivers', async () => {
    stub.reply(larkError(11232, 'frequency limited'), { status: 502, body: 'bad gateway' });
    const n = notifier();
    n.notify(msg('one'));
    await n.flush(3_000);
    expect(stub.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([750, 1_500]);
    expect(log.warnings()).toEqual([]);
  });

  it('drops at once what a retry cannot fix, with a warning that never shows the webhook', async () => {
    stub.reply(larkError(19021, 'sign match fail or timestamp is not within one hour from current time'));
    const n = notifier();
    n.notify(msg('x'));
    await n.flush(3_000);
    expect(stub.requests).toHaveLength(1);
    expect(log.warnings().map((w) => w.msg)).toEqual(['Lark notification dropped after 1 attempt: sign match fail or timestamp is not within one hour from current time (19021)']);
    expectNoHook();
  });

  it('sends nothing and warns nothing while no webhook is stored', async () => {
    await secrets.delete(LARK_WEBHOOK_URL_REF);
    const n = notifier();
    n.notify(msg('x'));
    await n.flush(3_000);
    expect(stub.requests).toEqual([]);
    expect(log.warnings()).toEqual([]);
  });

  it('answers the test button with Lark\'s own message or ours, never the URL', async () => {
    expect(await notifier().sendTest()).toEqual({ ok: true });
    expect(stub.texts()).toEqual(['HedgeDesk\n\nTest message: Lark notifications work.']);

    await secrets.set(LARK_WEBHOOK_URL_REF, stub.webhookUrl('hd-wrong-hook-123456'));
    expect(await notifier().sendTest()).toEqual({ ok: false, description: 'param invalid: incoming webhook access token invalid (19001)' });

    await secrets.set(LARK_WEBHOOK_URL_REF, 'not a url');
    expect(await notifier().sendTest()).toMatchObject({ ok: false, description: expect.stringMatching(/not a URL/) });

    await secrets.delete(LARK_WEBHOOK_URL_REF);
    expect(await notifier().sendTest()).toEqual({ ok: false, description: 'no Lark webhook URL is stored' });

    await secrets.set(LARK_WEBHOOK_URL_REF, 'http://127.0.0.1:1/open-apis/bot/v2/hook/hd-closed-port-hook');
    const down = await notifier().sendTest();
    expect(down.ok).toBe(false);
    expect(!down.ok && down.description).toMatch(/^Lark not reachable: /);
    expect(!down.ok && down.description).not.toContain('hd-closed-port-hook');
    expectNoHook();
  });
});
