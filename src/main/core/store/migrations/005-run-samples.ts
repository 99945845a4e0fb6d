import type { Migration } from './migration';

/**
 * Time series of a run: periodic position snapshots per account (as the
 * venue reported them) and net exposure samples per symbol across the run's
 * accounts (filled net size, size of hedges in flight, reference price).
 * Sizes and prices are decimal strings; `at` is Unix ms of the engine clock.
 */
export const migration005: Migration = {
  version: 5,
  name: 'run samples',
  up: (db) => {
    db.exec(`
      CREATE TABLE position_snapshots (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id         TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        account_id     TEXT NOT NULL,
        symbol         TEXT NOT NULL,
        size           TEXT NOT NULL,
        entry_price    TEXT NOT NULL,
        unrealized_pnl TEXT NOT NULL,
        at             INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX position_snapshots_run ON position_snapshots (run_id, at);
      CREATE TABLE exposure_samples (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        symbol       TEXT NOT NULL,
        net_size     TEXT NOT NULL,
        pending_size TEXT NOT NULL,
        price        TEXT NOT NULL,
        at           INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX exposure_samples_run ON exposure_samples (run_id, at);
    `);
  },
};
