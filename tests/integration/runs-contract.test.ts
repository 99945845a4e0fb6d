import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/shared/schemas/runs';
import { ContractClient } from '../helpers/contract-client';
import { clearKeychainService } from '../helpers/keychain';
import { startHarness, type Harness } from '../helpers/server-harness';

/** A small tri-hedge-hold config in the original JSON shape: one ETH round, a hold of seconds. */
const CONFIG = {
  hold_minutes: 0.05,
  slice_delay_seconds: 0.1,
  slice_delay_jitter_seconds: 0.1,
  slice_fill_timeout: 3,
  pause_between_symbols: 1,
  run_once: true,
  coinlist: [{ symbol: 'ETH', target_notional: 60, slice_count: 2 }],
};

describe('strategy runs over the contract (real core, engine, paper Lighter simulator)', () => {
  let h: Harness;
  let c: ContractClient;
  let accountIds: string[];

  beforeAll(async () => {
    h = await startHarness();
    c = await ContractClient.connect(h.server.port, h.server.token);
    accountIds = [];
    for (const label of ['A', 'B', 'C']) {
      accountIds.push((await c.invoke('accounts.create', { venue: 'lighter', label, mode: 'paper' })).id);
    }
  });

  afterAll(async () => {
    c?.close();
    await clearKeychainService(h.keychainService);
    await h.close();
  });

  it('rejects a bad config with field paths before anything runs', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...CONFIG, random_split_range: [0.7, 1.4] }, 'random_split_range.1'],
      [{ ...CONFIG, coinlist: [{ symbol: 'NOPE' }] }, 'coinlist.0.symbol'],
    ];
    for (const [config, path] of cases) {
      const r = await c.raw('runs.start', { strategy: 'tri-hedge-hold', config, accountIds });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      if (!r.ok) expect(r.error.issues?.map((i) => i.path)).toContain(path);
    }
    expect(await c.invoke('runs.list', {})).toEqual([]);
  });

  it('starts a paper run, streams its events, refuses a second run on the same accounts, and stops it flat', async () => {
    const { runId } = await c.invoke('runs.start', { strategy: 'tri-hedge-hold', config: CONFIG, accountIds });
    const running = await c.waitForEvent((e) => e.name === 'run.event' && (e.payload as RunEvent).type === 'status' && (e.payload as RunEvent & { to: string }).to === 'running');
    expect((running.payload as RunEvent).runId).toBe(runId);
    await c.waitForEvent((e) => e.name === 'run.event' && (e.payload as RunEvent).type === 'progress', 10_000);

    const busy = await c.raw('runs.start', { strategy: 'tri-hedge-hold', config: CONFIG, accountIds });
    expect(busy).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'accountIds' }] } });

    const stopped = await c.invoke('runs.stop', { runId, flatten: true });
    expect(stopped).toMatchObject({ id: runId, status: 'stopped', stopReason: 'stopped by the user; positions flattened' });
    expect((await c.invoke('runs.list', {})).map((r) => r.id)).toEqual([runId]);
    const details = await c.invoke('runs.get', { runId });
    expect(details.transitions.map((t) => t.to)).toEqual(expect.arrayContaining(['starting', 'running', 'stopping', 'stopped']));
    expect(details.config).toMatchObject({ coinlist: [{ symbol: 'ETH' }] });
    expect(await c.raw('runs.get', { runId: 'run_missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
