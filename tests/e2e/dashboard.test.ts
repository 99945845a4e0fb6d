/**
 * The dashboard and the per-account page in Chromium against `hedgedesk
 * serve` with paper Lighter accounts: the empty state, accounts connecting
 * live, a tri-hedge-hold paper run started over the contract showing up
 * (positions, net exposure, the run with its Stop button) without a reload,
 * "Open in window" opening `#/account/:id` in a new tab in the compact frame
 * (balances, positions, fills, the run), stopping the run from the
 * dashboard, flattening everything from it (Flatten all), and light and
 * dark screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../helpers/contract-client';
import { clearPopups } from '../helpers/e2e-page';
import { openE2eSession, type E2eSession } from '../helpers/e2e-session';
import type { ServeProcess } from '../helpers/serve-process';

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots');
const LABELS = ['Tri A', 'Tri B', 'Tri C'] as const;
/** A paper account on the other venue: the dashboard covers every venue. */
const PARADEX = 'Paradex P';

/** A tri-hedge-hold pass on ETH whose entry crosses the spread (fills at once as taker) and holds for a minute: long enough to watch. */
const RUN_CONFIG = {
  hold_minutes: 1,
  entry_price_offset_bps: -20,
  exit_price_offset_bps: -20,
  slice_delay_seconds: 0.2,
  slice_delay_jitter_seconds: 0,
  slice_fill_timeout: 3,
  order_poll_interval: 1,
  pause_between_symbols: 0,
  random_split_range: [0.45, 0.55],
  primary_time_in_force: 'GTC',
  run_once: true,
  coinlist: [{ symbol: 'ETH', target_notional: 120, slice_notional: 60 }],
};

describe('Dashboard and account page against `hedgedesk serve` (paper accounts)', () => {
  let session: E2eSession;
  let serve: ServeProcess;
  let client: ContractClient;
  let browser: Browser;
  let page: Page;
  let accountPage: Page;
  const ids: Record<string, string> = {};
  let runId = '';

  /** Sets the theme over the contract and waits for naive-ui's colour transitions. */
  async function theme(p: Page, name: 'light' | 'dark'): Promise<void> {
    await client.invoke('settings.set', { theme: name });
    await p.waitForTimeout(600);
  }

  /** A signed decimal shown in a cell, as a number (for sign checks only). */
  async function cellNumber(p: Page, selector: string): Promise<number> {
    const text = (await p.locator(selector).first().textContent()) ?? '';
    return Number(text.replace(/[,+\s]/g, ''));
  }

  beforeAll(async () => {
    session = await openE2eSession({ viewport: { width: 1280, height: 1100 }, readySelector: '[data-testid=dashboard]' });
    ({ serve, client, browser, page } = session);
  });

  afterAll(async () => {
    if (runId) await client?.invoke('runs.stop', { runId }).catch(() => undefined);
    await session?.close();
  });

  it('tells the user to add an account when there is none', async () => {
    await page.locator('[data-testid=dashboard-no-accounts]').waitFor();
    await page.click('[data-testid=dashboard-add-account]');
    await page.waitForURL(/#\/accounts$/);
    await page.click('[data-testid=nav-dashboard]');
    await page.locator('[data-testid=dashboard-no-accounts]').waitFor();
  });

  it('shows new paper accounts on Lighter and Paradex connecting live, with their collateral', async () => {
    for (const label of LABELS) {
      const account = await client.invoke('accounts.create', { venue: 'lighter', label, mode: 'paper' });
      ids[label] = account.id;
    }
    ids[PARADEX] = (await client.invoke('accounts.create', { venue: 'paradex', label: PARADEX, mode: 'paper' })).id;
    for (const label of [...LABELS, PARADEX]) {
      await page.locator(`[data-testid="dashboard-connection-${label}"][data-connection=connected]`).waitFor({ timeout: 20_000 });
    }
    await expect.poll(() => page.locator('[data-testid=dashboard-total-equity]').textContent(), { timeout: 10_000 }).toContain('40,000.00');
    await expect(page.locator('[data-testid=dashboard-connected]').textContent()).resolves.toContain('4 / 4');
    await expect(page.locator(`[data-testid="dashboard-account-${PARADEX}"]`).textContent()).resolves.toContain('Paradex');
    await page.locator('[data-testid=dashboard-go-strategies]').waitFor();
    await expect(page.locator('[data-testid=dashboard-exposure]').textContent()).resolves.toContain('nothing is exposed');
  });

  it('updates as a paper tri-hedge run trades: the run, positions per account and the net exposure', async () => {
    ({ runId } = await client.invoke('runs.start', { strategy: 'tri-hedge-hold', config: RUN_CONFIG, accountIds: LABELS.map((l) => ids[l]!) }));
    await page.locator(`[data-testid="dashboard-run-${runId}"]`).waitFor({ timeout: 10_000 });
    await page.locator(`[data-testid="dashboard-run-status-${runId}"][data-status=running]`).waitFor({ timeout: 10_000 });
    // The run was reconciled with the venue before it traded: venue positions match the records.
    await page.locator(`[data-testid="dashboard-run-venue-${runId}"][data-mismatches="0"]`).waitFor({ timeout: 10_000 });
    for (const label of LABELS) await page.locator(`[data-testid="dashboard-positions-row-${label}-ETH"]`).waitFor({ timeout: 30_000 });
    // The maker leg A is long; the hedgers B and C are short.
    expect(await cellNumber(page, '[data-testid="dashboard-positions-row-Tri A-ETH"] [data-testid=position-size]')).toBeGreaterThan(0);
    expect(await cellNumber(page, '[data-testid="dashboard-positions-row-Tri B-ETH"] [data-testid=position-size]')).toBeLessThan(0);
    expect(await cellNumber(page, '[data-testid="dashboard-positions-row-Tri C-ETH"] [data-testid=position-size]')).toBeLessThan(0);
    // Net exposure across the three accounts: the hedges cover A's long, so it stays within the 100 USDC threshold.
    const row = page.locator('[data-testid=exposure-row-ETH]');
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 20_000 }).toMatch(/ETH.*3\s*Within threshold/);
    await expect(row.getAttribute('data-beyond')).resolves.toBe('false');
    expect(Math.abs(await cellNumber(page, '[data-testid=exposure-row-ETH] [data-testid=exposure-notional]'))).toBeLessThanOrEqual(100);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await clearPopups(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dashboard.png') });
    await theme(page, 'dark');
    await clearPopups(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dashboard-dark.png') });
    await theme(page, 'light');
  });

  it('opens an account in its own tab at #/account/:id: balances, positions, fills and its part in the run', async () => {
    const [opened] = await Promise.all([page.context().waitForEvent('page'), page.click('[data-testid="dashboard-open-window-Tri A"]')]);
    accountPage = opened;
    await accountPage.setViewportSize({ width: 1100, height: 1100 });
    await accountPage.waitForURL(/#\/account\//);
    expect(accountPage.url()).toContain(`#/account/${ids['Tri A']}`);
    expect(new URL(accountPage.url()).searchParams.get('token')).toBe(new URL(serve.url).searchParams.get('token'));
    await accountPage.locator('[data-testid=compact-frame]').waitFor();
    expect(await accountPage.locator('[data-testid=nav-accounts]').count()).toBe(0);
    expect(await accountPage.locator('[data-testid=account-view-open-window]').count()).toBe(0);
    await expect(accountPage.locator('[data-testid=account-view-label]').textContent()).resolves.toBe('Tri A');
    await accountPage.locator('[data-testid=account-view-connection][data-connection=connected]').waitFor({ timeout: 10_000 });
    await accountPage.locator('[data-testid="account-positions-row-Tri A-ETH"]').waitFor({ timeout: 10_000 });
    await accountPage.locator('[data-testid=account-fills]', { hasText: runId }).waitFor({ timeout: 10_000 });
    await accountPage.locator(`[data-testid="account-run-status-${runId}"][data-status=running]`).waitFor({ timeout: 10_000 });
    await expect(accountPage.locator('[data-testid=account-runs]').textContent()).resolves.toContain('tri-hedge-hold');
    await expect(accountPage.locator('[data-testid=account-view-equity]').textContent()).resolves.toMatch(/\d,\d{3}\.\d{2}/);

    await clearPopups(accountPage);
    await accountPage.screenshot({ path: join(SCREENSHOT_DIR, 'account.png') });
    await theme(accountPage, 'dark');
    await clearPopups(accountPage);
    await accountPage.screenshot({ path: join(SCREENSHOT_DIR, 'account-dark.png') });
    await theme(accountPage, 'light');
  });

  it('reaches the same page inside the main window from the account name, with a way back', async () => {
    await page.click('[data-testid="dashboard-account-Tri B"] a');
    await page.waitForURL(new RegExp(`#/account/${ids['Tri B']}$`));
    await expect(page.locator('[data-testid=account-view-label]').textContent()).resolves.toBe('Tri B');
    await page.click('[data-testid=account-view-back]');
    await page.locator('[data-testid=dashboard-accounts]').waitFor();
  });

  it('shows an unknown account id as not found', async () => {
    const other = await browser.newPage({ locale: 'en-US' });
    await other.goto(`${serve.url}#/account/acc_zzzzzzzzzzzz?window=account`);
    await other.locator('[data-testid=account-not-found]').waitFor({ timeout: 20_000 });
    await other.close();
  });

  it('stops the run from the dashboard; the positions stay, the account page follows', async () => {
    await page.click(`[data-testid="dashboard-run-stop-${runId}"]`);
    await page.locator('.n-dialog__action button', { hasText: 'Stop' }).click();
    await page.locator(`[data-testid="dashboard-run-${runId}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-testid=dashboard-go-strategies]').waitFor();
    await page.locator('[data-testid="dashboard-positions-row-Tri A-ETH"]').waitFor();
    await accountPage.locator(`[data-testid="account-run-status-${runId}"][data-status=stopped]`).waitFor({ timeout: 15_000 });
    const run = await client.invoke('runs.get', { runId });
    expect(run.status).toBe('stopped');
    runId = '';
  });

  it('flattens every position from the dashboard after a confirmation (Flatten all)', async () => {
    await clearPopups(page); // the "run stopped" notification covers the corner the buttons are in
    await page.click('[data-testid=desk-flatten-all]');
    await page.click('[data-testid=desk-flatten-confirm]');
    await page.locator('.n-message', { hasText: 'positions left open: 0' }).waitFor({ timeout: 30_000 });
    for (const label of LABELS) await page.locator(`[data-testid="dashboard-positions-row-${label}-ETH"]`).waitFor({ state: 'detached', timeout: 30_000 });
    const snapshot = await client.invoke('portfolio.get', {});
    for (const account of snapshot.accounts) expect(account.positions).toEqual([]);
  });
});
