import { createRequire } from 'node:module';
import type { Redactor } from '../log/redactor';
import {
  KEYCHAIN_SERVICE,
  SECRETS_FROM_ENV_VAR,
  SecretsUnavailableError,
  keychainAccount,
  type SecretRef,
  type SecretStore,
} from './secret-store';

type Keytar = typeof import('keytar');

const HOW_TO_OPT_IN =
  `On a headless server without a keychain, set ${SECRETS_FROM_ENV_VAR}=1 and pass each secret as ` +
  'HEDGEDESK_SECRET_<ACCOUNT_ID>_<FIELD> (upper case; see README "Secrets"). On Linux desktops install and unlock ' +
  'a Secret Service such as gnome-keyring.';

/**
 * Secrets in the OS keychain through keytar (macOS Keychain, Windows Credential
 * Manager, libsecret / Secret Service on Linux), service `hedgedesk`, account
 * `<accountId>:<field>`. Every value read or written is handed to the log
 * redactor so it can never appear in a log line.
 */
export class KeytarSecretStore implements SecretStore {
  readonly backend = 'keychain' as const;
  private keytar: Keytar | undefined;

  constructor(
    private readonly redactor: Redactor,
    private readonly service: string = KEYCHAIN_SERVICE,
  ) {}

  private load(): Keytar {
    if (this.keytar) return this.keytar;
    try {
      const require = createRequire(__filename);
      this.keytar = require('keytar') as Keytar;
      return this.keytar;
    } catch (err) {
      throw new SecretsUnavailableError(`The OS keychain module (keytar) could not be loaded: ${(err as Error).message}. ${HOW_TO_OPT_IN}`, {
        cause: err,
      });
    }
  }

  private async call<T>(op: (k: Keytar) => Promise<T>): Promise<T> {
    const keytar = this.load();
    try {
      return await op(keytar);
    } catch (err) {
      throw new SecretsUnavailableError(`The OS keychain is not available: ${(err as Error).message}. ${HOW_TO_OPT_IN}`, { cause: err });
    }
  }

  async set(ref: SecretRef, value: string): Promise<void> {
    this.redactor.remember(value);
    await this.call((k) => k.setPassword(this.service, keychainAccount(ref), value));
  }

  async get(ref: SecretRef): Promise<string | null> {
    const value = await this.call((k) => k.getPassword(this.service, keychainAccount(ref)));
    if (value !== null) this.redactor.remember(value);
    return value;
  }

  async delete(ref: SecretRef): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, keychainAccount(ref)));
  }

  async has(ref: SecretRef): Promise<boolean> {
    return (await this.get(ref)) !== null;
  }

  async probe(): Promise<string | null> {
    try {
      await this.call((k) => k.findCredentials(this.service));
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }
}
