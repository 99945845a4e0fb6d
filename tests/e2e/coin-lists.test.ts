import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../helpers/contract-client';
import { chooseOption } from '../helpers/e2e-page';
import { openE2eSession, type E2eSession } from '../helpers/e2e-session';

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots');

/** An original tri_hedge_hold config, as a user's file would hold it (keys included: they must not be stored). */
const TRI_CONFIG = {
  telegram_bot_token: '123456:secret-bot-token',
  hold_minutes: 30,
  default_target_notional: 400,
  coinlist: ['sol', { symbol: 'BTC', target_notional: 800, slice_notional: 150 }, { symbol: 'DOGE', target_notional: '250', slice_count: 5 }],
  accounts: [{ label: 'Maker', api_private_key: 'ab'.repeat(40) }],
};

describe('Coin lists page against `hedgedesk serve`', () => {
  let session: E2eSession;
  let api: ContractClient;
  let page: Page;
  /** The three paper Lighter accounts (created for the Tri-Hedge form and the run). */
  const accountIds: string[] = [];

  beforeAll(async () => {
    session = await openE2eSession({ viewport: { width: 1280, height: 1000 }, readySelector: '[data-testid=nav-coinLists]' });
    ({ client: api, page } = session);
  });

  afterAll(() => session?.close());

  /** Types into an input and leaves it (Escape closes a suggestion menu). */
  async function type(testId: string, text: string): Promise<void> {
    await page.fill(`[data-testid="${testId}"]`, text);
    await page.press(`[data-testid="${testId}"]`, 'Escape');
  }

  const feedback = (row: number, field: string) => page.locator(`[data-testid="coin-feedback-${row}-${field}"]`);

  /** Closes the in-app notifications and waits until every toast is gone, so that screenshots show the page itself. */
  async function noToasts(): Promise<void> {
    const closeAll = "document.querySelectorAll('.n-notification .n-base-close').forEach((b) => b.click()); document.querySelectorAll('.n-message, .n-notification').length";
    await expect.poll(() => page.evaluate<number>(closeAll), { timeout: 15_000 }).toBe(0);
  }

  /** `docs/screenshots/<name>.png` and `<name>-dark.png` (theme switched through the contract, as Settings does). */
  async function screenshots(name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    for (const theme of ['light', 'dark'] as const) {
      await api.invoke('settings.set', { theme });
      const white = () => page.evaluate<boolean>("getComputedStyle(document.body).backgroundColor === 'rgb(255, 255, 255)'");
      await expect.poll(white, { timeout: 5_000 }).toBe(theme === 'light');
      await noToasts();
      await page.waitForTimeout(400); // the theme's colour transition
      await page.screenshot({ path: join(SCREENSHOT_DIR, theme === 'light' ? `${name}.png` : `${name}-dark.png`) });
    }
    await api.invoke('settings.set', { theme: 'light' });
  }

  it('opens on an empty state that says what to do next', async () => {
    await page.click('[data-testid=nav-coinLists]');
    const empty = page.locator('[data-testid=coin-lists-empty]');
    await empty.waitFor();
    await expect(empty.textContent()).resolves.toMatch(/create one, or import/i);
  });

  it('shows validation errors inline, naming the coin, as you type; fixed, the list saves', async () => {
    await page.click('[data-testid=coin-lists-new]');
    await page.locator('[data-testid=coin-list-editor]').waitFor();
    await type('coin-list-name', 'Majors');
    await type('coin-symbol-0', 'ETH');
    await page.locator('[data-testid=coin-specs-0]', { hasText: 'tick 0.01' }).waitFor();
    await type('coin-target-0', '12');
    await feedback(0, 'targetNotional').filter({ hasText: 'ETH: target 12 USDC is below the minimum order of 15 USDC' }).waitFor();

    await page.click('[data-testid=coin-add]');
    await type('coin-symbol-1', 'XYZ');
    await feedback(1, 'symbol').filter({ hasText: 'XYZ is not a Lighter market' }).waitFor();

    // The server refuses to save it, and says why on the rows.
    await page.click('[data-testid=coin-list-save]');
    await feedback(1, 'symbol').filter({ hasText: 'XYZ is not a Lighter market' }).waitFor();
    await expect(page.locator('[data-testid="coin-list-row-Majors"]').count()).resolves.toBe(0);

    await type('coin-target-0', '500');
    await chooseOption(page, 'coin-slice-mode-0', 'Slice count');
    await type('coin-slice-count-0', '10');
    // Keyboard: type part of a symbol, pick the suggestion with the arrow keys and Enter.
    await page.fill('[data-testid="coin-symbol-1"]', 'bt');
    await page.locator('.n-base-select-option:visible', { hasText: 'min 0.0001 BTC' }).waitFor();
    await page.press('[data-testid="coin-symbol-1"]', 'ArrowDown');
    await page.press('[data-testid="coin-symbol-1"]', 'Enter');
    await expect.poll(() => page.inputValue('[data-testid="coin-symbol-1"]')).toBe('BTC');
    await type('coin-hold-1', '30');
    await expect.poll(() => feedback(0, 'targetNotional').textContent(), { timeout: 5_000 }).toBe('');
    await expect.poll(() => feedback(1, 'symbol').textContent(), { timeout: 5_000 }).toBe('');
    await page.click('[data-testid=coin-list-save]');
    await page.locator('[data-testid="coin-list-row-Majors"]').waitFor();
  });

  it('still has the list after a reload', async () => {
    await page.reload();
    await page.click('[data-testid=nav-coinLists]');
    await page.locator('[data-testid="coin-list-row-Majors"]').waitFor();
    await page.click('[data-testid="coin-list-edit-Majors"]');
    await expect(page.inputValue('[data-testid=coin-target-0]')).resolves.toBe('500');
    await expect(page.inputValue('[data-testid=coin-slice-count-0]')).resolves.toBe('10');
    await expect(page.inputValue('[data-testid=coin-symbol-1]')).resolves.toBe('BTC');
    await expect(page.inputValue('[data-testid=coin-hold-1]')).resolves.toBe('30');
  });

  it('imports the coin list of a tri-hedge JSON config (refusing one with an unknown symbol)', async () => {
    await page.click('[data-testid=coin-lists-import]');
    await page.locator('[data-testid=coin-import-text]').waitFor();
    await page.fill('[data-testid=coin-import-text]', JSON.stringify({ symbols: ['ETH', 'NOPE'] }));
    await page.fill('[data-testid=coin-import-name]', 'Broken');
    await page.click('[data-testid=coin-import-submit]');
    await page.locator('[data-testid=coin-import-issues]', { hasText: 'coins.1.symbol: NOPE is not a Lighter market' }).waitFor();

    await page.fill('[data-testid=coin-import-name]', '');
    await page.setInputFiles('[data-testid=coin-import-file]', { name: 'tri_config.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(TRI_CONFIG, null, 2)) });
    await expect.poll(() => page.inputValue('[data-testid=coin-import-name]')).toBe('tri_config');
    await page.click('[data-testid=coin-import-submit]');
    await page.locator('[data-testid=coin-import-text]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="coin-list-row-tri_config"]').waitFor();
    await page.locator('[data-testid=coin-list-notes]', { hasText: 'default_target_notional' }).waitFor();
    await expect(page.inputValue('[data-testid=coin-symbol-0]')).resolves.toBe('SOL');
    await expect(page.inputValue('[data-testid=coin-target-0]')).resolves.toBe('400');
    await expect(page.inputValue('[data-testid=coin-slice-notional-1]')).resolves.toBe('150');
    await expect(page.inputValue('[data-testid=coin-slice-count-2]')).resolves.toBe('5');
    const stored = await api.invoke('coinLists.list', {});
    expect(JSON.stringify(stored)).not.toMatch(/secret-bot-token|abab/);
    await screenshots('coin-lists');
  });

  it('loads a coin list into the Tri-Hedge form and saves the form rows as a new list', async () => {
    for (const [i, label] of ['Paper A', 'Paper B', 'Paper C'].entries()) {
      accountIds.push((await api.invoke('accounts.create', { venue: 'lighter', label, mode: 'paper', identifiers: { apiKeyIndex: 4 + i } })).id);
    }
    await page.click('[data-testid=nav-strategies]');
    await page.locator('[data-testid=tri-start]').waitFor();
    // The imported list: its coins and their overrides become the form's rows.
    await chooseOption(page, 'tri-load-coin-list', 'tri_config');
    await expect(page.inputValue('[data-testid=tri-coin-symbol-0]')).resolves.toBe('SOL');
    await expect(page.inputValue('[data-testid=tri-coin-target-0]')).resolves.toBe('400');
    await expect(page.inputValue('[data-testid=tri-coin-symbol-2]')).resolves.toBe('DOGE');
    await expect(page.inputValue('[data-testid=tri-coin-slices-2]')).resolves.toBe('5');
    await page.locator('[data-testid=tri-coin-overrides-1]', { hasText: 'slice 150 USDC · hold 30 min' }).waitFor();

    await chooseOption(page, 'tri-load-coin-list', 'Majors');
    await expect(page.inputValue('[data-testid=tri-coin-symbol-0]')).resolves.toBe('ETH');
    await expect(page.inputValue('[data-testid=tri-coin-target-0]')).resolves.toBe('500');
    await expect(page.inputValue('[data-testid=tri-coin-slices-0]')).resolves.toBe('10');
    await expect(page.inputValue('[data-testid=tri-coin-symbol-1]')).resolves.toBe('BTC');
    await page.locator('[data-testid=tri-coin-overrides-1]', { hasText: 'hold 30 min' }).waitFor();

    // Saving rows below the minimum is refused, with the problem on the row.
    await page.fill('[data-testid=tri-coin-target-0]', '5');
    await page.click('[data-testid=tri-save-coin-list]');
    await page.fill('[data-testid=tri-save-coin-list-name]', 'From the form');
    await page.click('[data-testid=tri-save-coin-list-submit]');
    await page.locator('[data-testid=tri-save-coin-list-issues]', { hasText: 'ETH: target 5 USDC is below the minimum order' }).waitFor();
    await page.locator('[data-testid="tri-feedback-coinlist.0.target_notional"]', { hasText: 'ETH' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=tri-save-coin-list-name]').waitFor({ state: 'detached' });

    await page.fill('[data-testid=tri-coin-target-0]', '600');
    await page.click('[data-testid=tri-save-coin-list]');
    await page.fill('[data-testid=tri-save-coin-list-name]', 'From the form');
    await page.click('[data-testid=tri-save-coin-list-submit]');
    await page.locator('[data-testid=tri-save-coin-list-name]').waitFor({ state: 'detached' });
    const saved = (await api.invoke('coinLists.list', {})).find((l) => l.name === 'From the form');
    expect(saved?.coins).toEqual([
      { symbol: 'ETH', targetNotional: '600', sliceCount: 10 },
      { symbol: 'BTC', holdMinutes: 30 },
    ]);
    await screenshots('strategies');
  });

  it('takes screenshots of the Runs list with a run that traded', async () => {
    const { runId } = await api.invoke('runs.start', {
      strategy: 'tri-hedge-hold',
      accountIds,
      // A marketable IOC entry (50 bps above the bid) fills at once.
      config: {
        coinlist: [{ symbol: 'ETH', target_notional: 60, slice_count: 2 }],
        hold_minutes: 10,
        slice_delay_seconds: 0.2,
        slice_delay_jitter_seconds: 0,
        primary_time_in_force: 'IOC',
        entry_price_offset_bps: -50,
        run_once: true,
      },
    });
    // Stop (and flatten) once the first slice filled.
    const filled = (e: { name: string; payload: unknown }) => e.name === 'run.event' && (e.payload as { type: string; runId: string }).type === 'fill' && (e.payload as { runId: string }).runId === runId;
    await api.waitForEvent(filled, 20_000);
    await api.invoke('runs.stop', { runId, flatten: true });
    await page.click('[data-testid=nav-runs]');
    await page.locator(`[data-testid="runs-row-${runId}"]`).waitFor();
    await screenshots('runs');
  });
});
