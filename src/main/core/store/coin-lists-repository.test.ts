import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp-dir';
import { CoinListsRepository, newCoinListId } from './coin-lists-repository';
import { openDatabase } from './database';
import { MIGRATIONS } from './migrations';

describe('coin lists on a real SQLite file', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let clock = 1_000;
  const now = () => clock;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.path, 'hedgedesk.db');
  });
  afterEach(() => dir.remove());

  it('migration 006 upgrades a version-5 database, keeping its data', () => {
    const v5 = openDatabase(file, MIGRATIONS.slice(0, 5));
    expect(v5.schemaVersion).toBe(5);
    v5.db.prepare("INSERT INTO accounts (id, venue, label, mode, identifiers, created_at, updated_at) VALUES ('acc_aaaaaaaaaaaa', 'lighter', 'A', 'paper', '{}', 1, 1)").run();
    expect(() => v5.db.prepare('SELECT * FROM coin_lists').all()).toThrow(/no such table/);
    v5.db.close();

    const v6 = openDatabase(file, MIGRATIONS.slice(0, 6));
    expect(v6.applied).toEqual([6]);
    expect(v6.db.pragma('user_version', { simple: true })).toBe(6);
    expect(v6.db.prepare('SELECT label FROM accounts').pluck().all()).toEqual(['A']);
    const repo = new CoinListsRepository(v6.db, now);
    expect(repo.list()).toEqual([]);
    repo.create({ name: 'Majors', venue: 'lighter', coins: [{ symbol: 'ETH' }] });
    v6.db.close();

    const again = openDatabase(file, MIGRATIONS.slice(0, 6));
    expect(again.applied).toEqual([]);
    expect(new CoinListsRepository(again.db).list().map((l) => l.name)).toEqual(['Majors']);
    again.db.close();
  });

  it('creates, lists by name, gets, updates (coins replaced in order) and deletes', () => {
    const { db } = openDatabase(file);
    const repo = new CoinListsRepository(db, now);
    const majors = repo.create({
      name: 'majors',
      venue: 'lighter',
      coins: [
        { symbol: 'ETH', targetNotional: '500', sliceCount: 10, holdMinutes: 21 },
        { symbol: 'BTC', targetNotional: '800.5', sliceNotional: '150' },
        { symbol: 'SOL' },
      ],
    });
    clock = 2_000;
    const alts = repo.create({ name: 'Alts', venue: 'paradex', coins: [{ symbol: 'DOGE-USD-PERP', holdMinutes: 0.5 }] });
    expect(majors.id).toMatch(/^cl_[a-z0-9]{12}$/);
    expect(majors).toEqual({
      id: majors.id,
      name: 'majors',
      venue: 'lighter',
      coins: [
        { symbol: 'ETH', targetNotional: '500', sliceCount: 10, holdMinutes: 21 },
        { symbol: 'BTC', targetNotional: '800.5', sliceNotional: '150' },
        { symbol: 'SOL' },
      ],
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    expect(repo.list().map((l) => l.name)).toEqual(['Alts', 'majors']);
    expect(repo.get(alts.id).coins).toEqual([{ symbol: 'DOGE-USD-PERP', holdMinutes: 0.5 }]);

    clock = 3_000;
    const updated = repo.update(majors.id, { name: 'Majors', venue: 'lighter', coins: [{ symbol: 'SOL', targetNotional: '100' }, { symbol: 'ETH' }] });
    expect(updated).toMatchObject({ name: 'Majors', createdAt: 1_000, updatedAt: 3_000, coins: [{ symbol: 'SOL', targetNotional: '100' }, { symbol: 'ETH' }] });
    expect(db.prepare('SELECT count(*) FROM coin_list_coins WHERE list_id = ?').pluck().get(majors.id)).toBe(2);

    repo.delete(majors.id);
    expect(repo.list().map((l) => l.id)).toEqual([alts.id]);
    expect(db.prepare('SELECT count(*) FROM coin_list_coins WHERE list_id = ?').pluck().get(majors.id)).toBe(0);
    db.close();
  });

  it('a taken name (any case) is a CONFLICT on name and writes nothing, also on update', () => {
    const { db } = openDatabase(file);
    const repo = new CoinListsRepository(db, now);
    repo.create({ name: 'Majors', venue: 'lighter', coins: [{ symbol: 'ETH' }] });
    const other = repo.create({ name: 'Other', venue: 'lighter', coins: [{ symbol: 'BTC' }] });
    const conflict = expect.objectContaining({ code: 'CONFLICT', issues: [{ path: 'name', message: 'already used by another coin list' }] });
    expect(() => repo.create({ name: 'MAJORS', venue: 'lighter', coins: [{ symbol: 'SOL' }] })).toThrowError(conflict);
    expect(() => repo.update(other.id, { name: 'majors', venue: 'lighter', coins: [{ symbol: 'SOL' }] })).toThrowError(conflict);
    expect(repo.list().map((l) => [l.name, l.coins.map((c) => c.symbol)])).toEqual([
      ['Majors', ['ETH']],
      ['Other', ['BTC']],
    ]);
    expect(db.prepare('SELECT count(*) FROM coin_list_coins').pluck().get()).toBe(2);
    db.close();
  });

  it('the schema refuses what the validation refuses: both slice forms, a symbol twice (nothing half-written)', () => {
    const { db } = openDatabase(file);
    const repo = new CoinListsRepository(db, now);
    expect(() => repo.create({ name: 'Both', venue: 'lighter', coins: [{ symbol: 'ETH', sliceNotional: '20', sliceCount: 3 }] })).toThrow(/CHECK constraint/);
    expect(() => repo.create({ name: 'Twice', venue: 'lighter', coins: [{ symbol: 'ETH' }, { symbol: 'ETH' }] })).toThrow(/UNIQUE constraint/);
    expect(db.prepare('SELECT count(*) FROM coin_lists').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM coin_list_coins').pluck().get()).toBe(0);
    db.close();
  });

  it('unknown ids are NOT_FOUND for get, update and delete', () => {
    const { db } = openDatabase(file);
    const repo = new CoinListsRepository(db, now);
    const id = newCoinListId();
    for (const op of [() => repo.get(id), () => repo.update(id, { name: 'x', venue: 'lighter', coins: [{ symbol: 'ETH' }] }), () => repo.delete(id)]) {
      expect(op).toThrowError(expect.objectContaining({ code: 'NOT_FOUND', issues: [{ path: 'id', message: 'unknown coin list' }] }));
    }
    db.close();
  });
});
