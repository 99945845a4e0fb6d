import type { Database } from 'better-sqlite3';

/**
 * One numbered schema step. `version` is the `PRAGMA user_version` after it
 * runs; versions increase from 1 (a number reserved by a change that has not merged yet may be missing). `up` runs inside the migration
 * transaction and must not commit on its own.
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}
