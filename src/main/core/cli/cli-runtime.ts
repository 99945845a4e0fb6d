import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import type { LogLevel } from '../../../shared/schemas/log';
import { cliDataDir } from '../data-dir';
import { LogHub } from '../log/log-hub';
import { createLogger, type AppLogger } from '../log/logger';
import { Redactor } from '../log/redactor';
import { EnvSecretStore, secretsFromEnvEnabled } from '../secrets/env-secret-store';
import { KeytarSecretStore } from '../secrets/keytar-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { AccountsRepository } from '../store/accounts-repository';
import { openDatabase } from '../store/database';

/** The core pieces a CLI command that trades needs: data dir, log, database, secrets, accounts. */
export interface CliRuntime {
  dataDir: string;
  log: AppLogger;
  redactor: Redactor;
  db: Database;
  secrets: SecretStore;
  accounts: AccountsRepository;
  /** Closes the database and flushes the log. */
  close(): Promise<void>;
}

/**
 * Opens the data directory the way `createCore` does — the log file
 * (warnings and errors also on stderr), the migrated database, the keychain
 * (or env secrets when `HEDGEDESK_SECRETS_FROM_ENV=1`) — for `hedgedesk run`
 * and `hedgedesk runs`.
 * @throws StoreError when the database is damaged or newer than this app.
 */
export function openCliRuntime(opts: { dataDir?: string; logLevel: LogLevel; env?: NodeJS.ProcessEnv }): CliRuntime {
  const env = opts.env ?? process.env;
  const dataDir = cliDataDir(opts.dataDir, env);
  const redactor = new Redactor();
  const log = createLogger({ level: opts.logLevel, redactor, hub: new LogHub(), logDir: join(dataDir, 'logs'), consoleLevel: 'warn' });
  let db: Database;
  try {
    db = openDatabase(join(dataDir, 'hedgedesk.db')).db;
  } catch (err) {
    void log.close();
    throw err;
  }
  const secrets = secretsFromEnvEnabled(env) ? new EnvSecretStore(env, redactor) : new KeytarSecretStore(redactor, env.HEDGEDESK_KEYCHAIN_SERVICE);
  return {
    dataDir,
    log,
    redactor,
    db,
    secrets,
    accounts: new AccountsRepository(db),
    close: async () => {
      db.close();
      await log.close();
    },
  };
}
