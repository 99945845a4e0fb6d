import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearKeychainService, listKeychain, readKeychain } from '../helpers/keychain';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots');
const LABEL = 'Paper Lighter A';
const SECRET = 'e2e-' + 'ab'.repeat(38);

describe('Accounts page in Chromium against `hedgedesk serve`', () => {
  const keychainService = `hedgedesk-e2e-${randomBytes(4).toString('hex')}`;
  const dir = tempDir();
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    serve = await startServe(['--data-dir', dir.path], { HEDGEDESK_KEYCHAIN_SERVICE: keychainService });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await clearKeychainService(keychainService);
    dir.remove();
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const res = await page.goto(serve.url);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.locator('[data-testid=nav-accounts]').waitFor()).resolves.toBeUndefined();
  });

  it('adds a paper account, keeps it across a reload, and stores a write-only secret', async () => {
    await page.click('[data-testid=nav-accounts]');
    await page.click('[data-testid=accounts-add]');
    const form = page.locator('[data-testid=account-form]');
    await form.waitFor();
    // A venue HedgeDesk cannot trade on yet is not offered for paper trading: live only, and the form says why.
    await page.click('[data-testid=account-venue]');
    await page.locator('.n-base-select-option', { hasText: 'Backpack' }).first().click();
    await expect(page.getAttribute('[data-testid=account-mode-paper]', 'class')).resolves.toContain('n-radio--disabled');
    await expect(page.locator('[data-testid=account-cannot-trade]').textContent()).resolves.toContain('cannot trade on Backpack yet');
    await page.click('[data-testid=account-venue]');
    await page.locator('.n-base-select-option', { hasText: 'Lighter' }).first().click();
    await page.locator('[data-testid=account-cannot-trade]').waitFor({ state: 'detached' });
    await page.fill('[data-testid=account-label]', LABEL);
    await page.click('[data-testid=account-mode-paper]');
    await page.fill('[data-testid=account-identifier-apiKeyIndex]', '4');
    await page.click('[data-testid=account-submit]');
    await page.locator(`[data-testid="account-row-${LABEL}"]`).waitFor();

    await page.reload();
    await page.locator(`[data-testid="account-row-${LABEL}"]`).waitFor();

    await page.click(`[data-testid="account-secrets-${LABEL}"]`);
    const status = page.locator('[data-testid=secret-status-apiPrivateKey]');
    await expect(status.textContent()).resolves.toMatch(/not set/i);
    await page.fill('[data-testid=secret-input-apiPrivateKey]', SECRET);
    await page.click('[data-testid=secret-save-apiPrivateKey]');
    await page.locator('[data-testid=secret-status-apiPrivateKey]', { hasText: /^\s*stored\s*$/i }).waitFor();
    await expect(page.inputValue('[data-testid=secret-input-apiPrivateKey]')).resolves.toBe('');
    expect(await page.content()).not.toContain(SECRET);

    await page.keyboard.press('Escape');
    await page.locator('[data-testid=secrets-panel]').waitFor({ state: 'detached' });
    await page.locator('.n-modal-mask').waitFor({ state: 'detached' });
    await page.locator('.n-message').waitFor({ state: 'detached', timeout: 10_000 });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'accounts.png') });
  });

  it('takes a screenshot of the page in the dark theme (chosen in Settings)', async () => {
    await page.click('[data-testid=nav-settings]');
    await page.click('[data-testid=settings-theme-dark]');
    await page.locator('[data-testid=settings-theme-dark] input:checked').waitFor({ state: 'attached' });
    await page.click('[data-testid=nav-accounts]');
    await page.locator(`[data-testid="account-row-${LABEL}"]`).waitFor();
    await page.waitForTimeout(500); // naive-ui's colour transitions
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'accounts-dark.png') });
  });

  it('edits the Lighter self-trade settings: explained, reduce + same master not offered, kept across a reload', async () => {
    await page.click(`[data-testid="account-edit-${LABEL}"]`);
    await page.locator('[data-testid=account-form]').waitFor();
    await expect(page.textContent('[data-testid=account-feedback-self-trade-equality]')).resolves.toMatch(/other accounts.*trade normally/);
    await page.click('[data-testid=account-self-trade-equality]');
    await page.locator('.n-base-select-option', { hasText: 'Same master account' }).click();
    await page.locator('[data-testid=account-self-trade-master-warning]').waitFor();
    await page.click('[data-testid=account-self-trade-behavior]');
    await expect(page.locator('.n-base-select-option', { hasText: 'Reduce both' }).getAttribute('class')).resolves.toContain('disabled');
    await page.locator('.n-base-select-option', { hasText: 'Cancel both' }).click();
    await page.click('[data-testid=account-submit]');
    await page.locator('[data-testid=account-form]').waitFor({ state: 'detached' });

    await page.reload();
    await page.click(`[data-testid="account-edit-${LABEL}"]`);
    await page.locator('[data-testid=account-form]').waitFor();
    await expect(page.textContent('[data-testid=account-self-trade-behavior]')).resolves.toContain('Cancel both');
    await expect(page.textContent('[data-testid=account-self-trade-equality]')).resolves.toContain('Same master account');
    await page.keyboard.press('Escape');
    await page.locator('.n-modal-mask').waitFor({ state: 'detached' });
  });

  it('put the secret in the OS keychain, not in the page', async () => {
    const creds = await listKeychain(keychainService);
    expect(creds).toHaveLength(1);
    expect(creds[0]?.account).toMatch(/^acc_[a-z0-9]{12}:apiPrivateKey$/);
    expect(await readKeychain(keychainService, creds[0]!.account)).toBe(SECRET);
  });

  it('without the token the page says how to connect', async () => {
    const anon = await browser.newPage({ locale: 'en-US' });
    await anon.goto(serve.url.replace(/\?token=.*$/, ''));
    await anon.getByText('hedgedesk serve').first().waitFor();
    await anon.close();
  });
});
