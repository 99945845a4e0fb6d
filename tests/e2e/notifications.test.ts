/**
 * Desktop notifications in the browser (`hedgedesk serve`): the core's
 * notification rules decide, the page shows them as in-page notifications;
 * a kind switched off in Settings stops showing at once. Runs are started
 * and stopped over the contract (the Strategies page has its own e2e test).
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { ContractClient } from '../helpers/contract-client';
import { clearKeychainService } from '../helpers/keychain';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

/** A run that holds for minutes: the test stops it. */
const CONFIG = {
  hold_minutes: 5,
  slice_delay_seconds: 0.1,
  slice_delay_jitter_seconds: 0.1,
  slice_fill_timeout: 3,
  pause_between_symbols: 1,
  run_once: false,
  coinlist: [{ symbol: 'ETH', target_notional: 60, slice_count: 2 }],
};

describe('in-page notifications against `hedgedesk serve` (paper accounts)', () => {
  const keychainService = `hedgedesk-e2e-${randomBytes(4).toString('hex')}`;
  const dir = tempDir();
  let serve: ServeProcess;
  let client: ContractClient;
  let browser: Browser;
  let page: Page;
  let accountIds: string[];

  const notifications = (title: string) => page.locator('.n-notification', { hasText: title });

  beforeAll(async () => {
    serve = await startServe(['--data-dir', dir.path], { HEDGEDESK_KEYCHAIN_SERVICE: keychainService });
    const url = new URL(serve.url);
    client = await ContractClient.connect(Number(url.port), url.searchParams.get('token'));
    accountIds = [];
    for (const label of ['N1', 'N2', 'N3']) accountIds.push((await client.invoke('accounts.create', { venue: 'lighter', label, mode: 'paper' })).id);
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await page.goto(serve.url);
    await page.locator('[data-testid=nav-settings]').waitFor();
  });

  afterAll(async () => {
    client?.close();
    await browser?.close();
    await serve?.stop();
    await clearKeychainService(keychainService);
    dir.remove();
  });

  it('shows a run starting and stopping, and nothing of a kind switched off', async () => {
    const first = (await client.invoke('runs.start', { strategy: 'tri-hedge-hold', config: CONFIG, accountIds })).runId;
    await notifications('Run started: tri-hedge-hold').waitFor();
    expect(await notifications('Run started: tri-hedge-hold').textContent()).toContain('N1');
    await client.invoke('runs.stop', { runId: first });
    await notifications('Run stopped: tri-hedge-hold').waitFor();
    expect(await notifications('Run stopped: tri-hedge-hold').textContent()).toContain('stopped by the user');

    // Switched off on the Settings page: the next start says nothing, its stop still shows.
    await page.click('[data-testid=nav-settings]');
    await page.click('[data-testid=settings-notify-runStarted]');
    await page.locator('[data-testid=settings-notify-runStarted][aria-checked=false]').waitFor();
    const second = (await client.invoke('runs.start', { strategy: 'tri-hedge-hold', config: CONFIG, accountIds })).runId;
    await client.invoke('runs.stop', { runId: second });
    await notifications('Run stopped: tri-hedge-hold').filter({ hasText: second }).waitFor();
    // Warnings stay until closed; info notifications close after 8 s, so look for this run's own.
    expect(await notifications('Run stopped: tri-hedge-hold').count()).toBe(2);
    expect(await notifications('Run started: tri-hedge-hold').filter({ hasText: second }).count()).toBe(0);
  }, 60_000);
});
