import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPaperAccount, chooseOption, clearPopups } from '../helpers/e2e-page';
import { openE2eSession, type E2eSession } from '../helpers/e2e-session';

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots');
const LONG = 'Hedge Paradex';
const SHORT = 'Hedge Lighter';

describe('Cross-Venue Hedge from the Strategies page against `hedgedesk serve` (paper accounts)', () => {
  let session: E2eSession;
  let page: Page;
  let runUrl = '';

  beforeAll(async () => {
    session = await openE2eSession({ viewport: { width: 1280, height: 1000 }, readySelector: '[data-testid=nav-accounts]' });
    ({ page } = session);
  });

  afterAll(() => session?.close());

  it('creates a paper Paradex and a paper Lighter account', async () => {
    await page.click('[data-testid=nav-accounts]');
    await addPaperAccount(page, { venue: 'Paradex', label: LONG });
    await addPaperAccount(page, { venue: 'Lighter', label: SHORT });
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
    await chooseOption(page, 'cross-account-long', LONG);
    await chooseOption(page, 'cross-account-short', SHORT);
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

    await clearPopups(page);
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
    await clearPopups(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'cross-venue-hedge-dark.png'), fullPage: true });

    await page.click('[data-testid=run-stop]');
    await page.locator('[data-testid=run-status][data-status=stopped]').waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-testid=run-stop-reason]').textContent()).resolves.toMatch(/legs closed/);
    await page.locator('[data-testid=cross-phase][data-phase=idle]').waitFor({ timeout: 10_000 });
  });
});
