/**
 * Issue 11, observation 1, as a user hits it: `hedgedesk run cross-venue-hedge
 * --paper` twice in the same data directory, each its own process. The
 * built-in simulators used to number trades from 1 in every process, so the
 * second run's fills were dropped as "duplicates" of the first run's and a
 * leg stayed naked. Now the second process restores the simulators' state:
 * every fill of both runs is in SQLite, each run's legs net to zero, and no
 * fill id of the second run was issued before.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEDGEDESK_BIN } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

describe('a second paper run in the same data directory', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const dataDir = join(dir.path, 'data');

  /** Runs one cross-venue cycle in its own process, then Ctrl+C. */
  async function oneCycle(): Promise<string> {
    const child = spawn(process.execPath, [HEDGEDESK_BIN, 'run', 'cross-venue-hedge', '--paper', '--ticker', 'ETH', '--margin', '150', '--hold-time', '0.3', '--cooldown', '0.2', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => /^cycle 1 closed/m.test(out) || child.exitCode !== null, 'cycle 1 closed', 30_000);
      child.kill('SIGINT');
      expect(await exited, out.slice(-2000)).toBe(0);
      return out;
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }

  it('records every fill of both runs; each run ends flat on both venues', async () => {
    const first = await oneCycle();
    const second = await oneCycle();
    expect(second).not.toContain('created paper'); // the same paper accounts, on their restored simulator accounts
    expect(second).toMatch(/^cycle 1 closed \(hold-expired\): long 0\.05 on Paper Paradex/m);
    for (const out of [first, second]) expect(out).toMatch(/net exposure: ETH 0 /);

    const db = new Database(join(dataDir, 'hedgedesk.db'), { readonly: true });
    try {
      const runs = db.prepare('SELECT id FROM runs ORDER BY created_at').all() as { id: string }[];
      expect(runs).toHaveLength(2);
      for (const { id } of runs) {
        const fills = db.prepare('SELECT account_id, side, size FROM fills WHERE run_id = ?').all(id) as { account_id: string; side: string; size: string }[];
        expect(fills.length).toBeGreaterThanOrEqual(4); // open and close, both legs
        const net = new Map<string, number>();
        for (const f of fills) {
          net.set(f.account_id, (net.get(f.account_id) ?? 0) + (f.side === 'buy' ? 1 : -1) * Number(f.size));
        }
        for (const [account, size] of net) expect(Math.abs(size), `${id} ${account}`).toBeLessThan(1e-9);
      }
    } finally {
      db.close();
    }
  }, 90_000);
});
