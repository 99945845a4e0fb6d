import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/store/database';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

describe('hedgedesk command line', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('--help lists the subcommands, the remote opt-in and the env-secrets opt-in', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+serve\s/m);
    expect(r.stdout).toContain('--allow-remote');
    expect(r.stdout).toContain('HEDGEDESK_SECRETS_FROM_ENV');
  });

  it('rejects unknown commands and bad flags with exit code 2', () => {
    expect(runCli(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(runCli(['serve', '--port', 'http', '--data-dir', dir.path])).toMatchObject({ code: 2, stderr: expect.stringContaining('--port: "http" is not a port number') });
    expect(runCli(['serve', '--colour'])).toMatchObject({ code: 2 });
  });

  it('refuses a non-loopback host unless --allow-remote is given', () => {
    const r = runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dir.path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0.*--allow-remote/);
  });

  it('refuses a database from a newer HedgeDesk and leaves it untouched', () => {
    const file = join(dir.path, 'hedgedesk.db');
    openDatabase(file).db.close();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 99');
    raw.close();
    const hash = () => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = hash();
    const r = runCli(['serve', '--port', '0', '--data-dir', dir.path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has schema version 99, newer than this app');
    expect(hash()).toBe(before);
  });
});
