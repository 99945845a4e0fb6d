/**
 * The app's notifications and desktop commands through the real core: run
 * events → notification rules → desktop host, a loopback Telegram Bot API and
 * a loopback Lark webhook; per-kind switches and the Telegram chat applied
 * live, without a restart; `desktop.*` with and without a desktop host.
 * Real SQLite, real keychain (test service), paper Lighter accounts.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import type { DesktopHost } from '../../src/main/core/desktop-host';
import { LarkStub } from '../../src/main/core/notify/testing/lark-stub';
import { TelegramStub } from '../../src/main/core/notify/testing/telegram-stub';
import { waitFor } from '../../src/main/core/notify/testing/wait-for';
import type { CommandName, RequestOf, ResponseOf } from '../../src/shared/contract';
import type { DesktopNotification } from '../../src/shared/schemas/notify';
import { clearKeychainService } from '../helpers/keychain';
import { HOLDING_TRI_HEDGE_CONFIG as CONFIG } from '../helpers/run-configs';
import { tempDir } from '../helpers/temp-dir';

const BOT_TOKEN = '7000004242:AAH-notify-core-' + randomBytes(6).toString('hex');
const HOOK = 'notify-core-hook-' + randomBytes(6).toString('hex');

class FakeDesktopHost implements DesktopHost {
  readonly windows: string[] = [];
  readonly shown: DesktopNotification[] = [];
  readonly opened: string[] = [];
  openAccountWindow(accountId: string): boolean {
    this.windows.push(accountId);
    return true;
  }
  showNotification(n: DesktopNotification): void {
    this.shown.push(n);
  }
  openPath(dir: string): Promise<boolean> {
    this.opened.push(dir);
    return Promise.resolve(true);
  }
}

describe('notifications and desktop commands through the real core', () => {
  const dir = tempDir();
  const keychainService = `hedgedesk-test-${randomBytes(4).toString('hex')}`;
  const host = new FakeDesktopHost();
  const events: DesktopNotification[] = [];
  let telegram: TelegramStub;
  let lark: LarkStub;
  let core: Core;
  let accountIds: string[];

  async function call<N extends CommandName>(name: N, request: RequestOf<N>): Promise<ResponseOf<N>> {
    const result = await core.dispatch(name, request);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.data as ResponseOf<N>;
  }

  beforeAll(async () => {
    telegram = await TelegramStub.start(BOT_TOKEN);
    lark = await LarkStub.start(HOOK);
    core = createCore({ dataDir: join(dir.path, 'data'), runtime: 'electron', appVersion: '0.0.0-test', keychainService, telegramBaseUrl: telegram.baseUrl, desktopHost: host });
    core.events.subscribe((name, payload) => {
      if (name === 'notify.desktop') events.push(payload as DesktopNotification);
    });
    accountIds = [];
    for (const label of ['A', 'B', 'C']) accountIds.push((await call('accounts.create', { venue: 'lighter', label: `Notify ${label}`, mode: 'paper' })).id);
  });

  afterAll(async () => {
    await core?.close();
    await telegram?.close();
    await lark?.close();
    await clearKeychainService(keychainService);
    dir.remove();
  });

  it('opens account windows and the data folder through the desktop host', async () => {
    expect(await call('desktop.openAccountWindow', { accountId: accountIds[1]! })).toEqual({ opened: 'window' });
    expect(host.windows).toEqual([accountIds[1]]);
    const unknown = await core.dispatch('desktop.openAccountWindow', { accountId: 'acc_000000000000' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', issues: [{ path: 'accountId' }] } });
    expect(await call('desktop.openDataDir', {})).toEqual({ opened: true });
    expect(host.opened).toEqual([join(dir.path, 'data')]);
  });

  it('tells the desktop, Telegram and Lark when a run starts and stops, and applies switches and the chat live', async () => {
    await call('settings.set', { telegramChatId: '-1001' });
    await call('appSecrets.set', { field: 'telegramBotToken', value: BOT_TOKEN });
    await call('appSecrets.set', { field: 'larkWebhookUrl', value: lark.webhookUrl() });

    const first = (await call('runs.start', { strategy: 'tri-hedge-hold', config: CONFIG, accountIds })).runId;
    await waitFor(() => events.some((e) => e.kind === 'runStarted' && e.runId === first), 'the start notification', 10_000);
    await call('runs.stop', { runId: first });
    await waitFor(() => events.some((e) => e.kind === 'runStopped' && e.runId === first), 'the stop notification', 10_000);
    await waitFor(() => telegram.requests.length >= 2 && lark.requests.length >= 2, 'Telegram and Lark messages', 10_000);

    expect(events.filter((e) => e.runId === first).map((e) => [e.kind, e.level])).toEqual([
      ['runStarted', 'info'],
      ['runStopped', 'warn'],
    ]);
    expect(host.shown.map((n) => n.kind)).toEqual(['runStarted', 'runStopped']);
    const started = events.find((e) => e.kind === 'runStarted')!;
    expect(started.title).toBe('Run started: tri-hedge-hold');
    expect(started.body).toContain('A=Notify A, B=Notify B, C=Notify C');
    const texts = telegram.texts().map(String);
    expect(texts[0]).toMatch(/^Run started: tri-hedge-hold/);
    expect(texts[1]).toMatch(/^Run stopped: tri-hedge-hold[\s\S]*stopped by the user[\s\S]*duration/);
    expect(telegram.requests.every((r) => r.body.chat_id === '-1001')).toBe(true);
    expect(lark.texts().map(String)).toEqual(texts);

    // Switch "started" off and move to another chat: both apply to the next run, no restart.
    await call('settings.set', { notifications: { runStarted: false }, telegramChatId: '@hedgedesk_desk' });
    const second = (await call('runs.start', { strategy: 'tri-hedge-hold', config: CONFIG, accountIds })).runId;
    await call('runs.stop', { runId: second });
    await waitFor(() => events.some((e) => e.kind === 'runStopped' && e.runId === second), 'the second stop notification', 10_000);
    await waitFor(() => telegram.requests.length >= 3 && lark.requests.length >= 3, 'the second stop message', 10_000);
    expect(events.filter((e) => e.runId === second).map((e) => e.kind)).toEqual(['runStopped']);
    expect(telegram.requests.at(-1)!.body.chat_id).toBe('@hedgedesk_desk');
    expect(String(telegram.requests.at(-1)!.body.text)).toContain(second);
    expect(telegram.requests).toHaveLength(3);
    expect(lark.requests).toHaveLength(3);
  }, 60_000);
});
