import type { Migration } from './migration';

/**
 * What a run needs to reopen its venues and reconcile after a restart:
 * - `venue_settings`: per account id, the venue settings the account's
 *   client was opened with when the run started (base URL, chain id, rate
 *   tier, signer folder…; JSON object keyed by account id, see
 *   engine/account-venue-settings.ts). Resume and flatten reopen the
 *   venues with exactly these, never with defaults (issue 11, obs. 3).
 * - `baseline_positions`: per account id, the signed positions (base units,
 *   decimal strings) of the run's symbols the venue reported when the run
 *   first started. Reconciliation compares the venue's positions with
 *   baseline + Σ the run's recorded fills.
 */
export const migration007: Migration = {
  version: 7,
  name: 'run venue settings and baseline positions',
  up: (db) => {
    db.exec(`
      ALTER TABLE runs ADD COLUMN venue_settings TEXT;
      ALTER TABLE runs ADD COLUMN baseline_positions TEXT;
    `);
  },
};
