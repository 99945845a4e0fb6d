import { keychainAccount, type SecretRef, type SecretStore } from '../../secrets/secret-store';

/** A Map-backed {@link SecretStore} for unit tests; `failWith` makes every call throw (keychain unusable). */
export class FakeSecretStore implements SecretStore {
  readonly backend = 'keychain' as const;
  private readonly values = new Map<string, string>();
  /** When set, every method rejects with it. */
  failWith: Error | null = null;

  set(ref: SecretRef, value: string): Promise<void> {
    return this.run(() => {
      this.values.set(keychainAccount(ref), value);
    });
  }

  get(ref: SecretRef): Promise<string | null> {
    return this.run(() => this.values.get(keychainAccount(ref)) ?? null);
  }

  delete(ref: SecretRef): Promise<boolean> {
    return this.run(() => this.values.delete(keychainAccount(ref)));
  }

  has(ref: SecretRef): Promise<boolean> {
    return this.run(() => this.values.has(keychainAccount(ref)));
  }

  probe(): Promise<string | null> {
    return Promise.resolve(this.failWith?.message ?? null);
  }

  private run<T>(fn: () => T): Promise<T> {
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve(fn());
  }
}
