import type { Migration } from './migration';

/**
 * Strategy runs and their lifecycle. `config` is the strategy configuration
 * as given, with every secret field removed; `state` is the strategy's own
 * resumable state (JSON); `summary` the run summary once it ended. Decimal
 * values are stored as decimal strings, times as Unix ms of the engine clock.
 * `run_transitions` logs every state change of the run (`scope` = `run`) and
 * of each account's strategy state machine (`scope` = the account id).
 */
export const migration003: Migration = {
  version: 3,
  name: 'runs',
  up: (db) => {
    db.exec(`
      CREATE TABLE runs (
        id          TEXT PRIMARY KEY,
        strategy    TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('starting', 'running', 'stopping', 'stopped', 'failed')),
        config      TEXT NOT NULL,
        account_ids TEXT NOT NULL,
        state       TEXT,
        risk_mode   TEXT NOT NULL DEFAULT 'normal' CHECK (risk_mode IN ('normal', 'reducing-only', 'halted')),
        stop_reason TEXT,
        error       TEXT,
        summary     TEXT,
        created_at  INTEGER NOT NULL,
        started_at  INTEGER,
        ended_at    INTEGER,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX runs_status ON runs (status);
      CREATE TABLE run_transitions (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        scope      TEXT NOT NULL,
        from_state TEXT,
        to_state   TEXT NOT NULL,
        reason     TEXT,
        at         INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX run_transitions_run ON run_transitions (run_id, id);
    `);
  },
};
