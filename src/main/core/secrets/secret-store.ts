import type { SecretsBackend } from '../../../shared/schemas/secrets';

/** Names one secret: keychain account `<accountId>:<field>` under service `hedgedesk`. */
export interface SecretRef {
  accountId: string;
  field: string;
}

/** The keychain service name every HedgeDesk secret is stored under. */
export const KEYCHAIN_SERVICE = 'hedgedesk';

/** The opt-in variable that lets a headless server read secrets from the environment. */
export const SECRETS_FROM_ENV_VAR = 'HEDGEDESK_SECRETS_FROM_ENV';

/** Keychain account name of a secret: `<accountId>:<field>`. */
export function keychainAccount(ref: SecretRef): string {
  return `${ref.accountId}:${ref.field}`;
}

/**
 * Environment variable that carries a secret when {@link SECRETS_FROM_ENV_VAR}=1:
 * `HEDGEDESK_SECRET_<ACCOUNTID>_<FIELD>`, upper-cased, e.g.
 * `HEDGEDESK_SECRET_ACC_0123456789AB_APIPRIVATEKEY`.
 */
export function secretEnvVar(ref: SecretRef): string {
  const part = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `HEDGEDESK_SECRET_${part(ref.accountId)}_${part(ref.field)}`;
}

/** The keychain cannot be used; the message says why and how to opt in to env secrets. */
export class SecretsUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretsUnavailableError';
  }
}

/**
 * Where secrets are kept. Core code reads with `get` (venue clients signing
 * requests); nothing that serves the renderer ever returns a value.
 * Every method throws {@link SecretsUnavailableError} when the backend cannot be reached.
 */
export interface SecretStore {
  readonly backend: SecretsBackend;
  /** Stores or replaces a secret. */
  set(ref: SecretRef, value: string): Promise<void>;
  /** The secret, or null when not stored. For core use only. */
  get(ref: SecretRef): Promise<string | null>;
  /** Deletes a secret; true when one was deleted. */
  delete(ref: SecretRef): Promise<boolean>;
  /** Whether a secret is stored. */
  has(ref: SecretRef): Promise<boolean>;
  /** Checks the backend works; resolves to null when it does, else the problem. */
  probe(): Promise<string | null>;
}
