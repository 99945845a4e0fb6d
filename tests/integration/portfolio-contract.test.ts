/**
 * The portfolio over the contract, through the real core and headless
 * server: `portfolio.changed` follows account creation, renames, deletions
 * and the exposure threshold setting; `portfolio.get` and
 * `portfolio.account` answer, and reject bad or unknown account ids with a
 * field path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortfolioSnapshot } from '../../src/shared/schemas/portfolio';
import { ContractClient } from '../helpers/contract-client';
import { clearKeychainService } from '../helpers/keychain';
import { startHarness, type Harness } from '../helpers/server-harness';

describe('portfolio over the contract (real core, paper Lighter simulator)', () => {
  let h: Harness;
  let c: ContractClient;
  let paperId = '';
  let liveId = '';

  /** The latest `portfolio.changed` snapshot that satisfies `pred`, waiting up to 15 s. */
  async function snapshotWhere(pred: (s: PortfolioSnapshot) => boolean): Promise<PortfolioSnapshot> {
    const hit = await c.waitForEvent((e) => e.name === 'portfolio.changed' && pred(e.payload as PortfolioSnapshot), 15_000);
    return hit.payload as PortfolioSnapshot;
  }

  beforeAll(async () => {
    h = await startHarness();
    c = await ContractClient.connect(h.server.port, h.server.token);
  });

  afterAll(async () => {
    c?.close();
    await clearKeychainService(h.keychainService);
    await h.close();
  });

  it('pushes new accounts: a paper one connects to the simulator, a live one without its key shows the error', async () => {
    paperId = (await c.invoke('accounts.create', { venue: 'lighter', label: 'Paper', mode: 'paper' })).id;
    liveId = (await c.invoke('accounts.create', { venue: 'lighter', label: 'Live', mode: 'live', identifiers: { accountIndex: 3, apiKeyIndex: 5 } })).id;
    const s = await snapshotWhere((x) => x.accounts.some((a) => a.accountId === paperId && a.connection === 'connected') && x.accounts.some((a) => a.accountId === liveId && a.connection === 'error'));
    expect(s.accounts.find((a) => a.accountId === paperId)).toMatchObject({ label: 'Paper', equity: '10000', available: '10000', positions: [], error: null });
    expect(s.accounts.find((a) => a.accountId === liveId)?.error).toMatch(/no apiPrivateKey in the keychain: add it on the Accounts page/);
    const got = await c.invoke('portfolio.get', {});
    expect(got.accounts.map((a) => a.accountId)).toEqual(expect.arrayContaining([paperId, liveId]));
    expect(got.thresholdUsdc).toBe('100');
  });

  it('follows a rename, the threshold setting and a deletion', async () => {
    await c.invoke('accounts.update', { id: paperId, patch: { label: 'Paper renamed' } });
    await snapshotWhere((x) => x.accounts.some((a) => a.accountId === paperId && a.label === 'Paper renamed' && a.connection === 'connected'));
    await c.invoke('settings.set', { exposureThresholdUsdc: '250.5' });
    await snapshotWhere((x) => x.thresholdUsdc === '250.5');
    await c.invoke('accounts.delete', { id: liveId });
    await snapshotWhere((x) => x.accounts.length === 1 && x.accounts[0]!.accountId === paperId);
  });

  it('answers portfolio.account, and rejects bad and unknown ids naming the field', async () => {
    const detail = await c.invoke('portfolio.account', { accountId: paperId });
    expect(detail).toMatchObject({ portfolio: { accountId: paperId, connection: 'connected' }, openOrders: [], ordersError: null, recentFills: [], runs: [] });
    const bad = await c.raw('portfolio.account', { accountId: 'nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'accountId' }] } });
    const unknown = await c.raw('portfolio.account', { accountId: 'acc_zzzzzzzzzzzz' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', issues: [{ path: 'accountId' }] } });
  });
});
