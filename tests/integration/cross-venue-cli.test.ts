/**
 * `hedgedesk run cross-venue-hedge` as a user runs it: a real child process
 * with its own data directory, a JSON config naming two paper Lighter
 * accounts, the original env-style settings and flags on top; Ctrl+C
 * (SIGINT) stops it with the legs closed.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCrossVenueHedgeCommand } from '../../src/main/core/cli/run-cross-venue-hedge';
import { HEDGEDESK_BIN } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { until } from './cross-venue-harness';

describe('hedgedesk run cross-venue-hedge', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  const write = (name: string, text: string) => {
    const file = join(dir.path, name);
    writeFileSync(file, text);
    return file;
  };

  it('names every bad setting at once: config field, env line, flag; then a missing account (in process)', async () => {
    const run = (args: string[]) => runCrossVenueHedgeCommand.run([...args, '--data-dir', join(dir.path, 'data')]);
    const config = write('bad.json', JSON.stringify({ ticker: 'ETH', margin: -5, hold_tme: 3 }));
    const env = write('bad.env', 'CROSS_HEDGE_TAKE_PROFIT=lots\n');
    const bad = await run(['--config', config, '--env-file', env, '--stop-loss', 'x']).then(
      () => null,
      (err: unknown) => (err as Error).message,
    );
    expect(bad).toContain(`${env}:1 CROSS_HEDGE_TAKE_PROFIT: "lots" is not a number`);
    expect(bad).toContain('--stop-loss: "x" is not a number');
    expect(bad).toContain('margin: must be greater than 0');
    expect(bad).toContain('hold_tme: is not a known field');
    const ok = write('ok.json', JSON.stringify({ ticker: 'ETH', margin: 50 }));
    const missing = await run(['--config', ok, '--long-account', 'Nobody']).then(
      () => null,
      (err: unknown) => (err as Error).message,
    );
    expect(missing).toContain('long_account: no account "Nobody"');
    expect(missing).toContain('short_account: name the account');
  }, 30_000);

  /** Spawns `hedgedesk run cross-venue-hedge <args>`, waits for `until` in its output, sends Ctrl+C; resolves with its exit code and output. */
  async function runUntil(args: string[], pattern: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [HEDGEDESK_BIN, 'run', 'cross-venue-hedge', ...args, '--data-dir', join(dir.path, 'data')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => pattern.test(stdout) || child.exitCode !== null, String(pattern), 30_000);
      child.kill('SIGINT');
      return { code: await exited, stdout, stderr };
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }

  it('--paper alone: Paradex long on the built-in Paradex simulator, Lighter short on the Lighter one', async () => {
    const r = await runUntil(['--paper', '--ticker', 'ETH', '--margin', '150', '--hold-time', '0.5', '--cooldown', '0.2'], /^cycle 1 closed/m);
    expect(r.code, r.stderr + r.stdout.slice(-2000)).toBe(0);
    expect(r.stdout).toContain('created paper paradex account "Paper Paradex"');
    expect(r.stdout).toContain('created paper lighter account "Paper Lighter"');
    expect(r.stdout).toMatch(/^cycle 1 closed \(hold-expired\): long 0\.05 on Paper Paradex \(paradex\) [\d.]+ → [\d.]+ .* \| short 0\.05 on Paper Lighter \(lighter\)/m);
    expect(r.stdout).toMatch(/net exposure: ETH 0 /);
  }, 60_000);

  it('runs cycles from config + env file + flags on paper accounts and stops on Ctrl+C with the legs closed', async () => {
    const config = write(
      'cross.json',
      JSON.stringify({
        ticker: 'BTC',
        margin: 40,
        take_profit: 50,
        stop_loss: 50,
        cooldown: 0.2,
        long_account: { label: 'CLI long', venue: 'lighter', paper: true },
        short_account: { label: 'CLI short', venue: 'lighter', paper: true },
      }),
    );
    const env = write('.env', 'CROSS_HEDGE_MARGIN=60\nCROSS_HEDGE_POSITION_HOLD_TIME=30\nCROSS_HEDGE_REVERSE=false\nLIGHTER_API_KEY=secret\n');
    const { code, stdout, stderr } = await runUntil(['--config', config, '--env-file', env, '--ticker', 'eth', '--hold-time', '0.5', '--reverse'], /^cycle 2 holding/m);
    expect(code, stderr + stdout.slice(-2000)).toBe(0);
    expect(stdout).toContain('ignored 1 other setting(s) (LIGHTER_API_KEY)');
    expect(stdout).not.toContain('secret');
    expect(stdout).toContain('created paper lighter account "CLI long"');
    // --reverse: the long account goes short; flags beat the env file, which beats the config (ETH, 60 USDC).
    expect(stdout).toMatch(/started: short on "CLI long" \(lighter\), long on "CLI short" \(lighter\)/);
    expect(stdout).toMatch(/^cycle 1 closed \(hold-expired\): short 0\.0\d+ on CLI long \(lighter\) [\d.]+ → [\d.]+ PnL -?[\d.]+ \| long 0\.0\d+ on CLI short/m);
    expect(stdout).toMatch(/cycle 2 closed \(stop\)/);
    expect(stdout).toMatch(/stopped: stopped from the terminal \(Ctrl\+C\); legs closed/);
    expect(stdout).toMatch(/net exposure: ETH 0 /);
    expect(stdout).toMatch(/^total\s+\d+\s+\d+\.\d\d/m);
  }, 60_000);
});
