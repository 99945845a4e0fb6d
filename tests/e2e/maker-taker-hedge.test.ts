/**
 * Maker-Taker Hedge from the Strategies page against `hedgedesk serve`: two
 * paper Lighter accounts, the form generated from the strategy's schema, a
 * paper run whose live panel (cycles, A and B positions, unhedged size,
 * transport) updates as the simulated market fills A and B hedges; light and
 * dark screenshots of the run page.
 */
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
const MAKER = 'Maker A';
const TAKER = 'Taker B';

describe('Maker-Taker Hedge from the Strategies page against `hedgedesk serve` (paper accounts)', () => {
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

  async function addPaperLighter(label: string, apiKeyIndex: number): Promise<void> {
    await page.click('[data-testid=accounts-add]');
    await page.locator('[data-testid=account-form]').waitFor();
    await page.click('[data-testid=account-venue]');
    await page.locator('.n-base-select-option', { hasText: 'Lighter' }).first().click();
    await page.fill('[data-testid=account-label]', label);
    await page.click('[data-testid=account-mode-paper]');
    await page.fill('[data-testid=account-identifier-apiKeyIndex]', String(apiKeyIndex));
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

  /** Closes the toasts (messages, desktop-style notifications) so the screenshots show the page. */
  async function clearToasts(): Promise<void> {
    for (const close of await page.locator('.n-notification .n-base-close:visible').all()) await close.click().catch(() => undefined);
    await page.locator('.n-notification').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    await page.locator('.n-message').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  }

  it('creates two paper Lighter accounts', async () => {
    await page.click('[data-testid=nav-accounts]');
    await addPaperLighter(MAKER, 4);
    await addPaperLighter(TAKER, 5);
  });

  it('shows the server validation next to the fields: a fractional integer quantity, B-only without Redis', async () => {
    await page.click('[data-testid=nav-strategies]');
    await page.locator('.n-tabs-tab', { hasText: 'Maker-Taker Hedge' }).click();
    await page.locator('[data-testid=mt-start]').waitFor();
    await page.locator('[data-testid=mt-param-retry_times]').waitFor();
    await choose('mt-account-A', MAKER);
    await choose('mt-account-B', TAKER);
    await page.fill('[data-testid=mt-quantity]', '12.5');
    await page.click('[data-testid=mt-start]');
    await page.locator('[data-testid=mt-feedback-quantity]').filter({ hasText: 'not a whole venue base amount' }).waitFor({ timeout: 10_000 });
    await page.fill('[data-testid=mt-quantity]', '100');
    await choose('mt-mode', 'B only');
    await page.locator('[data-testid=mt-account-A]').waitFor({ state: 'detached' });
    await page.click('[data-testid=mt-start]');
    await page.locator('[data-testid=mt-feedback-redis_url]').filter({ hasText: 'B-only mode hedges the fills' }).waitFor({ timeout: 10_000 });
    await choose('mt-mode', 'A and B here');
  });

  it('starts a paper run and follows cycles, positions and the unhedged size on the live panel', async () => {
    await page.locator('[data-testid=mt-account-A]').waitFor();
    await page.fill('[data-testid=mt-market]', 'eth');
    await page.fill('[data-testid=mt-quantity]', '100');
    await page.fill('[data-testid=mt-depth]', '1');
    await page.fill('[data-testid=mt-param-order_timeout]', '5');
    await page.click('[data-testid=mt-start]');

    await page.waitForURL(/#\/runs\/[^/]+$/, { timeout: 30_000 });
    runUrl = page.url();
    await page.locator('[data-testid=mt-panel]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=mt-transport]', { hasText: 'in-process' }).waitFor({ timeout: 20_000 });
    // The simulated market walks through A's bid now and then: wait for the first hedged cycle.
    await expect.poll(async () => Number(await page.locator('[data-testid=mt-cycles]').textContent()), { timeout: 90_000, interval: 500 }).toBeGreaterThanOrEqual(1);
    const a = Number(await page.locator('[data-testid=mt-position-a]').textContent());
    const b = Number(await page.locator('[data-testid=mt-position-b]').textContent());
    expect(a).toBeGreaterThanOrEqual(0.01);
    expect(a + b).toBeCloseTo(0, 8);
    await expect(page.locator('[data-testid=mt-hedges]').textContent()).resolves.toMatch(/^[1-9]\d* sent, 0 retries$/);
    await page.locator('[data-testid=run-exposure-ETH]').waitFor();

    await clearToasts();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'maker-taker-hedge.png'), fullPage: true });
  });

  it('takes the run page in the dark theme, then stops the run: A has no order left, residual positions reported', async () => {
    await page.click('[data-testid=nav-settings]');
    await page.click('[data-testid=settings-theme-dark]');
    await page.locator('[data-testid=settings-theme-dark] input:checked').waitFor({ state: 'attached' });
    await page.goto(runUrl);
    await page.locator('[data-testid=mt-panel]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=mt-cycles]').waitFor({ timeout: 15_000 });
    await clearToasts();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'maker-taker-hedge-dark.png'), fullPage: true });

    await page.click('[data-testid=run-stop]');
    await page.locator('[data-testid=run-status][data-status=stopped]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=mt-phase]', { hasText: 'stopped' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid=mt-order]').count()).resolves.toBe(0);
    await page.getByText(/residual positions: A Maker A: [\d.]+ ETH; B Taker B: -?[\d.]+ ETH/).first().waitFor({ timeout: 10_000 });
  });
});
