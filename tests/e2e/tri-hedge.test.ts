import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearKeychainService } from '../helpers/keychain';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots');
const LABELS = ['Tri A', 'Tri B', 'Tri C'];

describe('Tri-Hedge Hold from the Strategies page against `hedgedesk serve` (paper accounts)', () => {
  const keychainService = `hedgedesk-e2e-${randomBytes(4).toString('hex')}`;
  const dir = tempDir();
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

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
    // Menus of other selects may still be in the DOM, hidden (leave transition).
    await page.locator('.n-base-select-option:visible', { hasText: optionText }).first().click();
    await page.locator(`[data-testid=${testId}]`, { hasText: optionText }).waitFor();
    await expect.poll(() => page.locator('.n-base-select-menu:visible').count(), { timeout: 5_000 }).toBe(0);
  }

  it('creates three paper Lighter accounts', async () => {
    await page.click('[data-testid=nav-accounts]');
    for (const [i, label] of LABELS.entries()) await addPaperLighter(label, 4 + i);
  });

  it('shows server validation next to the field', async () => {
    await page.click('[data-testid=nav-strategies]');
    await page.locator('[data-testid=tri-start]').waitFor();
    await page.fill('[data-testid=tri-coin-symbol-0]', '');
    await page.click('[data-testid=tri-start]');
    const feedback = page.locator('[data-testid="tri-feedback-coinlist.0.symbol"]');
    await feedback.filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
    await expect(feedback.textContent()).resolves.toMatch(/empty|symbol/i);
  });

  it('starts a run_once pass and follows it to the end with a summary', async () => {
    for (const [i, role] of ['A', 'B', 'C'].entries()) await choose(`tri-account-${role}`, LABELS[i]!);
    await page.fill('[data-testid=tri-coin-symbol-0]', 'ETH');
    await page.fill('[data-testid=tri-coin-target-0]', '60');
    await page.fill('[data-testid=tri-coin-slices-0]', '2');
    await page.fill('[data-testid=tri-hold-minutes]', '0.05');
    await page.fill('[data-testid=tri-slice-delay]', '0.5');
    await page.fill('[data-testid=tri-jitter]', '0');
    await page.fill('[data-testid=tri-pause]', '0');
    await page.click('[data-testid=tri-run-once]');
    await page.locator('[data-testid=tri-run-once].n-switch--active').waitFor();
    await page.click('[data-testid=tri-start]');

    await page.waitForURL(/#\/runs\/[^/]+$/, { timeout: 30_000 });
    const runId = decodeURIComponent(page.url().split('#/runs/')[1]!);
    await page.locator('[data-testid=run-status]').waitFor();
    await page.locator('[data-testid="run-progress-Tri A"]').or(page.locator('[data-testid=run-status][data-status=stopped]')).first().waitFor({ timeout: 20_000 });

    await page.locator('[data-testid=run-status][data-status=stopped]').waitFor({ timeout: 60_000 });
    const summary = page.locator('[data-testid=run-summary]');
    await summary.waitFor({ timeout: 10_000 });
    await expect(summary.textContent()).resolves.toContain('ETH');
    await page.locator('[data-testid=run-chart]').waitFor();
    // The echarts chart (SVG renderer) is drawn.
    await page.locator('[data-testid=run-chart] svg').first().waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=run-exposure-ETH]').waitFor();

    await page.locator('.n-message').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'run.png'), fullPage: true });

    await page.click('[data-testid=nav-runs]');
    await page.locator(`[data-testid="runs-row-${runId}"]`).waitFor();
  });
});
