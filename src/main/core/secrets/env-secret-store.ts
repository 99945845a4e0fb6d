import type { Redactor } from '../log/redactor';
import { SECRETS_FROM_ENV_VAR, SecretsUnavailableError, secretEnvVar, type SecretRef, type SecretStore } from './secret-store';

/**
 * Read-only secrets from environment variables, for headless servers without
 * a keychain, used only when the user sets {@link SECRETS_FROM_ENV_VAR}=1.
 * Variable names: {@link secretEnvVar}. Setting or deleting a secret throws:
 * the user changes the environment and restarts.
 */
export class EnvSecretStore implements SecretStore {
  readonly backend = 'env' as const;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly redactor: Redactor,
  ) {
    for (const [name, value] of Object.entries(env)) {
      if (name.startsWith('HEDGEDESK_SECRET_') && value) redactor.remember(value);
    }
  }

  private readOnly(ref: SecretRef): SecretsUnavailableError {
    return new SecretsUnavailableError(
      `Secrets come from environment variables (${SECRETS_FROM_ENV_VAR}=1), so they cannot be changed from the app: ` +
        `set ${secretEnvVar(ref)} in the server's environment and restart it.`,
    );
  }

  set(ref: SecretRef): Promise<void> {
    return Promise.reject(this.readOnly(ref));
  }

  get(ref: SecretRef): Promise<string | null> {
    const v = this.env[secretEnvVar(ref)];
    if (!v) return Promise.resolve(null);
    this.redactor.remember(v);
    return Promise.resolve(v);
  }

  delete(ref: SecretRef): Promise<boolean> {
    return Promise.reject(this.readOnly(ref));
  }

  async has(ref: SecretRef): Promise<boolean> {
    return (await this.get(ref)) !== null;
  }

  probe(): Promise<string | null> {
    return Promise.resolve(null);
  }
}

/** True when the user opted in to environment secrets (`HEDGEDESK_SECRETS_FROM_ENV=1`). */
export function secretsFromEnvEnabled(env: NodeJS.ProcessEnv): boolean {
  return env[SECRETS_FROM_ENV_VAR] === '1' || env[SECRETS_FROM_ENV_VAR] === 'true';
}
