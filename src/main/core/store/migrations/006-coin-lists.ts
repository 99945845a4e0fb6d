import type { Migration } from './migration';

/**
 * Coin lists: named lists of symbols for one venue (name unique, any case)
 * and, per coin in list order, its overrides of a strategy's defaults —
 * target notional and slice notional (USDC decimal strings) or slice count,
 * hold minutes; NULL means "the strategy's default". A coin appears once per
 * list, and never with both a slice notional and a slice count.
 */
export const migration006: Migration = {
  version: 6,
  name: 'coin lists',
  up: (db) => {
    db.exec(`
      CREATE TABLE coin_lists (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        venue      TEXT NOT NULL CHECK (venue IN ('lighter', 'paradex', 'backpack', 'aster')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX coin_lists_name ON coin_lists (name COLLATE NOCASE);
      CREATE TABLE coin_list_coins (
        list_id         TEXT NOT NULL REFERENCES coin_lists (id) ON DELETE CASCADE,
        position        INTEGER NOT NULL,
        symbol          TEXT NOT NULL,
        target_notional TEXT,
        slice_notional  TEXT,
        slice_count     INTEGER CHECK (slice_count IS NULL OR slice_count >= 1),
        hold_minutes    REAL CHECK (hold_minutes IS NULL OR hold_minutes >= 0),
        PRIMARY KEY (list_id, position),
        UNIQUE (list_id, symbol),
        CHECK (slice_notional IS NULL OR slice_count IS NULL)
      ) STRICT;
    `);
  },
};
