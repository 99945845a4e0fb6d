/**
 * Why the database cannot be used. The file is never reset or rewritten when
 * one of these is thrown.
 * - `CORRUPT`: not a SQLite database, or it fails SQLite's quick_check.
 * - `NEWER_SCHEMA`: written by a newer HedgeDesk (its schema version is above ours).
 * - `MIGRATION_FAILED`: a migration threw; the transaction was rolled back.
 */
export class StoreError extends Error {
  constructor(
    readonly code: 'CORRUPT' | 'NEWER_SCHEMA' | 'MIGRATION_FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
