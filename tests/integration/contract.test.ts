import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../../src/shared/schemas/settings';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../src/shared/schemas/account';
import { LATEST_SCHEMA_VERSION } from '../../src/main/core/store/database';
import { ContractClient } from '../helpers/contract-client';
import { clearKeychainService, readKeychain } from '../helpers/keychain';
import { startHarness, type Harness } from '../helpers/server-harness';

// Every value used as a secret in this file; none may appear in any response, log or database file.
const SECRETS = {
  lighterKey: 'f3'.repeat(40),
  paradexKey: '0x04a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f',
  backpackSecret: 'nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=',
  shortish: 'pass-phrase-123',
  simAdminToken: 'sim-admin-token-9f8e7d6c5b4a',
  proxyPassword: 'Pr0xy-pa55word-7Q',
};

describe('the contract over the headless server (real core, SQLite, keychain)', () => {
  let h: Harness;
  let c: ContractClient;
  const frames: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    c = await ContractClient.connect(h.server.port, h.server.token, frames);
  });

  afterAll(async () => {
    c?.close();
    await clearKeychainService(h.keychainService);
    await h.close();
  });

  it('refuses connections without the right token', async () => {
    await expect(ContractClient.connect(h.server.port, null)).rejects.toThrow('HTTP 401');
    await expect(ContractClient.connect(h.server.port, 'f'.repeat(64))).rejects.toThrow('HTTP 401');
    await expect(ContractClient.connect(h.server.port, h.server.token.slice(1))).rejects.toThrow('HTTP 401');
  });

  it('answers app.info with the runtime, schema and a working keychain', async () => {
    const info = await c.invoke('app.info', {});
    expect(info).toMatchObject({ name: 'HedgeDesk', runtime: 'server', schemaVersion: LATEST_SCHEMA_VERSION, electronVersion: null });
    expect(info.secrets).toEqual({ backend: 'keychain', available: true, problem: null });
    expect(info.databasePath).toBe(join(h.dataDir, 'hedgedesk.db'));
  });

  it('rejects unknown commands and malformed requests with typed errors naming field paths', async () => {
    expect(await c.raw('accounts.steal', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: 'unknown command "accounts.steal"' } });
    const cases: [string, unknown, string[]][] = [
      ['accounts.create', { venue: 'lighter', label: '', mode: 'paper' }, ['label']],
      ['accounts.create', { venue: 'lighter', label: 'x', mode: 'paper', identifiers: { apiKeyIndex: 300 } }, ['identifiers.apiKeyIndex']],
      ['accounts.create', { venue: 'lighter', label: 'x', mode: 'live', identifiers: { apiKeyIndex: 5 } }, ['identifiers.accountIndex']],
      ['accounts.create', { venue: 'paradex', label: 'x', mode: 'paper', identifiers: { l2Address: 'nope' } }, ['identifiers.l2Address']],
      ['accounts.create', { venue: 'kraken', label: 'x', mode: 'paper' }, ['venue']],
      ['accounts.create', { venue: 'aster', label: 'x', mode: 'paper', apiSecret: 'leak' }, ['apiSecret']],
      ['accounts.create', null, ['venue']],
      ['settings.set', { theme: 'purple' }, ['theme']],
      ['settings.set', { language: 'fr', extra: 1 }, ['language', 'extra']],
      ['accounts.delete', { id: 42 }, ['id']],
      ['secrets.set', { accountId: 'acc_000000000000', field: 'apiPrivateKey', value: '' }, ['value']],
      ['logs.recent', { limit: 0 }, ['limit']],
    ];
    for (const [name, request, paths] of cases) {
      const r = await c.raw(name, request);
      expect(r.ok, `${name} ${JSON.stringify(request)}`).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('INVALID_REQUEST');
      expect(r.error.issues?.map((i) => i.path)).toEqual(paths);
      for (const p of paths) expect(r.error.message).toContain(p);
    }
    expect(await c.invoke('accounts.list', {})).toEqual([]);
  });

  it('creates, updates and deletes accounts, pushing accounts.changed to every client', async () => {
    const other = await ContractClient.connect(h.server.port, h.server.token, frames);
    const a = await c.invoke('accounts.create', { venue: 'lighter', label: 'Lighter A', mode: 'paper', identifiers: { apiKeyIndex: 4 } });
    expect(a).toMatchObject({ venue: 'lighter', label: 'Lighter A', mode: 'paper', identifiers: { apiKeyIndex: 4 } });
    const seen = await other.waitForEvent((e) => e.name === 'accounts.changed' && (e.payload as Account[]).some((x) => x.id === a.id));
    expect((seen.payload as Account[]).map((x) => x.label)).toEqual(['Lighter A']);

    const dup = await c.raw('accounts.create', { venue: 'paradex', label: 'lighter a', mode: 'paper' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'label' }] } });

    // A venue that cannot trade yet gets no paper account: refused up front, naming it, nothing stored.
    const paperBackpack = await c.raw('accounts.create', { venue: 'backpack', label: 'Paper Backpack', mode: 'paper' });
    expect(paperBackpack).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'Backpack accounts cannot trade yet: HedgeDesk has no Backpack client (venues that trade: Lighter, Paradex)', issues: [{ path: 'venue' }] },
    });
    expect((await c.invoke('accounts.list', {})).map((x) => x.label)).toEqual(['Lighter A']);

    const bad = await c.raw('accounts.update', { id: a.id, patch: { label: 'Renamed', identifiers: { apiKeyIndex: -1 } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'patch.identifiers.apiKeyIndex' }] } });
    const live = await c.raw('accounts.update', { id: a.id, patch: { mode: 'live' } });
    expect(live).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'patch.identifiers.accountIndex' }] } });
    expect((await c.invoke('accounts.list', {}))[0]).toEqual(a);

    const updated = await c.invoke('accounts.update', { id: a.id, patch: { mode: 'live', identifiers: { accountIndex: 12, apiKeyIndex: 4 } } });
    expect(updated).toMatchObject({ id: a.id, label: 'Lighter A', mode: 'live', identifiers: { accountIndex: 12, apiKeyIndex: 4 } });

    const missing = await c.raw('accounts.delete', { id: 'acc_zzzzzzzzzzzz' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await c.invoke('accounts.delete', { id: a.id })).toEqual({ id: a.id });
    expect(await c.invoke('accounts.list', {})).toEqual([]);
    other.close();
  });

  it('stores secrets in the keychain under <accountId>:<field> and only ever reports "stored"', async () => {
    const lighter = await c.invoke('accounts.create', { venue: 'lighter', label: 'L', mode: 'paper' });
    const paradex = await c.invoke('accounts.create', { venue: 'paradex', label: 'P', mode: 'paper' });
    const backpack = await c.invoke('accounts.create', { venue: 'backpack', label: 'B', mode: 'live' });
    const aster = await c.invoke('accounts.create', { venue: 'aster', label: 'A', mode: 'live', identifiers: { apiKey: 'k'.repeat(16) } });

    const before = await c.invoke('secrets.status', { accountId: lighter.id });
    expect(before.fields).toEqual([
      { field: 'apiPrivateKey', stored: false, envVar: `HEDGEDESK_SECRET_${lighter.id.toUpperCase()}_APIPRIVATEKEY` },
      { field: 'simAdminToken', stored: false, envVar: `HEDGEDESK_SECRET_${lighter.id.toUpperCase()}_SIMADMINTOKEN` },
    ]);

    const after = await c.invoke('secrets.set', { accountId: lighter.id, field: 'apiPrivateKey', value: SECRETS.lighterKey });
    expect(after.fields).toMatchObject([{ field: 'apiPrivateKey', stored: true }, { field: 'simAdminToken', stored: false }]);
    await c.invoke('secrets.set', { accountId: lighter.id, field: 'simAdminToken', value: SECRETS.simAdminToken });
    expect(await readKeychain(h.keychainService, `${lighter.id}:simAdminToken`)).toBe(SECRETS.simAdminToken);
    expect(await readKeychain(h.keychainService, `${lighter.id}:apiPrivateKey`)).toBe(SECRETS.lighterKey);
    await c.invoke('secrets.set', { accountId: paradex.id, field: 'l2PrivateKey', value: SECRETS.paradexKey });
    await c.invoke('secrets.set', { accountId: backpack.id, field: 'apiSecret', value: SECRETS.backpackSecret });
    await c.invoke('secrets.set', { accountId: aster.id, field: 'apiSecret', value: SECRETS.shortish });

    const wrongField = await c.raw('secrets.set', { accountId: lighter.id, field: 'l2PrivateKey', value: SECRETS.paradexKey });
    expect(wrongField).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'field' }] } });
    expect(await readKeychain(h.keychainService, `${lighter.id}:l2PrivateKey`)).toBeNull();

    const removed = await c.invoke('secrets.delete', { accountId: aster.id, field: 'apiSecret' });
    expect(removed.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'apiSecret', stored: false })]));
    expect(await readKeychain(h.keychainService, `${aster.id}:apiSecret`)).toBeNull();

    await c.invoke('accounts.delete', { id: paradex.id });
    expect(await readKeychain(h.keychainService, `${paradex.id}:l2PrivateKey`)).toBeNull();
    await c.invoke('logs.recent', { limit: 5000 });
  });

  it('pushes log lines as events and serves recent ones', async () => {
    await c.invoke('settings.set', { language: 'zh-TW' });
    await c.invoke('settings.set', { theme: 'dark' });
    const ev = await c.waitForEvent((e) => e.name === 'log.line' && (e.payload as { msg: string }).msg === 'settings changed');
    expect(ev.payload).toMatchObject({ level: 'info', component: 'settings' });
    const recent = await c.invoke('logs.recent', { limit: 3 });
    expect(recent.length).toBeLessThanOrEqual(3);
    expect(recent.at(-1)?.msg).toBe('settings changed');
    expect(await c.invoke('settings.get', {})).toEqual({ ...DEFAULT_SETTINGS, language: 'zh-TW', theme: 'dark' });
  });

  it('keeps the proxy password in the keychain: settings and settings.changed carry the URL without it', async () => {
    const saved = await c.invoke('settings.set', { proxyUrl: `http://farmer:${SECRETS.proxyPassword}@127.0.0.1:7890` });
    expect(saved.proxyUrl).toBe('http://127.0.0.1:7890');
    const ev = await c.waitForEvent((e) => e.name === 'settings.changed' && (e.payload as { proxyUrl: string | null }).proxyUrl !== null);
    expect(ev.payload).toMatchObject({ proxyUrl: 'http://127.0.0.1:7890' });
    expect(await readKeychain(h.keychainService, 'app:proxyCredentials')).toBe(`farmer:${SECRETS.proxyPassword}`);
    const status = await c.invoke('appSecrets.status', {});
    expect(status.fields).toContainEqual({ field: 'proxyCredentials', stored: true, envVar: 'HEDGEDESK_SECRET_APP_PROXYCREDENTIALS' });
    expect((await c.raw('appSecrets.set', { field: 'proxyCredentials', value: 'no-colon' })).ok).toBe(false);
    await c.invoke('settings.set', { proxyUrl: null });
  });

  it('never lets a secret value out: no response, event, log file or database file contains one', async () => {
    expect(frames.length).toBeGreaterThan(30);
    const logDir = join(h.dataDir, 'logs');
    const files = [
      ...readdirSync(logDir).map((f) => join(logDir, f)),
      ...['hedgedesk.db', 'hedgedesk.db-wal'].map((f) => join(h.dataDir, f)).filter(existsSync),
    ];
    const haystacks = [...frames, ...files.map((f) => readFileSync(f).toString('latin1'))];
    for (const secret of Object.values(SECRETS)) {
      for (const text of haystacks) expect(text.includes(secret), `secret found in ${text.slice(0, 120)}`).toBe(false);
    }
  });
});
