import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';
import { StoreError } from './store-error';

/** An open HedgeDesk database and the schema version it is at. */
export interface OpenDatabase {
  db: Database;
  path: string;
  schemaVersion: number;
  /** Versions applied by this open, e.g. `[2]` after upgrading a version-1 file. */
  applied: number[];
}

const SQLITE_NOT_A_DB = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function corrupt(path: string, detail: string, cause?: unknown): StoreError {
  return new StoreError(
    'CORRUPT',
    `The HedgeDesk database ${path} is damaged or is not a SQLite database (${detail}). ` +
      'It was left untouched. Restore it from a backup, or move it away to start with an empty one.',
    { cause },
  );
}

/**
 * Opens (creating if needed) the database at `path`, switches it to WAL mode,
 * checks it and applies pending migrations in one transaction.
 *
 * @param migrations the migration list (tests pass a shorter one to build older schemas).
 * @throws StoreError `CORRUPT` for a damaged or foreign file, `NEWER_SCHEMA` for a
 *   file from a newer HedgeDesk, `MIGRATION_FAILED` when a step throws (rolled back).
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    let version: number;
    try {
      const check = db.pragma('quick_check(1)', { simple: true });
      if (check !== 'ok') throw corrupt(path, `quick_check: ${String(check)}`);
      version = Number(db.pragma('user_version', { simple: true }));
    } catch (err) {
      if (err instanceof StoreError) throw err;
      const code = (err as { code?: string }).code ?? '';
      if (SQLITE_NOT_A_DB.has(code)) throw corrupt(path, (err as Error).message, err);
      throw err;
    }
    const latest = migrations.at(-1)?.version ?? 0;
    if (version > latest) {
      throw new StoreError(
        'NEWER_SCHEMA',
        `The HedgeDesk database ${path} has schema version ${version}, newer than this app's ${latest}. ` +
          'It was written by a newer HedgeDesk; update the app. The file was left untouched.',
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const pending = migrations.filter((m) => m.version > version);
    if (pending.length > 0) {
      const apply = db.transaction(() => {
        for (const m of pending) {
          try {
            m.up(db);
          } catch (err) {
            throw new StoreError(
              'MIGRATION_FAILED',
              `Migration ${m.version} (${m.name}) failed on ${path}: ${(err as Error).message}. Nothing was changed.`,
              { cause: err },
            );
          }
        }
        db.pragma(`user_version = ${latest}`);
      });
      apply();
    }
    return { db, path, schemaVersion: latest, applied: pending.map((m) => m.version) };
  } catch (err) {
    db.close();
    throw err;
  }
}

export { LATEST_SCHEMA_VERSION };
