import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPaperAccount, chooseOption } from '../helpers/e2e-page';
import { openE2eSession, type E2eSession } from '../helpers/e2e-session';

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots');
const LABELS = ['Tri A', 'Tri B', 'Tri C'];

describe('Tri-Hedge Hold from the Strategies page against `hedgedesk serve` (paper accounts)', () => {
  let session: E2eSession;
  let page: Page;

  beforeAll(async () => {
    session = await openE2eSession({ viewport: { width: 1280, height: 1000 }, readySelector: '[data-testid=nav-accounts]' });
    ({ page } = session);
  });

  afterAll(() => session?.close());

  it('creates three paper Lighter accounts', async () => {
    await page.click('[data-testid=nav-accounts]');
    for (const [i, label] of LABELS.entries()) await addPaperAccount(page, { venue: 'Lighter', label, apiKeyIndex: 4 + i });
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
    for (const [i, role] of ['A', 'B', 'C'].entries()) await chooseOption(page, `tri-account-${role}`, LABELS[i]!);
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
    // Venue vs records: the run was reconciled with the venue before it traded; every account's ETH matches.
    const venueRows = page.locator('[data-testid^="run-venue-check-"][data-testid$="-ETH"]');
    await venueRows.first().waitFor({ timeout: 10_000 });
    expect(await venueRows.count()).toBe(3);
    expect(await page.locator('[data-testid^="run-venue-check-"][data-mismatch=true]').count()).toBe(0);

    await page.locator('.n-message').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'run.png'), fullPage: true });

    await page.click('[data-testid=nav-runs]');
    await page.locator(`[data-testid="runs-row-${runId}"]`).waitFor();
  });
});
