import type { Migration } from './migration';

/** Venue accounts. Secrets are not here: they live in the OS keychain. */
export const migration002: Migration = {
  version: 2,
  name: 'accounts',
  up: (db) => {
    db.exec(`
      CREATE TABLE accounts (
        id          TEXT PRIMARY KEY,
        venue       TEXT NOT NULL CHECK (venue IN ('lighter', 'paradex', 'backpack', 'aster')),
        label       TEXT NOT NULL,
        mode        TEXT NOT NULL CHECK (mode IN ('paper', 'live')),
        identifiers TEXT NOT NULL DEFAULT '{}',
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX accounts_label ON accounts (label COLLATE NOCASE);
    `);
  },
};
