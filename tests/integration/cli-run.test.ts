/**
 * `hedgedesk run tri-hedge-hold` and `hedgedesk runs` as a user runs them:
 * the original JSON config (here through TRI_HEDGE_CONFIG), --paper, a real
 * child process, its own data directory. The primaries cross the book (IOC
 * at 10 bps through the touch) so the run does not wait for the simulated
 * market to move.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { fastConfig } from './tri-hedge-harness';

const ACCOUNTS = [
  { label: 'Maker', api_private_key: '...', account_address: '0x1111111111111111111111111111111111111111' },
  { label: 'Hedge-A', api_private_key: '...', account_address: '0x2222222222222222222222222222222222222222' },
  { label: 'Hedge-B', api_private_key: '...', account_address: '0x3333333333333333333333333333333333333333' },
];

describe('hedgedesk run tri-hedge-hold / hedgedesk runs', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  const write = (config: unknown) => {
    const file = join(dir.path, 'tri_hedge.json');
    writeFileSync(file, JSON.stringify(config));
    return file;
  };

  it('rejects a malformed config, naming every bad field', () => {
    const file = write({ ...fastConfig(), random_split_range: [0.5, 1.5], accounts: ACCOUNTS.slice(0, 2) });
    const r = runCli(['run', 'tri-hedge-hold', '--config', file, '--paper', '--data-dir', join(dir.path, 'data')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('random_split_range.1: must be within [0, 1]');
    expect(r.stderr).toContain('accounts: needs three accounts (A, B, C), got 2');
    expect(runCli(['run', 'tri-hedge-hold', '--config', file, '--on-restart', 'later'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--on-restart') });
    expect(runCli(['run', 'grid', '--config', file])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown strategy "grid"') });
    expect(runCli(['run', 'tri-hedge-hold'], { TRI_HEDGE_CONFIG: '' })).toMatchObject({ code: 2, stderr: expect.stringContaining('TRI_HEDGE_CONFIG') });
  });

  it('runs the original config on paper accounts to the end, then lists and shows the run', () => {
    const data = join(dir.path, 'data');
    const config = {
      base_url: 'https://mainnet.zklighter.elliot.ai',
      telegram_bot_token: 'YOUR_BOT_TOKEN',
      ...fastConfig({ primary_time_in_force: 'IOC', entry_price_offset_bps: -10, exit_price_offset_bps: -10 }),
      accounts: ACCOUNTS,
    };
    const file = write(config);
    const r = runCli(['run', 'tri-hedge-hold', '--paper', '--data-dir', data], { TRI_HEDGE_CONFIG: file });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('created paper Lighter account "Maker"');
    expect(r.stdout).toContain('Telegram notifications off');
    expect(r.stdout).toMatch(/^round 1\/1$/m);
    expect(r.stdout).toMatch(/^A Maker\s+ETH\s+entering \[/m);
    expect(r.stdout).toMatch(/A Maker: holding → exiting/);
    const runId = /run (run_[a-z2-7]{12}) stopped: run_once/.exec(r.stdout)?.[1];
    expect(runId, r.stdout.slice(-2000)).toBeDefined();
    expect(r.stdout).toMatch(/symbol\s+fills\s+volume USDC\s+maker\s+taker/);
    expect(r.stdout).toMatch(/^total\s+\d+\s+\d+\.\d\d/m);

    const list = runCli(['runs', 'list', '--data-dir', data]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${runId}\\s+tri-hedge-hold\\s+stopped\\s`, 'm'));
    const show = runCli(['runs', 'show', runId!, '--data-dir', data]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`run ${runId} (tri-hedge-hold) stopped`);
    expect(show.stdout).toMatch(/A Maker\s+entering → holding/);
    expect(show.stdout).toMatch(/^total\s+\d+/m);
    const json = JSON.parse(runCli(['runs', 'show', runId!, '--data-dir', data, '--json']).stdout) as { status: string; config: { accounts: object[] } };
    expect(json.status).toBe('stopped');
    expect(JSON.stringify(json.config)).not.toContain('api_private_key');
    expect(runCli(['runs', 'show', 'run_nope', '--data-dir', data])).toMatchObject({ code: 1, stderr: expect.stringContaining('no run with id run_nope') });
  }, 60_000);
});
