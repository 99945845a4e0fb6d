import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Closes the in-page notifications (e.g. "run started") and waits for the
 * messages to leave, so that screenshots show the page itself. Never throws:
 * whatever is still shown after 5 s (notifications) / 10 s (messages) stays.
 */
export async function clearPopups(page: Page): Promise<void> {
  for (const close of await page.locator('.n-notification .n-base-close:visible').all()) await close.click().catch(() => undefined);
  await page.locator('.n-notification').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await page.locator('.n-message').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

/** Picks `optionText` in the naive-ui select `[data-testid=<testId>]` and waits until it shows it and its menu has closed. */
export async function chooseOption(page: Page, testId: string, optionText: string): Promise<void> {
  await page.click(`[data-testid=${testId}]`);
  // Menus of other selects may still be in the DOM, hidden (leave transition).
  await page.locator('.n-base-select-option:visible', { hasText: optionText }).first().click();
  await page.locator(`[data-testid=${testId}]`, { hasText: optionText }).waitFor();
  await expect.poll(() => page.locator('.n-base-select-menu:visible').count(), { timeout: 5_000 }).toBe(0);
}

/** A paper account to add on the Accounts page: its venue as the venue select names it, its label and (Lighter) API key index. */
export interface PaperAccountEntry {
  venue: 'Lighter' | 'Paradex';
  label: string;
  apiKeyIndex?: number;
}

/** Adds a paper account through the Accounts page's form (the page must be shown) and waits for its row and the form to close. */
export async function addPaperAccount(page: Page, entry: PaperAccountEntry): Promise<void> {
  await page.click('[data-testid=accounts-add]');
  await page.locator('[data-testid=account-form]').waitFor();
  await page.click('[data-testid=account-venue]');
  await page.locator('.n-base-select-option', { hasText: entry.venue }).first().click();
  await page.fill('[data-testid=account-label]', entry.label);
  await page.click('[data-testid=account-mode-paper]');
  if (entry.apiKeyIndex !== undefined) await page.fill('[data-testid=account-identifier-apiKeyIndex]', String(entry.apiKeyIndex));
  await page.click('[data-testid=account-submit]');
  await page.locator(`[data-testid="account-row-${entry.label}"]`).waitFor();
  await page.locator('[data-testid=account-form]').waitFor({ state: 'detached' });
}
