import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { clearKeychainService } from '../helpers/keychain';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots');
const LONG = 'Hedge Paradex';
const SHORT = 'Hedge Lighter';

describe('Cross-Venue Hedge from the Strategies page against `hedgedesk serve` (paper accounts)', () => {
  const keychainService = `hedgedesk-e2e-${randomBytes(4).toString('hex')}`;
  const dir = tempDir();
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let runUrl = '';

  beforeAll(async () => {
    serve = await startServe(['--data-dir', dir.path], { HEDGEDESK_KEYCHAIN_SERVICE: keychainService });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
    await page.goto(serve.url);
    await page.locator('[data-testid=nav-accounts]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await clearKeychainService(keychainService);
    dir.remove();
  });

  async function addPaperAccount(venue: 'Paradex' | 'Lighter', label: string): Promise<void> {
    await page.click('[data-testid=accounts-add]');
    await page.locator('[data-testid=account-form]').waitFor();
    await page.click('[data-testid=account-venue]');
    await page.locator('.n-base-select-option', { hasText: venue }).first().click();
    await page.fill('[data-testid=account-label]', label);
    await page.click('[data-testid=account-mode-paper]');
    await page.click('[data-testid=account-submit]');
    await page.locator(`[data-testid="account-row-${label}"]`).waitFor();
    await page.locator('[data-testid=account-form]').waitFor({ state: 'detached' });
  }

  async function choose(testId: string, optionText: string): Promise<void> {
    await page.click(`[data-testid=${testId}]`);
    await page.locator('.n-base-select-option:visible', { hasText: optionText }).first().click();
    await page.locator(`[data-testid=${testId}]`, { hasText: optionText }).waitFor();
    await expect.poll(() => page.locator('.n-base-select-menu:visible').count(), { timeout: 5_000 }).toBe(0);
  }

  /** Closes notifications (run started…) and waits for messages to leave, so screenshots show the page. */
  async function closeToasts(): Promise<void> {
    for (const close of await page.locator('.n-notification .n-base-close').all()) await close.click().catch(() => undefined);
    await page.locator('.n-notification').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    await page.locator('.n-message').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  }

  it('creates a paper Paradex and a paper Lighter account', async () => {
    await page.click('[data-testid=nav-accounts]');
    await addPaperAccount('Paradex', LONG);
    await addPaperAccount('Lighter', SHORT);
  });

  it('shows the server validation of a missing margin next to the field', async () => {
    await page.click('[data-testid=nav-strategies]');
    await page.locator('.n-tabs-tab', { hasText: 'Cross-Venue Hedge' }).click();
    await page.locator('[data-testid=cross-start]').waitFor();
    await page.locator('[data-testid=cross-param-margin]').waitFor();
    await page.click('[data-testid=cross-start]');
    const feedback = page.locator('[data-testid=tri-feedback-margin]');
    await feedback.filter({ hasText: /number/ }).waitFor({ timeout: 10_000 });
  });

  it('starts a Paradex ⇄ Lighter run and shows both legs, the phase and the cycle history on the run page', async () => {
    await choose('cross-account-long', LONG);
    await choose('cross-account-short', SHORT);
    await page.fill('[data-testid=cross-ticker]', 'eth');
    // Paradex's ETH minimum order is 100 USDC.
    await page.fill('[data-testid=cross-param-margin]', '150');
    await page.fill('[data-testid=cross-param-hold_time]', '3');
    await page.fill('[data-testid=cross-param-take_profit]', '50');
    await page.fill('[data-testid=cross-param-stop_loss]', '50');
    await page.fill('[data-testid=cross-param-cooldown]', '0.5');
    await page.click('[data-testid=cross-start]');

    await page.waitForURL(/#\/runs\/[^/]+$/, { timeout: 30_000 });
    runUrl = page.url();
    const panel = page.locator('[data-testid=cross-panel]');
    await panel.waitFor({ timeout: 20_000 });
    const long = page.locator('[data-testid=cross-leg-long]');
    const short = page.locator('[data-testid=cross-leg-short]');
    await long.waitFor({ timeout: 20_000 });
    await expect(long.textContent()).resolves.toContain(LONG);
    await expect(short.textContent()).resolves.toContain(SHORT);
    await expect(long.textContent()).resolves.toContain('Paradex');
    await expect(short.textContent()).resolves.toContain('Lighter');
    // Equal, non-zero sizes on both legs.
    const size = async (leg: typeof long) => Number(await leg.locator('[data-testid=cross-leg-size]').textContent());
    await expect.poll(() => size(long), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await size(short)).toBe(await size(long));

    // Two cycles ended on hold expiry, the third holding with a countdown.
    await page.locator('[data-testid=cross-history-2]').waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-testid=cross-history-1]').textContent()).resolves.toContain('hold expired');
    await page.locator('[data-testid=cross-phase][data-phase=holding]').waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid=cross-countdown]').textContent()).resolves.toMatch(/closes in \d/);
    // Marks and PnL per leg from the venue's book.
    await expect.poll(() => long.locator('[data-testid=cross-leg-mark]').textContent(), { timeout: 5_000 }).toMatch(/^\d+(\.\d+)?$/);
    await expect.poll(() => short.locator('[data-testid=cross-leg-mark]').textContent(), { timeout: 5_000 }).toMatch(/^\d+(\.\d+)?$/);
    await page.locator('[data-testid=run-exposure-ETH]').waitFor();
    await expect(page.locator('[data-testid=run-exposure-ETH]').textContent()).resolves.toMatch(/^ETH0/);

    await closeToasts();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'cross-venue-hedge.png'), fullPage: true });
  });

  it('takes the run page in the dark theme, then stops the run with the legs closed', async () => {
    await page.click('[data-testid=nav-settings]');
    await page.click('[data-testid=settings-theme-dark]');
    await page.locator('[data-testid=settings-theme-dark] input:checked').waitFor({ state: 'attached' });
    await page.goto(runUrl);
    await page.locator('[data-testid=cross-phase][data-phase=holding]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=cross-history-2]').waitFor();
    await expect.poll(() => page.locator('[data-testid=cross-leg-long] [data-testid=cross-leg-mark]').textContent(), { timeout: 5_000 }).toMatch(/^\d/);
    await closeToasts();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'cross-venue-hedge-dark.png'), fullPage: true });

    await page.click('[data-testid=run-stop]');
    await page.locator('[data-testid=run-status][data-status=stopped]').waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-testid=run-stop-reason]').textContent()).resolves.toMatch(/legs closed/);
    await page.locator('[data-testid=cross-phase][data-phase=idle]').waitFor({ timeout: 10_000 });
  });
});
