import { describe, expect, it } from 'vitest';
import { Redactor } from '../log/redactor';
import { EnvSecretStore, secretsFromEnvEnabled } from './env-secret-store';
import { SecretsUnavailableError, secretEnvVar } from './secret-store';

describe('EnvSecretStore (opt-in secrets from environment variables)', () => {
  const ref = { accountId: 'acc_0123456789ab', field: 'apiPrivateKey' };

  it('names variables HEDGEDESK_SECRET_<ACCOUNT>_<FIELD>', () => {
    expect(secretEnvVar(ref)).toBe('HEDGEDESK_SECRET_ACC_0123456789AB_APIPRIVATEKEY');
  });

  it('is enabled only by HEDGEDESK_SECRETS_FROM_ENV=1 (or true)', () => {
    expect(secretsFromEnvEnabled({})).toBe(false);
    expect(secretsFromEnvEnabled({ HEDGEDESK_SECRETS_FROM_ENV: '0' })).toBe(false);
    expect(secretsFromEnvEnabled({ HEDGEDESK_SECRETS_FROM_ENV: '1' })).toBe(true);
    expect(secretsFromEnvEnabled({ HEDGEDESK_SECRETS_FROM_ENV: 'true' })).toBe(true);
  });

  it('reads secrets, redacts them from logs, and refuses to change them', async () => {
    const redactor = new Redactor();
    const env: NodeJS.ProcessEnv = { HEDGEDESK_SECRET_ACC_0123456789AB_APIPRIVATEKEY: 'env-secret-value-1' };
    const store = new EnvSecretStore(env, redactor);
    expect(await store.get(ref)).toBe('env-secret-value-1');
    expect(await store.has({ ...ref, field: 'other' })).toBe(false);
    expect(redactor.scrub('x env-secret-value-1 y')).toBe('x [REDACTED] y');
    await expect(store.set(ref)).rejects.toBeInstanceOf(SecretsUnavailableError);
    await expect(store.delete(ref)).rejects.toThrow(/set HEDGEDESK_SECRET_ACC_0123456789AB_APIPRIVATEKEY in the server's environment/);
    env.HEDGEDESK_SECRET_ACC_0123456789AB_L2PRIVATEKEY = 'late-added-value';
    expect(await store.get({ ...ref, field: 'l2PrivateKey' })).toBe('late-added-value');
    expect(redactor.scrub('late-added-value')).toBe('[REDACTED]');
    expect(await store.probe()).toBeNull();
  });
});
