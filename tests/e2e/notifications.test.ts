/**
 * Desktop notifications in the browser (`hedgedesk serve`): the core's
 * notification rules decide, the page shows them as in-page notifications;
 * a kind switched off in Settings stops showing at once. Runs are started
 * and stopped over the contract (the Strategies page has its own e2e test).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../helpers/contract-client';
import { openE2eSession, type E2eSession } from '../helpers/e2e-session';
import { HOLDING_TRI_HEDGE_CONFIG as CONFIG } from '../helpers/run-configs';

describe('in-page notifications against `hedgedesk serve` (paper accounts)', () => {
  let session: E2eSession;
  let client: ContractClient;
  let page: Page;
  let accountIds: string[];

  const notifications = (title: string) => page.locator('.n-notification', { hasText: title });

  beforeAll(async () => {
    session = await openE2eSession({ viewport: { width: 1280, height: 800 }, readySelector: '[data-testid=nav-settings]' });
    ({ client, page } = session);
    accountIds = [];
    for (const label of ['N1', 'N2', 'N3']) accountIds.push((await client.invoke('accounts.create', { venue: 'lighter', label, mode: 'paper' })).id);
  });

  afterAll(() => session?.close());

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
