/**
 * The correctness half of the drill's "2 MiB frame to serve" fault: a
 * Tri-Hedge run started over the headless server's WebSocket contract keeps
 * trading while a client sends a 2 MiB frame; the server keeps answering,
 * every fill the venue made is recorded once, and the accounts end hedged.
 * The real core and server in process; the paper accounts trade on a Lighter
 * simulator of the test (attached by `simUrl` and their simulator account).
 */
import Decimal from 'decimal.js';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { auditFills, readRecordedFills } from '../../drill/fill-audit';
import { lighterVenueFills } from '../../drill/venue-sims';
import { startLighterSim, type RunningLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';
import { ContractClient } from '../helpers/contract-client';
import { startHarness, type Harness } from '../helpers/server-harness';
import { until } from '../helpers/until';
import { fastConfig, MIN_ORDER } from './tri-hedge-harness';

describe('fault correctness: a 2 MiB frame to the server in the middle of a run', () => {
  let harness: Harness | null = null;
  let sim: RunningLighterSim | null = null;
  let client: ContractClient | null = null;
  afterEach(async () => {
    client?.close();
    await harness?.close();
    await sim?.close();
    harness = null;
    sim = null;
    client = null;
  });

  it('keeps serving and the run keeps hedging: every fill recorded once, hedged at the end', async () => {
    sim = await startLighterSim({ port: 0, seed: 48, accounts: 0 });
    const s = sim;
    harness = await startHarness({ ...process.env, HEDGEDESK_SECRETS_FROM_ENV: '1' });
    client = await ContractClient.connect(harness.server.port, harness.server.token);
    const c = client;
    const accountIds: string[] = [];
    const simIndexes: number[] = [];
    for (const label of ['Frame A', 'Frame B', 'Frame C']) {
      const accountIndex = s.admin.createAccount({ collateral: '10000' }).accountIndex;
      const account = await c.invoke('accounts.create', { venue: 'lighter', label, mode: 'paper', identifiers: { simUrl: s.url, accountIndex } });
      accountIds.push(account.id);
      simIndexes.push(accountIndex);
    }
    const { runId } = await c.invoke('runs.start', { strategy: 'tri-hedge-hold', config: fastConfig({ entry_price_offset_bps: -10 }), accountIds });
    await until(() => s.admin.userTrades().length > 0, 'the first fill');

    const attacker = new WebSocket(`ws://127.0.0.1:${harness.server.port}/ws?token=${harness.server.token}`);
    attacker.on('error', () => undefined);
    await new Promise((resolve) => attacker.once('open', resolve));
    const closed = new Promise<number>((resolve) => attacker.once('close', resolve));
    attacker.send('a'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);

    expect((await c.invoke('runs.list', {})).some((r) => r.id === runId)).toBe(true);
    await until(async () => ['stopped', 'failed'].includes((await c.invoke('runs.get', { runId })).status), 'the run ended', 90_000);
    expect((await c.invoke('runs.get', { runId })).status).toBe('stopped');

    const state = s.admin.state();
    const makers = new Set(state.accounts.filter((a) => a.sim_maker).map((a) => a.account_index));
    const venueFills = lighterVenueFills(s.admin.userTrades(), makers, new Map(state.markets.map((m) => [m.market_id, m.symbol])));
    const audit = auditFills(readRecordedFills(join(harness.dataDir, 'hedgedesk.db')), venueFills);
    expect(audit.venue).toBeGreaterThan(0);
    expect(audit).toEqual({ recorded: audit.venue, venue: audit.venue, lost: 0, duplicates: 0, unknown: 0 });
    for (const [symbol, bound] of Object.entries(MIN_ORDER)) {
      const net = state.accounts
        .filter((a) => simIndexes.includes(a.account_index))
        .flatMap((a) => a.positions.filter((p) => p.symbol === symbol))
        .reduce((sum, p) => sum.plus(p.size), new Decimal(0));
      expect(net.abs().lte(bound), `${symbol} net ${net.toFixed()}`).toBe(true);
    }
  }, 120_000);
});
