import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramStub } from '../../src/main/core/notify/testing/telegram-stub';
import { ContractClient } from '../helpers/contract-client';
import { clearKeychainService, readKeychain } from '../helpers/keychain';
import { startHarness, type Harness } from '../helpers/server-harness';

const BOT_TOKEN = '7000001234:AAH-test-token-for-hedgedesk-0123456789';

describe('notification settings and the Telegram test message (real core, keychain, loopback Bot API)', () => {
  let h: Harness;
  let c: ContractClient;
  let telegram: TelegramStub;
  const frames: string[] = [];

  beforeAll(async () => {
    telegram = await TelegramStub.start(BOT_TOKEN);
    h = await startHarness(process.env, { telegramBaseUrl: telegram.baseUrl });
    c = await ContractClient.connect(h.server.port, h.server.token, frames);
  });

  afterAll(async () => {
    c?.close();
    await clearKeychainService(h.keychainService);
    await h.close();
    await telegram.close();
  });

  it('validates the chat id and proxy URL settings by field', async () => {
    const bad = await c.raw('settings.set', { telegramChatId: 'my chat', proxyUrl: 'socks5://x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path)).toEqual(['telegramChatId', 'proxyUrl']);
    const good = await c.invoke('settings.set', { telegramChatId: '-100200300', proxyUrl: null });
    expect(good).toMatchObject({ telegramChatId: '-100200300', proxyUrl: null, theme: 'system' });
  });

  it('keeps the bot token write-only in the keychain under app:telegramBotToken', async () => {
    expect((await c.invoke('appSecrets.status', {})).fields).toEqual([
      { field: 'telegramBotToken', stored: false, envVar: 'HEDGEDESK_SECRET_APP_TELEGRAMBOTTOKEN' },
      { field: 'larkWebhookUrl', stored: false, envVar: 'HEDGEDESK_SECRET_APP_LARKWEBHOOKURL' },
      { field: 'proxyCredentials', stored: false, envVar: 'HEDGEDESK_SECRET_APP_PROXYCREDENTIALS' },
    ]);
    const stored = await c.invoke('appSecrets.set', { field: 'telegramBotToken', value: 'wrong-token-1' });
    expect(stored.fields[0]).toMatchObject({ stored: true });
    expect(await readKeychain(h.keychainService, 'app:telegramBotToken')).toBe('wrong-token-1');
    const unknown = await c.raw('appSecrets.set', { field: 'apiPrivateKey', value: 'x' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'field' }] } });
  });

  it('reports Telegram\'s refusal, then delivers the test message with the right token', async () => {
    expect(await c.invoke('notify.testTelegram', {})).toEqual({ ok: false, description: 'Unauthorized' });
    await c.invoke('appSecrets.set', { field: 'telegramBotToken', value: BOT_TOKEN });
    expect(await c.invoke('notify.testTelegram', {})).toEqual({ ok: true, description: null });
    const last = telegram.requests.at(-1);
    expect(last).toMatchObject({ token: BOT_TOKEN, body: { chat_id: '-100200300' } });
    expect(String(last?.body.text)).toContain('HedgeDesk');
    expect((await c.invoke('appSecrets.delete', { field: 'telegramBotToken' })).fields[0]).toMatchObject({ stored: false });
    expect(await readKeychain(h.keychainService, 'app:telegramBotToken')).toBeNull();
  });

  it('never returns or logs the bot token', async () => {
    await c.invoke('logs.recent', { limit: 5000 });
    for (const f of frames) expect(f.includes(BOT_TOKEN) || f.includes('wrong-token-1')).toBe(false);
  });
});
