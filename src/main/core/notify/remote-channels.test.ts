import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../venues/virtual-clock';
import { LARK_WEBHOOK_URL_REF } from './lark-notifier';
import type { Notification } from './notifier';
import { RemoteChannels } from './remote-channels';
import { TELEGRAM_BOT_TOKEN_REF } from './telegram-notifier';
import { FakeSecretStore } from './testing/fake-secret-store';
import { LarkStub } from './testing/lark-stub';
import { recordingLog } from './testing/recording-log';
import { TelegramStub } from './testing/telegram-stub';

const TOKEN = 'hd-test-bot-token-0815';
const HOOK = 'hd-lark-hook-5f1c2e';

let telegram: TelegramStub;
let lark: LarkStub;
let secrets: FakeSecretStore;

beforeEach(async () => {
  telegram = await TelegramStub.start(TOKEN);
  lark = await LarkStub.start(HOOK);
  secrets = new FakeSecretStore();
  await secrets.set(TELEGRAM_BOT_TOKEN_REF, TOKEN);
});

afterEach(async () => {
  await telegram.close();
  await lark.close();
});

const msg = (title: string): Notification => ({ kind: 'exposure', title, body: 'ETH 0.1' });

describe('RemoteChannels', () => {
  it('follows the chat id, the proxy setting and the stored webhook without a restart', async () => {
    let settings = { telegramChatId: null as string | null, proxyUrl: null as string | null };
    const log = recordingLog();
    const channels = new RemoteChannels({ settings: () => settings, secrets, redactor: log.redactor, logger: log.logger, clock: new VirtualClock(), telegramBaseUrl: telegram.baseUrl, env: {} });

    channels.notify(msg('nothing configured'));
    await channels.flush(3_000);
    expect(telegram.requests).toEqual([]);
    expect(lark.requests).toEqual([]);

    settings = { ...settings, telegramChatId: '-1001' };
    await secrets.set(LARK_WEBHOOK_URL_REF, lark.webhookUrl());
    channels.notify(msg('both now'));
    await channels.flush(3_000);
    expect(telegram.requests.map((r) => r.body.chat_id)).toEqual(['-1001']);
    expect(lark.texts()).toEqual(['both now\n\nETH 0.1']);

    // A proxy on the settings does not apply to loopback targets (never proxied), but it builds a new generation.
    settings = { telegramChatId: '@hedgedesk_alerts', proxyUrl: 'http://127.0.0.1:9' };
    channels.notify(msg('new chat'));
    await channels.flush(3_000);
    expect(telegram.requests.map((r) => r.body.chat_id)).toEqual(['-1001', '@hedgedesk_alerts']);
    expect(lark.requests).toHaveLength(2);

    settings = { telegramChatId: null, proxyUrl: null };
    channels.notify(msg('lark only'));
    await channels.close(3_000);
    expect(telegram.requests).toHaveLength(2);
    expect(lark.texts().at(-1)).toBe('lark only\n\nETH 0.1');
    expect(log.warnings()).toEqual([]);
  });

  it('falls back to the environment when the proxy setting is unusable, with a warning', async () => {
    const log = recordingLog();
    await secrets.set(LARK_WEBHOOK_URL_REF, lark.webhookUrl());
    const channels = new RemoteChannels({ settings: () => ({ telegramChatId: null, proxyUrl: 'socks5://127.0.0.1:1080' }), secrets, redactor: log.redactor, logger: log.logger, clock: new VirtualClock(), env: {} });
    channels.notify(msg('still sent'));
    await channels.close(3_000);
    expect(lark.requests).toHaveLength(1);
    expect(log.warnings().map((w) => w.msg)).toEqual([expect.stringMatching(/unsupported scheme "socks5".*environment's proxy/)]);
  });
});
