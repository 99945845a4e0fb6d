import type { Migration } from './migration';

/**
 * Every order a run placed and every fill it received, written before the
 * strategy acts on them. A fill is unique per (venue, account, fill id), so
 * a fill delivered twice (another channel, a replay after a reconnect) is
 * stored — and acted on — once. Prices, sizes and fees are decimal strings
 * (USDC, base units); `venue_time` is the venue's timestamp, `recorded_at`
 * the engine clock's (Unix ms).
 */
export const migration004: Migration = {
  version: 4,
  name: 'orders and fills',
  up: (db) => {
    db.exec(`
      CREATE TABLE orders (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id          TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        venue           TEXT NOT NULL,
        account_id      TEXT NOT NULL,
        client_order_id TEXT NOT NULL,
        venue_order_id  TEXT,
        purpose         TEXT NOT NULL,
        symbol          TEXT NOT NULL,
        side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        type            TEXT NOT NULL CHECK (type IN ('limit', 'market')),
        time_in_force   TEXT NOT NULL,
        reduce_only     INTEGER NOT NULL,
        price           TEXT NOT NULL,
        size            TEXT NOT NULL,
        filled_size     TEXT NOT NULL DEFAULT '0',
        avg_fill_price  TEXT,
        status          TEXT NOT NULL,
        rejection       TEXT,
        error           TEXT,
        tx_id           TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        UNIQUE (venue, account_id, client_order_id)
      ) STRICT;
      CREATE INDEX orders_run ON orders (run_id, id);
      CREATE INDEX orders_venue_order ON orders (venue, account_id, venue_order_id);
      CREATE TABLE fills (
        venue           TEXT NOT NULL,
        account_id      TEXT NOT NULL,
        fill_id         TEXT NOT NULL,
        run_id          TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        symbol          TEXT NOT NULL,
        venue_order_id  TEXT NOT NULL,
        client_order_id TEXT,
        purpose         TEXT NOT NULL,
        side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        price           TEXT NOT NULL,
        size            TEXT NOT NULL,
        fee             TEXT NOT NULL,
        liquidity       TEXT NOT NULL CHECK (liquidity IN ('maker', 'taker')),
        venue_time      INTEGER NOT NULL,
        recorded_at     INTEGER NOT NULL,
        PRIMARY KEY (venue, account_id, fill_id)
      ) STRICT;
      CREATE INDEX fills_run ON fills (run_id, recorded_at);
    `);
  },
};
