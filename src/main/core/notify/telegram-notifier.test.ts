import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../log/redactor';
import { VirtualClock } from '../venues/virtual-clock';
import type { Notification } from './notifier';
import { TELEGRAM_BOT_TOKEN_REF, TelegramNotifier, type TelegramNotifierOptions } from './telegram-notifier';
import { TELEGRAM_MAX_TEXT_LENGTH } from './telegram-text';
import { FakeSecretStore } from './testing/fake-secret-store';
import { recordingLog, type RecordingLog } from './testing/recording-log';
import { telegramError, TelegramStub } from './testing/telegram-stub';
import { waitFor } from './testing/wait-for';

// Not shaped like a Telegram token, so only the redactor's memory of it can hide it.
const TOKEN = 'hd-test-bot-token-4711';
const CHAT = '-1001234567890';

let stub: TelegramStub;
let secrets: FakeSecretStore;
let clock: VirtualClock;
let log: RecordingLog;

beforeEach(async () => {
  stub = await TelegramStub.start(TOKEN);
  secrets = new FakeSecretStore();
  await secrets.set(TELEGRAM_BOT_TOKEN_REF, TOKEN);
  clock = new VirtualClock();
  log = recordingLog();
});

afterEach(async () => {
  await stub.close();
});

function notifier(overrides: Partial<TelegramNotifierOptions> = {}): TelegramNotifier {
  return new TelegramNotifier({
    chatId: CHAT,
    secrets,
    redactor: log.redactor,
    logger: log.logger,
    clock,
    baseUrl: stub.baseUrl,
    maxAttempts: 4,
    backoff: { baseMs: 1_000, maxMs: 30_000, random: () => 0.5 },
    timeoutMs: 2_000,
    ...overrides,
  });
}

const msg = (title: string, body = 'details'): Notification => ({ kind: 'run-stopped', title, body, runId: 'run_7' });

function expectNoToken(): void {
  expect(log.raw.length).toBeGreaterThan(0);
  for (const line of log.raw) expect(line).not.toContain(TOKEN);
}

describe('TelegramNotifier', () => {
  it('posts sendMessage with the chat id, the text and no link previews', async () => {
    const n = notifier();
    n.notify(msg('Run stopped: tri-hedge-hold', 'all legs flat'));
    await n.flush(3_000);

    expect(stub.requests).toEqual([
      {
        token: TOKEN,
        host: `127.0.0.1:${stub.port}`,
        contentType: 'application/json',
        body: { chat_id: CHAT, text: 'Run stopped: tri-hedge-hold\n\nall legs flat\n\nrun run_7', disable_web_page_preview: true },
      },
    ]);
    expect(log.warnings()).toEqual([]);
  });

  it('caps the text at 4096 characters', async () => {
    const n = notifier();
    n.notify(msg('long', 'z'.repeat(5_000)));
    await n.flush(3_000);
    expect((stub.texts()[0] as string).length).toBe(TELEGRAM_MAX_TEXT_LENGTH);
  });

  it('retries 429 (waiting retry_after), 5xx and dropped connections with growing backoff', async () => {
    stub.reply(telegramError(429, 'Too Many Requests: retry after 7', 7), telegramError(502, 'Bad Gateway'), 'drop');
    const n = notifier();
    n.notify(msg('one'));
    await n.flush(3_000);

    expect(stub.texts()).toHaveLength(4);
    expect(new Set(stub.texts()).size).toBe(1);
    // random = 0.5 → 3/4 of each cap: 1 s, 2 s, 4 s caps; the 429 asks for 7 s.
    expect(clock.sleeps).toEqual([7_000, 1_500, 3_000]);
    expect(log.warnings()).toEqual([]);
    const retries = log.raw.filter((l) => l.includes('retrying')).map((l) => JSON.parse(l) as { msg: string });
    expect(retries.map((r) => r.msg)).toEqual([
      'Telegram send failed (Too Many Requests: retry after 7 (429)); retrying',
      'Telegram send failed (Bad Gateway (502)); retrying',
      expect.stringMatching(/^Telegram send failed \(Telegram not reachable: .+\); retrying$/),
    ]);
  });

  it('gives up after maxAttempts with a warning that shows the URL without the token', async () => {
    stub.reply(...Array.from({ length: 10 }, () => telegramError(500, 'Internal Server Error')));
    const n = notifier({ maxAttempts: 3 });
    n.notify(msg('doomed'));
    await n.flush(3_000);

    expect(stub.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    const warnings = log.warnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      msg: 'Telegram notification dropped after 3 attempts: Internal Server Error (500)',
      component: 'notify',
      channel: 'telegram',
      notification: 'run-stopped',
      attempts: 3,
      errorCode: 500,
      url: `${stub.baseUrl}/bot${REDACTED}/sendMessage`,
    });
    expectNoToken();
  });

  it('does not retry what another attempt cannot fix (400 chat not found)', async () => {
    stub.reply(telegramError(400, 'Bad Request: chat not found'));
    const n = notifier();
    n.notify(msg('nowhere'));
    n.notify(msg('next'));
    await n.flush(3_000);

    expect(stub.texts()).toEqual(['nowhere\n\ndetails\n\nrun run_7', 'next\n\ndetails\n\nrun run_7']);
    expect(clock.sleeps).toEqual([]);
    expect(log.warnings().map((w) => w.msg)).toEqual(['Telegram notification dropped after 1 attempt: Bad Request: chat not found (400)']);
  });

  it('returns from notify at once while the server is slow, and delivers in order', async () => {
    const release = stub.pause();
    const n = notifier();
    const started = performance.now();
    for (let i = 1; i <= 5; i++) n.notify(msg(`m${i}`, ''));
    expect(performance.now() - started).toBeLessThan(50);

    await waitFor(() => stub.requests.length === 1, 'the first request');
    await n.flush(50); // the deadline passes: the server still holds the first answer
    expect(stub.requests).toHaveLength(1);

    release();
    await n.flush(3_000);
    expect(stub.texts()).toEqual(['m1\n\nrun run_7', 'm2\n\nrun run_7', 'm3\n\nrun run_7', 'm4\n\nrun run_7', 'm5\n\nrun run_7']);
  });

  it('keeps the order when an earlier message needs retries', async () => {
    stub.reply(telegramError(503, 'Service Unavailable'), telegramError(429, 'Too Many Requests: retry after 1', 1));
    const n = notifier();
    n.notify(msg('a', ''));
    n.notify(msg('b', ''));
    n.notify(msg('c', ''));
    await n.flush(3_000);
    expect(stub.texts()).toEqual(['a', 'a', 'a', 'b', 'c'].map((t) => `${t}\n\nrun run_7`));
  });

  it('drops the oldest waiting message when the queue is full', async () => {
    const release = stub.pause();
    const n = notifier({ maxQueued: 2 });
    n.notify(msg('in flight', ''));
    await waitFor(() => stub.requests.length === 1, 'the first request');
    n.notify(msg('old', ''));
    n.notify(msg('newer', ''));
    n.notify(msg('newest', ''));
    release();
    await n.flush(3_000);
    expect(stub.texts()).toEqual(['in flight', 'newer', 'newest'].map((t) => `${t}\n\nrun run_7`));
    expect(log.warnings().map((w) => w.msg)).toEqual(['Telegram notification queue full; oldest message dropped']);
  });

  it('reads the token at send time and warns, without sending, when none is stored', async () => {
    const n = notifier();
    await secrets.delete(TELEGRAM_BOT_TOKEN_REF);
    n.notify(msg('no token'));
    await n.flush(3_000);
    expect(stub.requests).toEqual([]);
    expect(log.warnings().map((w) => w.msg)).toEqual(['Telegram notification dropped after 1 attempt: no Telegram bot token is stored']);

    await secrets.set(TELEGRAM_BOT_TOKEN_REF, `${TOKEN}-v2`);
    stub.reply({ status: 200, body: { ok: true, result: {} } });
    n.notify(msg('new token'));
    await n.flush(3_000);
    expect(stub.requests.map((r) => r.token)).toEqual([`${TOKEN}-v2`]);
  });

  it('flush resolves at once when nothing is queued', async () => {
    await expect(notifier().flush(60_000)).resolves.toBeUndefined();
  });

  it('redacts a real-shaped token from every log line', async () => {
    const realShaped = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';
    await secrets.set(TELEGRAM_BOT_TOKEN_REF, realShaped);
    const n = notifier({ maxAttempts: 2 });
    n.notify(msg('wrong token'));
    await n.flush(3_000);
    expect(stub.requests.map((r) => r.token)).toEqual([realShaped]);
    expect(log.warnings().map((w) => w.msg)).toEqual(['Telegram notification dropped after 1 attempt: Unauthorized (401)']);
    for (const line of log.raw) expect(line).not.toContain(realShaped);
  });
});

describe('TelegramNotifier.sendTest', () => {
  it('reports ok when Telegram accepts the message', async () => {
    await expect(notifier().sendTest()).resolves.toEqual({ ok: true });
    expect(stub.requests[0]?.body).toMatchObject({ chat_id: CHAT, text: 'HedgeDesk\n\nTest message: Telegram notifications work.' });
  });

  it("reports Telegram's description: wrong token (401), unknown chat (400)", async () => {
    await secrets.set(TELEGRAM_BOT_TOKEN_REF, 'wrong-token-123456');
    await expect(notifier().sendTest()).resolves.toEqual({ ok: false, description: 'Unauthorized', errorCode: 401 });

    await secrets.set(TELEGRAM_BOT_TOKEN_REF, TOKEN);
    stub.reply(telegramError(400, 'Bad Request: chat not found'));
    await expect(notifier({ chatId: '12345' }).sendTest()).resolves.toEqual({
      ok: false,
      description: 'Bad Request: chat not found',
      errorCode: 400,
    });
    expect(clock.sleeps).toEqual([]);
    expectNoToken();
  });

  it('reports, without retrying, when Telegram cannot be reached or nothing is configured', async () => {
    stub.reply('drop');
    const unreachable = await notifier().sendTest();
    expect(unreachable).toMatchObject({ ok: false, description: expect.stringMatching(/^Telegram not reachable: /) });
    expect(stub.requests).toHaveLength(1);

    await expect(notifier({ chatId: ' ' }).sendTest()).resolves.toEqual({ ok: false, description: 'no Telegram chat id is set' });

    secrets.failWith = new Error('keychain locked');
    await expect(notifier().sendTest()).resolves.toEqual({
      ok: false,
      description: 'the Telegram bot token cannot be read: keychain locked',
    });
    expect(stub.requests).toHaveLength(1);
  });

  it('goes out past a queue that is stuck in retries', async () => {
    const release = stub.pause();
    const n = notifier();
    n.notify(msg('queued'));
    await waitFor(() => stub.requests.length === 1, 'the queued request');
    const test = n.sendTest();
    await waitFor(() => stub.requests.length === 2, 'the test request');
    release();
    await expect(test).resolves.toEqual({ ok: true });
    await n.flush(3_000);
  });
});
