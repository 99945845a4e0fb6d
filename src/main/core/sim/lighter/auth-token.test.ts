import { describe, expect, it } from 'vitest';
import { AccountRegistry } from './account-registry';
import { verifyAuthToken } from './auth-token';
import { LighterError } from './lighter-error';

describe('verifyAuthToken', () => {
  const registry = new AccountRegistry(1000);
  const account = registry.create();
  const now = 1_767_225_600_000;
  const s = now / 1000;
  const msg = (token: string | undefined) => {
    try {
      verifyAuthToken(token, registry, now);
      return 'ok';
    } catch (err) {
      expect(err).toBeInstanceOf(LighterError);
      expect((err as LighterError).code).toBe(20001);
      return (err as LighterError).message;
    }
  };

  it('accepts <deadline>:<account>:<key>:<hex> with a future deadline of an existing account', () => {
    expect(verifyAuthToken(`${s + 600}:${account.index}:4:0a1b`, registry, now)).toMatchObject({ account, apiKeyIndex: 4, deadline: s + 600 });
  });

  it('refuses missing, malformed, expired, too long-lived and unknown-account tokens', () => {
    expect(msg(undefined)).toMatch(/auth token required/);
    expect(msg(`${s + 600}:${account.index}:4`)).toMatch(/malformed/);
    expect(msg(`${s + 600}:${account.index}:4:xyz`)).toMatch(/malformed/);
    expect(msg(`${s}:${account.index}:4:ab`)).toMatch(/expired/);
    expect(msg(`${s + 9 * 3600}:${account.index}:4:ab`)).toMatch(/8 hours/);
    expect(msg(`${s + 600}:999:4:ab`)).toMatch(/unknown account/);
    expect(msg(`${s + 600}:${account.index}:255:ab`)).toMatch(/api key/);
  });
});
