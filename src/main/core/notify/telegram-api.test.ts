import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendTelegramMessage, telegramMethodUrl, type TelegramSendRequest } from './telegram-api';
import { TelegramStub } from './testing/telegram-stub';

const TOKEN = 'hd-api-test-token-99';
let stub: TelegramStub;

beforeEach(async () => {
  stub = await TelegramStub.start(TOKEN);
});

afterEach(async () => {
  await stub.close();
});

const send = (over: Partial<TelegramSendRequest> = {}) =>
  sendTelegramMessage({ token: TOKEN, chatId: '@hedgedesk_alerts', text: 'hi', timeoutMs: 2_000, ...over, baseUrl: over.baseUrl ?? stub.baseUrl });

describe('sendTelegramMessage', () => {
  it('is sent on ok: true, with a trailing slash in the base URL tolerated', async () => {
    await expect(send({ baseUrl: `${stub.baseUrl}/` })).resolves.toEqual({ kind: 'sent' });
    expect(stub.requests[0]?.body).toEqual({ chat_id: '@hedgedesk_alerts', text: 'hi', disable_web_page_preview: true });
    expect(telegramMethodUrl('https://api.telegram.org//', 'T', 'getMe')).toBe('https://api.telegram.org/botT/getMe');
  });

  it("maps Telegram's error body, retry_after in ms", async () => {
    stub.reply({ status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } } });
    await expect(send()).resolves.toEqual({
      kind: 'rejected',
      status: 429,
      code: 429,
      description: 'Too Many Requests: retry after 3',
      retryAfterMs: 3_000,
    });
  });

  it('falls back to the HTTP status for an answer that is not Telegram JSON', async () => {
    stub.reply({ status: 502, body: '<html>bad gateway</html>' });
    await expect(send()).resolves.toEqual({ kind: 'rejected', status: 502, code: 502, description: 'HTTP 502' });
  });

  it('is unreachable, never throwing, when nothing answers', async () => {
    const port = stub.port;
    await stub.close();
    const outcome = await send({ baseUrl: `http://127.0.0.1:${port}` });
    expect(outcome).toMatchObject({ kind: 'unreachable', error: expect.stringContaining('ECONNREFUSED') });
    stub = await TelegramStub.start(TOKEN);
  });
});
