/**
 * Issue 11, observation 1, as a user hits it: `hedgedesk run cross-venue-hedge
 * --paper` twice in the same data directory, each its own process. The
 * built-in simulators used to number trades from 1 in every process, so the
 * second run's fills were dropped as "duplicates" of the first run's and a
 * leg stayed naked. Now the second process restores the simulators' state:
 * every fill of both runs is in SQLite, each run's legs net to zero, and no
 * fill id of the second run was issued before. After a kill -9 in the middle
 * of a hold, the venues restored from the data directory hold exactly what
 * the fills recorded in SQLite say.
 */
import Decimal from 'decimal.js';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Account } from '../../src/shared/schemas/account';
import { systemClock } from '../../src/main/core/clock';
import { PaperLighter } from '../../src/main/core/venues/lighter/paper-lighter';
import { PaperParadex } from '../../src/main/core/venues/paradex/paper-paradex';
import { createVenueProvider } from '../../src/main/core/engine/venue-provider';
import { Redactor } from '../../src/main/core/log/redactor';
import { EnvSecretStore } from '../../src/main/core/secrets/env-secret-store';
import { startLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';
import { startParadexSim } from '../../src/main/core/sim/paradex/paradex-sim';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
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
        const net = new Map<string, Decimal>();
        for (const f of fills) {
          net.set(f.account_id, (net.get(f.account_id) ?? new Decimal(0)).add(new Decimal(f.size).mul(f.side === 'buy' ? 1 : -1)));
        }
        for (const [account, size] of net) expect(size.toString(), `${id} ${account}`).toBe('0');
      }
    } finally {
      db.close();
    }
  }, 90_000);

  it('kill -9 while a cycle holds: after the restart the venues still hold both legs, as the fills recorded say', async () => {
    const killedDir = join(dir.path, 'killed');
    const child = spawn(process.execPath, [HEDGEDESK_BIN, 'run', 'cross-venue-hedge', '--paper', '--ticker', 'ETH', '--margin', '150', '--hold-time', '600', '--data-dir', killedDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await until(() => /^cycle 1 holding/m.test(out) || child.exitCode !== null, 'cycle 1 holding', 30_000);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }

    const db = new Database(join(killedDir, 'hedgedesk.db'), { readonly: true });
    const recorded = new Map<string, string>();
    let accounts: Account[];
    try {
      for (const f of db.prepare('SELECT account_id, side, size FROM fills').all() as { account_id: string; side: string; size: string }[]) {
        const signed = new Decimal(f.size).mul(f.side === 'buy' ? 1 : -1);
        recorded.set(f.account_id, new Decimal(recorded.get(f.account_id) ?? 0).add(signed).toString());
      }
      accounts = new AccountsRepository(db).list();
    } finally {
      db.close();
    }
    const paperDir = join(killedDir, 'paper');
    const lighter = new PaperLighter({ paperDir });
    const paradex = new PaperParadex({ paperDir });
    const venues = createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger: pino({ level: 'silent' }), paper: { lighter, paradex } });
    try {
      const held = new Map<string, string>();
      for (const account of accounts) {
        const positions = await (await venues.venueFor(account)).positions();
        held.set(account.id, positions.reduce((sum, p) => sum.add(p.size), new Decimal(0)).toString());
      }
      expect([...held.values()].sort()).toEqual(['-0.05', '0.05']);
      expect(held).toEqual(recorded);
    } finally {
      await venues.close();
      await Promise.all([lighter.close(), paradex.close()]);
    }
  }, 90_000);

  it('with HEDGEDESK_PAPER_*_SIM the app trades on external simulators, which keep the legs when the app is killed', async () => {
    const token = 'drill-style-admin-token-1234';
    const lighterSim = await startLighterSim({ accounts: 0, adminToken: token });
    const paradexSim = await startParadexSim({ adminToken: token });
    const extDir = join(dir.path, 'external');
    const env = { ...process.env, HEDGEDESK_PAPER_LIGHTER_SIM: lighterSim.url, HEDGEDESK_PAPER_PARADEX_SIM: paradexSim.url, HEDGEDESK_SIM_ADMIN_TOKEN: token };
    try {
      const child = spawn(process.execPath, [HEDGEDESK_BIN, 'run', 'cross-venue-hedge', '--paper', '--ticker', 'ETH', '--margin', '150', '--hold-time', '600', '--data-dir', extDir], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      try {
        await until(() => /^cycle 1 holding/m.test(out) || child.exitCode !== null, 'cycle 1 holding', 30_000);
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      expect(out).toMatch(/^cycle 1 holding/m);
      // the venues live on: each external simulator holds its leg, short on Lighter as long as the long on Paradex
      // (0.05 ETH, or less when a thin moment of the books filled the first leg partly and the other was trimmed to it)
      const lighterLegs = lighterSim.admin.state().accounts.filter((a) => !a.sim_maker).map((a) => a.positions.map((p) => new Decimal(p.size)));
      const paradexLegs = paradexSim.admin.state().accounts.map((a) => a.positions.map((p) => new Decimal(p.size)));
      expect(lighterLegs).toHaveLength(1);
      expect(paradexLegs).toHaveLength(1);
      expect(lighterLegs[0]).toHaveLength(1);
      expect(paradexLegs[0]).toHaveLength(1);
      const leg = paradexLegs[0]![0]!;
      expect(leg.gt(0) && leg.lte('0.05')).toBe(true);
      expect(lighterLegs[0]![0]!.neg().toString()).toBe(leg.toString());
      // a restarted app finds the same simulator accounts through its paper account book
      const db = new Database(join(extDir, 'hedgedesk.db'), { readonly: true });
      const accounts = new AccountsRepository(db).list();
      db.close();
      const lighter = new PaperLighter({ paperDir: join(extDir, 'paper'), defaultSim: { url: lighterSim.url, adminToken: token } });
      const paradex = new PaperParadex({ paperDir: join(extDir, 'paper'), defaultSim: { url: paradexSim.url, adminToken: token } });
      const venues = createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger: pino({ level: 'silent' }), paper: { lighter, paradex } });
      try {
        const sizes = await Promise.all(accounts.map(async (a) => (await (await venues.venueFor(a)).positions()).map((p) => p.size.toString())));
        expect(sizes.flat().sort()).toEqual([leg.neg().toString(), leg.toString()]);
        expect(lighterSim.admin.state().accounts.filter((a) => !a.sim_maker)).toHaveLength(1);
      } finally {
        await venues.close();
      }
    } finally {
      await Promise.all([lighterSim.close(), paradexSim.close()]);
    }
  }, 90_000);
});
