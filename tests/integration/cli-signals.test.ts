/**
 * `hedgedesk run … | tee log`, then Ctrl+C (or the terminal closing, or a
 * service manager's SIGTERM): the shell signals the whole pipeline, so the
 * reader of stdout is gone by the time the run prints its stop. The run must
 * still finish its stop — open orders cancelled, status `stopped`, the summary
 * in the log file — and exit without a crash.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEDGEDESK_BIN, runCli } from '../helpers/cli';
import { HOLDING_TRI_HEDGE_CONFIG } from '../helpers/run-configs';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

const ACCOUNTS = ['Maker', 'Hedge-A', 'Hedge-B'].map((label, i) => ({ label, api_private_key: '...', account_address: `0x${String(i + 1).repeat(40)}` }));

describe('hedgedesk run stops cleanly on a signal whatever its stdout is', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  /** Starts a holding tri-hedge run on paper; resolves once it has started and placed its first slice. */
  async function startRun(): Promise<{ child: ChildProcess; stdout: () => string; stderr: () => string; data: string }> {
    const data = join(dir.path, 'data');
    const file = join(dir.path, 'tri_hedge.json');
    writeFileSync(file, JSON.stringify({ ...HOLDING_TRI_HEDGE_CONFIG, accounts: ACCOUNTS }));
    const child = spawn(process.execPath, [HEDGEDESK_BIN, 'run', 'tri-hedge-hold', '--config', file, '--paper', '--on-restart', 'flatten', '--data-dir', data], {
      env: { ...process.env, HEDGEDESK_DEMO_WORKSPACE: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    await until(() => /entering \[/.test(out) || child.exitCode !== null, 'the run to start entering', 30_000);
    expect(child.exitCode, err).toBeNull();
    return { child, stdout: () => out, stderr: () => err, data };
  }

  function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  function runStatus(data: string): { status: string; id: string } {
    const list = JSON.parse(runCli(['runs', 'list', '--data-dir', data, '--json']).stdout) as { id: string; status: string }[];
    expect(list).toHaveLength(1);
    return list[0]!;
  }

  it.each(['SIGINT', 'SIGHUP'] as const)('%s with stdout and stderr closed (the tee died first): stops the run, summary in the log, exit 0', async (signal) => {
    const run = await startRun();
    // The reader of the pipe is gone: every later write of the child gets EPIPE.
    run.child.stdout!.destroy();
    run.child.stderr!.destroy();
    run.child.kill(signal);
    const end = await exited(run.child);
    expect(end).toEqual({ code: 0, signal: null });
    const { id, status } = runStatus(run.data);
    expect(status).toBe('stopped');
    const log = readFileSync(join(run.data, 'logs', 'hedgedesk.log'), 'utf8');
    expect(log).toContain(`run ${id} stopped`);
    expect(log).toMatch(/symbol\s+fills\s+volume USDC/);
    // The run placed orders, and none is left resting or in flight.
    const db = new Database(join(run.data, 'hedgedesk.db'), { readonly: true });
    try {
      const statuses = (db.prepare('SELECT status FROM orders WHERE run_id = ?').all(id) as { status: string }[]).map((o) => o.status);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((st) => ['pending', 'open', 'partially_filled', 'submitting'].includes(st))).toEqual([]);
    } finally {
      db.close();
    }
  }, 60_000);

  it('SIGTERM with stdout still open: prints the summary there too', async () => {
    const run = await startRun();
    run.child.kill('SIGTERM');
    const end = await exited(run.child);
    expect(end, run.stderr()).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toMatch(/run run_[a-z2-7]{12} stopped: stopped by SIGTERM/);
    expect(run.stdout()).toMatch(/symbol\s+fills\s+volume USDC/);
    expect(runStatus(run.data).status).toBe('stopped');
  }, 60_000);
});
