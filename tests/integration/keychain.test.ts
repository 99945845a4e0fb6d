import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../src/main/core/log/redactor';
import { KeytarSecretStore } from '../../src/main/core/secrets/keytar-secret-store';
import { clearKeychainService, readKeychain } from '../helpers/keychain';
import { tempDir } from '../helpers/temp-dir';

const service = `hedgedesk-test-${randomBytes(4).toString('hex')}`;

describe('KeytarSecretStore against the real OS keychain', () => {
  afterAll(() => clearKeychainService(service));

  it('sets, replaces, reads, reports and deletes secrets under <accountId>:<field>', async () => {
    const redactor = new Redactor();
    const store = new KeytarSecretStore(redactor, service);
    const ref = { accountId: 'acc_aaaaaaaaaaaa', field: 'apiSecret' };
    expect(await store.probe()).toBeNull();
    expect(await store.has(ref)).toBe(false);
    await store.set(ref, 'first-value-123');
    await store.set(ref, 'second-value-456');
    expect(await readKeychain(service, 'acc_aaaaaaaaaaaa:apiSecret')).toBe('second-value-456');
    expect(await store.get(ref)).toBe('second-value-456');
    expect(await store.has(ref)).toBe(true);
    expect(redactor.scrub('a first-value-123 b second-value-456')).toBe('a [REDACTED] b [REDACTED]');
    expect(await store.delete(ref)).toBe(true);
    expect(await store.delete(ref)).toBe(false);
    expect(await store.get(ref)).toBeNull();
  });

  it('without a Secret Service, says so and how to opt in, and changes nothing', () => {
    const dir = tempDir();
    const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', join(__dirname, '../fixtures/core-without-keychain.ts'), dir.path], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/hedgedesk-test-bus', HEDGEDESK_SECRETS_FROM_ENV: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    dir.remove();
    const r = JSON.parse(out) as Record<string, { ok: boolean; data?: unknown; error?: { code: string; message: string } }>;
    const info = r.info!.data as { secrets: { available: boolean; problem: string } };
    expect(info.secrets.available).toBe(false);
    expect(info.secrets.problem).toMatch(/keychain is not available.*HEDGEDESK_SECRETS_FROM_ENV=1/);
    for (const res of [r.set, r.del]) {
      expect(res!.ok).toBe(false);
      expect(res!.error!.code).toBe('SECRETS_UNAVAILABLE');
      expect(res!.error!.message).toMatch(/HEDGEDESK_SECRET_<ACCOUNT_ID>_<FIELD>/);
    }
    expect((r.list!.data as unknown[]).length).toBe(1);
  });
});
