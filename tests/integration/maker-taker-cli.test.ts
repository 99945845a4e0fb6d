/**
 * `hedgedesk run maker-taker-hedge` as a user runs it: a real child process,
 * its own data directory, paper accounts; B-only mode against a real
 * redis-server, fed one fill the way the original A script publishes it, then
 * stopped with Ctrl+C (SIGINT).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A_FILLED_CHANNEL } from '../../src/main/core/strategies/maker-taker-hedge/fill-message';
import { HEDGEDESK_BIN, runCli } from '../helpers/cli';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { tempDir } from '../helpers/temp-dir';
import { until } from './maker-taker-harness';

describe('hedgedesk run maker-taker-hedge', () => {
  let dir: ReturnType<typeof tempDir>;
  let redis: RedisServer | null = null;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await redis?.stop();
    redis = null;
    dir.remove();
  });

  it('rejects bad flags, naming each field', () => {
    const data = join(dir.path, 'data');
    const bad = runCli(['run', 'maker-taker-hedge', '--market', 'ETH', '--quantity', '12.5', '--depth', '0', '--mode', 'b', '--paper', '--data-dir', data]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('quantity: 12.5 is not a whole venue base amount');
    expect(bad.stderr).toContain('depth: must be at least 1 (1 = best bid)');
    expect(bad.stderr).toContain('redis_url: B-only mode hedges the fills of an A elsewhere');
    const unknown = runCli(['run', 'maker-taker-hedge', '--market', 'NOPE', '--quantity', '100', '--paper', '--data-dir', data]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('market: unknown market "NOPE"');
  }, 60_000);

  it('B-only on paper hedges a fill published on Redis, then stops on Ctrl+C reporting its residual position', async () => {
    redis = await startRedisServer();
    const child = spawn(process.execPath, [HEDGEDESK_BIN, 'run', 'maker-taker-hedge', '--market', 'ETH', '--mode', 'b', '--redis', redis.url, '--paper', '--data-dir', join(dir.path, 'data')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const pub = new Redis(redis.url);
    try {
      await until(() => /run run_\w+ started: B "Taker B"/.test(stdout) && stdout.includes('redis up'), `the run to start (${stdout}${stderr})`, 30_000);
      await pub.publish(A_FILLED_CHANNEL, JSON.stringify({ account_index: 280459, market_index: 0, order_index: 7, filled_base_amount: '0.01', filled_quote_amount: '30', avg_price: '3000', timestamp: 1761215567, side: 'buy' }));
      await until(() => stdout.includes('B -0.01 (hedges 1, retries 0) ETH'), `the hedge (${stdout})`, 20_000);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      pub.disconnect();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    expect(stdout).toContain('created paper Lighter account "Taker B"');
    expect(stdout).toContain('residual positions: B Taker B: -0.01 ETH');
    expect(stdout).toMatch(/run run_\w+ stopped: stopped from the terminal/);
  }, 60_000);
});
