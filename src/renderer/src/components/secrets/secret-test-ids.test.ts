import { describe, expect, it } from 'vitest';
import { accountSecretTestIds, prefixedSecretTestIds } from './secret-test-ids';

describe('secret test ids', () => {
  it('name an account secret field by its key', () => {
    expect(accountSecretTestIds('apiPrivateKey')).toEqual({
      status: 'secret-status-apiPrivateKey',
      input: 'secret-input-apiPrivateKey',
      save: 'secret-save-apiPrivateKey',
      delete: 'secret-delete-apiPrivateKey',
      env: 'secret-env-apiPrivateKey',
    });
  });

  it('give the input the bare prefix and suffix the others', () => {
    expect(prefixedSecretTestIds('settings-telegram-token')).toEqual({
      status: 'settings-telegram-token-status',
      input: 'settings-telegram-token',
      save: 'settings-telegram-token-save',
      delete: 'settings-telegram-token-delete',
      env: 'settings-telegram-token-env',
    });
  });
});
