import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp-dir';
import { LATEST_SCHEMA_VERSION, openDatabase } from './database';
import { MIGRATIONS } from './migrations';
import { StoreError } from './store-error';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openDatabase (real SQLite files)', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.path, 'hedgedesk.db');
  });
  afterEach(() => dir.remove());

  it('creates a new database at the latest schema in WAL mode', () => {
    const { db, schemaVersion, applied } = openDatabase(file);
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['accounts', 'coin_list_coins', 'coin_lists', 'exposure_samples', 'fills', 'orders', 'position_snapshots', 'run_transitions', 'runs', 'settings', 'sqlite_sequence']);
    db.close();
  });

  it('migrates a database from an older schema and keeps its data', () => {
    const v1 = openDatabase(file, MIGRATIONS.slice(0, 1));
    expect(v1.schemaVersion).toBe(1);
    v1.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('theme', '"dark"', 1);
    v1.db.close();

    const latest = openDatabase(file);
    expect(latest.applied).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect(latest.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(latest.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('theme')).toBe('"dark"');
    expect(latest.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
    latest.db.close();

    const again = openDatabase(file);
    expect(again.applied).toEqual([]);
    again.db.close();
  });

  it('refuses a database from a newer app and leaves the file untouched', () => {
    openDatabase(file).db.close();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 99');
    raw.close();
    const before = sha(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('NEWER_SCHEMA');
    expect((error as Error).message).toContain(`schema version 99, newer than this app's ${LATEST_SCHEMA_VERSION}`);
    expect(sha(file)).toBe(before);
  });

  it('refuses a file that is not a SQLite database and leaves it untouched', () => {
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const before = sha(file);
    expect(() => openDatabase(file)).toThrowError(expect.objectContaining({ code: 'CORRUPT', message: expect.stringMatching(/damaged or is not a SQLite database/) }));
    expect(sha(file)).toBe(before);
  });

  it('refuses a database whose pages are damaged', () => {
    const { db } = openDatabase(file);
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    for (let i = 0; i < 500; i++) insert.run(`k${i}`, JSON.stringify('x'.repeat(200)), i);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xff, 4096 * 2, 4096 * 4);
    writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrowError(expect.objectContaining({ code: 'CORRUPT' }));
  });

  it('rolls back every step when a migration fails', () => {
    const failing = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        up: (db: BetterSqlite3.Database) => {
          db.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => openDatabase(file, failing)).toThrowError(expect.objectContaining({ code: 'MIGRATION_FAILED', message: expect.stringMatching(new RegExp(`Migration ${LATEST_SCHEMA_VERSION + 1} \\(broken\\) failed.*boom`)) }));
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    raw.close();
  });
});
