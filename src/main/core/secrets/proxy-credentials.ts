import type { Database } from 'better-sqlite3';
import type { Logger } from '../log/logger';
import type { SettingsRepository } from '../store/settings-repository';
import type { SecretRef, SecretStore } from './secret-store';

/**
 * Keychain entry of the settings proxy's credentials, `user:password`
 * (decoded, the password may contain `:`): `app:proxyCredentials`. The
 * `proxyUrl` setting keeps only the URL without them.
 */
export const PROXY_CREDENTIALS_REF: SecretRef = { accountId: 'app', field: 'proxyCredentials' };

/** Reads the settings proxy's credentials (`user:password`) at connection time; null when none are stored. */
export type ProxyCredentialsSource = () => Promise<string | null>;

/**
 * Splits a proxy URL typed by the user into the URL without credentials (what
 * SQLite keeps) and its `user:password`, decoded (what the keychain keeps).
 * A value that is not a URL is returned as it is, with no credentials (the
 * settings schema and the dispatcher report it).
 */
export function splitProxyCredentials(value: string): { url: string; credentials: string | null } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { url: value, credentials: null };
  }
  if (!url.username && !url.password) return { url: value, credentials: null };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  // Keep the user's form: no trailing slash added to a bare origin.
  return { url: value.trim().endsWith('/') ? url.href : url.href.replace(/\/$/, ''), credentials };
}

/**
 * The proxy URL with `credentials` (`user:password`) put back as its user
 * info, percent-encoded; for the in-memory agents only, never stored. A URL
 * that already carries credentials keeps them.
 */
export function withProxyCredentials(proxyUrl: string, credentials: string | null): string {
  if (!credentials) return proxyUrl;
  const url = new URL(proxyUrl);
  if (url.username || url.password) return proxyUrl;
  const at = credentials.indexOf(':');
  url.username = encodeURIComponent(at < 0 ? credentials : credentials.slice(0, at));
  url.password = encodeURIComponent(at < 0 ? '' : credentials.slice(at + 1));
  return url.href;
}

/** A {@link ProxyCredentialsSource} reading {@link PROXY_CREDENTIALS_REF}; a keychain failure reads as "none", with a warning. */
export function keychainProxyCredentials(secrets: SecretStore, logger: Logger): ProxyCredentialsSource {
  return async () => {
    try {
      return await secrets.get(PROXY_CREDENTIALS_REF);
    } catch (err) {
      logger.warn({ component: 'network' }, `proxy credentials unavailable, connecting without them: ${(err as Error).message}`);
      return null;
    }
  };
}

/**
 * Moves credentials out of a stored `proxyUrl` (written by an older HedgeDesk
 * or another tool) into the keychain, then rewrites the setting without them.
 * The old row is overwritten with `secure_delete` and the WAL truncated, so the
 * password is left neither in the database file nor in its WAL. Not a schema
 * migration: the keychain is asynchronous and may be missing, and a migration
 * runs synchronously inside a transaction; this runs at every start instead
 * and does nothing when there is nothing to move.
 * @returns true when credentials were moved.
 * @throws SecretsUnavailableError (the setting is left as it is) when the keychain cannot store them.
 */
export async function moveProxyCredentialsToKeychain(opts: { db: Database; settings: SettingsRepository; secrets: SecretStore; logger: Logger }): Promise<boolean> {
  const stored = opts.settings.get().proxyUrl;
  if (!stored) return false;
  const { url, credentials } = splitProxyCredentials(stored);
  if (credentials === null) return false;
  await opts.secrets.set(PROXY_CREDENTIALS_REF, credentials);
  scrubbedWrite(opts.db, () => opts.settings.set({ proxyUrl: url }));
  opts.logger.info({ component: 'secrets' }, 'proxy credentials moved from the settings into the keychain');
  return true;
}

/**
 * Runs a write that replaces a secret in SQLite so that no copy of the old
 * value survives: `secure_delete` zeroes the freed content, and a TRUNCATE
 * checkpoint empties the WAL, which still held the old page.
 */
export function scrubbedWrite<T>(db: Database, write: () => T): T {
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    return write();
  } finally {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
}
