/**
 * Maker-Taker Hedge from the Strategies page against `hedgedesk serve`: two
 * paper Lighter accounts, the form generated from the strategy's schema, a
 * paper run whose live panel (cycles, A and B positions, unhedged size,
 * transport) updates as the simulated market fills A and B hedges; light and
 * dark screenshots of the run page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPaperAccount, chooseOption, clearPopups } from '../helpers/e2e-page';
import { openE2eSession, type E2eSession } from '../helpers/e2e-session';

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots');
const MAKER = 'Maker A';
const TAKER = 'Taker B';

describe('Maker-Taker Hedge from the Strategies page against `hedgedesk serve` (paper accounts)', () => {
  let session: E2eSession;
  let page: Page;
  let runUrl = '';

  beforeAll(async () => {
    session = await openE2eSession({ viewport: { width: 1280, height: 1000 }, readySelector: '[data-testid=nav-accounts]' });
    ({ page } = session);
  });

  afterAll(() => session?.close());

  it('creates two paper Lighter accounts', async () => {
    await page.click('[data-testid=nav-accounts]');
    await addPaperAccount(page, { venue: 'Lighter', label: MAKER, apiKeyIndex: 4 });
    await addPaperAccount(page, { venue: 'Lighter', label: TAKER, apiKeyIndex: 5 });
  });

  it('shows the server validation next to the fields: a fractional integer quantity, B-only without Redis', async () => {
    await page.click('[data-testid=nav-strategies]');
    await page.locator('.n-tabs-tab', { hasText: 'Maker-Taker Hedge' }).click();
    await page.locator('[data-testid=mt-start]').waitFor();
    await page.locator('[data-testid=mt-param-retry_times]').waitFor();
    await chooseOption(page, 'mt-account-A', MAKER);
    await chooseOption(page, 'mt-account-B', TAKER);
    await page.fill('[data-testid=mt-quantity]', '12.5');
    await page.click('[data-testid=mt-start]');
    await page.locator('[data-testid=mt-feedback-quantity]').filter({ hasText: 'not a whole venue base amount' }).waitFor({ timeout: 10_000 });
    await page.fill('[data-testid=mt-quantity]', '100');
    await chooseOption(page, 'mt-mode', 'B only');
    await page.locator('[data-testid=mt-account-A]').waitFor({ state: 'detached' });
    await page.click('[data-testid=mt-start]');
    await page.locator('[data-testid=mt-feedback-redis_url]').filter({ hasText: 'B-only mode hedges the fills' }).waitFor({ timeout: 10_000 });
    await chooseOption(page, 'mt-mode', 'A and B here');
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

    await clearPopups(page);
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
    await clearPopups(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'maker-taker-hedge-dark.png'), fullPage: true });

    await page.click('[data-testid=run-stop]');
    await page.locator('[data-testid=run-status][data-status=stopped]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=mt-phase]', { hasText: 'stopped' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid=mt-order]').count()).resolves.toBe(0);
    await page.getByText(/residual positions: A Maker A: [\d.]+ ETH; B Taker B: -?[\d.]+ ETH/).first().waitFor({ timeout: 10_000 });
  });
});
