import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp-dir';
import { ContractError } from '../../../shared/errors';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings';
import { AccountsRepository, newAccountId } from './accounts-repository';
import { openDatabase, type OpenDatabase } from './database';
import { SettingsRepository } from './settings-repository';

describe('repositories on a real SQLite file', () => {
  let dir: ReturnType<typeof tempDir>;
  let open: OpenDatabase;
  let clock = 1_000;
  const now = () => clock;
  beforeEach(() => {
    dir = tempDir();
    open = openDatabase(join(dir.path, 'hedgedesk.db'));
  });
  afterEach(() => {
    open.db.close();
    dir.remove();
  });

  it('settings: defaults, partial writes, and stale stored values fall back to defaults', () => {
    const repo = new SettingsRepository(open.db, now);
    expect(repo.get()).toEqual(DEFAULT_SETTINGS);
    expect(repo.set({ theme: 'dark' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(repo.set({ language: 'zh-TW' })).toEqual({ ...DEFAULT_SETTINGS, language: 'zh-TW', theme: 'dark' });
    open.db.prepare("UPDATE settings SET value = '\"klingon\"' WHERE key = 'language'").run();
    expect(repo.get().language).toBe('system');
    expect(new SettingsRepository(open.db).get().theme).toBe('dark');
  });

  it('accounts: create, list in creation order, update, delete', () => {
    const repo = new AccountsRepository(open.db, now);
    const a = repo.create({ venue: 'lighter', label: 'A', mode: 'paper', identifiers: { apiKeyIndex: 4 } });
    clock = 2_000;
    const b = repo.create({ venue: 'paradex', label: 'B', mode: 'live', identifiers: { l2Address: '0x1234' } });
    expect(a.id).toMatch(/^acc_[a-z0-9]{12}$/);
    expect(repo.list().map((x) => x.label)).toEqual(['A', 'B']);
    clock = 3_000;
    const a2 = repo.update(a.id, { label: 'A1', mode: 'live', identifiers: { accountIndex: 7, apiKeyIndex: 5 } });
    expect(a2).toMatchObject({ label: 'A1', mode: 'live', identifiers: { accountIndex: 7, apiKeyIndex: 5 }, createdAt: 1_000, updatedAt: 3_000 });
    repo.delete(b.id);
    expect(repo.list().map((x) => x.id)).toEqual([a.id]);
  });

  it('accounts: duplicate labels (any case) are a CONFLICT on label, and nothing is written', () => {
    const repo = new AccountsRepository(open.db, now);
    repo.create({ venue: 'lighter', label: 'Main', mode: 'paper', identifiers: {} });
    clock += 1;
    const other = repo.create({ venue: 'aster', label: 'Other', mode: 'paper', identifiers: {} });
    const dup = () => repo.create({ venue: 'aster', label: 'main', mode: 'paper', identifiers: {} });
    expect(dup).toThrowError(expect.objectContaining({ code: 'CONFLICT', issues: [{ path: 'label', message: 'already used by another account' }] }));
    expect(() => repo.update(other.id, { label: 'MAIN', mode: 'paper', identifiers: {} })).toThrowError(ContractError);
    expect(repo.list().map((x) => x.label)).toEqual(['Main', 'Other']);
  });

  it('accounts: unknown ids are NOT_FOUND for get, update and delete', () => {
    const repo = new AccountsRepository(open.db, now);
    const id = newAccountId();
    for (const op of [() => repo.get(id), () => repo.update(id, { label: 'x', mode: 'paper', identifiers: {} }), () => repo.delete(id)]) {
      expect(op).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
  });
});
