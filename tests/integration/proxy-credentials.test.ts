/**
 * An install whose `proxyUrl` setting still holds `user:password@` (older
 * HedgeDesk, or typed before the keychain split): the next start moves the
 * credentials into the keychain and leaves no copy in the database or its WAL.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/core';
import { openDatabase } from '../../src/main/core/store/database';
import { SettingsRepository } from '../../src/main/core/store/settings-repository';
import { clearKeychainService, readKeychain } from '../helpers/keychain';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

const PASSWORD = 'old-Pr0xy-secret-9Z';

describe('proxy credentials stored in SQLite by an older install', () => {
  const service = `hedgedesk-test-${randomBytes(4).toString('hex')}`;
  let dir: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await clearKeychainService(service);
    dir?.remove();
  });

  it('move into the keychain at start; the setting, the database file and its WAL keep no copy', async () => {
    dir = tempDir();
    const dataDir = join(dir.path, 'data');
    const old = openDatabase(join(dataDir, 'hedgedesk.db'));
    new SettingsRepository(old.db).set({ proxyUrl: `http://farmer:${PASSWORD}@proxy.example:8080` });
    old.db.close();
    expect(readFileSync(join(dataDir, 'hedgedesk.db')).toString('latin1')).toContain(PASSWORD);

    const core = createCore({ dataDir, runtime: 'server', appVersion: '0.0.0-test', keychainService: service });
    const proxyUrl = async () => ((await core.dispatch('settings.get', {})) as { data: { proxyUrl: string } }).data.proxyUrl;
    await until(async () => !(await proxyUrl()).includes(PASSWORD), 'the setting without the password', 10_000);
    expect(await proxyUrl()).toBe('http://proxy.example:8080');
    expect(await readKeychain(service, 'app:proxyCredentials')).toBe(`farmer:${PASSWORD}`);
    // Still running: the WAL may hold pages; it must not hold the password.
    for (const f of ['hedgedesk.db', 'hedgedesk.db-wal'].map((n) => join(dataDir, n)).filter(existsSync)) {
      expect(readFileSync(f).toString('latin1').includes(PASSWORD), f).toBe(false);
    }
    await core.close();
    expect(readFileSync(join(dataDir, 'hedgedesk.db')).toString('latin1').includes(PASSWORD)).toBe(false);
    expect(readFileSync(join(dataDir, 'logs', 'hedgedesk.log'), 'utf8')).not.toContain(PASSWORD);
  });
});
