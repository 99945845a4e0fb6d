import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../../shared/errors';
import type { CoinEntry, CoinList, CoinListCreate } from '../../../shared/schemas/coin-lists';
import type { Venue } from '../../../shared/schemas/venues';

interface ListRow {
  id: string;
  name: string;
  venue: Venue;
  created_at: number;
  updated_at: number;
}

interface CoinRow {
  list_id: string;
  position: number;
  symbol: string;
  target_notional: string | null;
  slice_notional: string | null;
  slice_count: number | null;
  hold_minutes: number | null;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh coin list id: `cl_` + 12 base-32 characters (60 random bits). */
export function newCoinListId(): string {
  let id = 'cl_';
  for (const b of randomBytes(12)) id += ID_ALPHABET[b & 31];
  return id;
}

function toCoin(r: CoinRow): CoinEntry {
  return {
    symbol: r.symbol,
    ...(r.target_notional !== null ? { targetNotional: r.target_notional } : {}),
    ...(r.slice_notional !== null ? { sliceNotional: r.slice_notional } : {}),
    ...(r.slice_count !== null ? { sliceCount: r.slice_count } : {}),
    ...(r.hold_minutes !== null ? { holdMinutes: r.hold_minutes } : {}),
  };
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function nameTaken(name: string): ContractError {
  return new ContractError('CONFLICT', `a coin list named "${name}" already exists`, [{ path: 'name', message: 'already used by another coin list' }]);
}

function notFound(id: string): ContractError {
  return new ContractError('NOT_FOUND', `no coin list with id ${id}`, [{ path: 'id', message: 'unknown coin list' }]);
}

/**
 * Coin lists in SQLite (tables `coin_lists` and `coin_list_coins`, migration
 * 006). Input is expected already validated (`coinListCreateSchema`); USDC
 * amounts are stored as the decimal strings given. Every write is one
 * transaction. Throws ContractError `CONFLICT` (path `name`) for a name
 * another list has (any case) and `NOT_FOUND` (path `id`) for an unknown id.
 */
export class CoinListsRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every list with its coins, by name (case-insensitive). */
  list(): CoinList[] {
    const rows = this.db.prepare('SELECT * FROM coin_lists ORDER BY name COLLATE NOCASE, id').all() as ListRow[];
    const coins = this.db.prepare('SELECT * FROM coin_list_coins ORDER BY list_id, position').all() as CoinRow[];
    const byList = new Map<string, CoinEntry[]>();
    for (const c of coins) {
      const list = byList.get(c.list_id) ?? [];
      list.push(toCoin(c));
      byList.set(c.list_id, list);
    }
    return rows.map((r) => this.toList(r, byList.get(r.id) ?? []));
  }

  /** The list with `id`, or throws `NOT_FOUND`. */
  get(id: string): CoinList {
    const row = this.db.prepare('SELECT * FROM coin_lists WHERE id = ?').get(id) as ListRow | undefined;
    if (!row) throw notFound(id);
    const coins = this.db.prepare('SELECT * FROM coin_list_coins WHERE list_id = ? ORDER BY position').all(id) as CoinRow[];
    return this.toList(row, coins.map(toCoin));
  }

  /** Inserts a new list with its coins (in the order given) and returns it. */
  create(input: CoinListCreate): CoinList {
    const id = newCoinListId();
    const at = this.now();
    this.write(() => {
      this.db.prepare('INSERT INTO coin_lists (id, name, venue, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, input.name, input.venue, at, at);
      this.insertCoins(id, input.coins);
    }, input.name);
    return this.get(id);
  }

  /** Replaces name, venue and coins of an existing list. */
  update(id: string, fields: CoinListCreate): CoinList {
    this.write(() => {
      const res = this.db.prepare('UPDATE coin_lists SET name = ?, venue = ?, updated_at = ? WHERE id = ?').run(fields.name, fields.venue, this.now(), id);
      if (res.changes === 0) throw notFound(id);
      this.db.prepare('DELETE FROM coin_list_coins WHERE list_id = ?').run(id);
      this.insertCoins(id, fields.coins);
    }, fields.name);
    return this.get(id);
  }

  /** Deletes a list and its coins; throws `NOT_FOUND` when there is none. */
  delete(id: string): void {
    const res = this.db.prepare('DELETE FROM coin_lists WHERE id = ?').run(id);
    if (res.changes === 0) throw notFound(id);
  }

  private toList(r: ListRow, coins: CoinEntry[]): CoinList {
    return { id: r.id, name: r.name, venue: r.venue, coins, createdAt: r.created_at, updatedAt: r.updated_at };
  }

  private insertCoins(listId: string, coins: readonly CoinEntry[]): void {
    const insert = this.db.prepare(
      'INSERT INTO coin_list_coins (list_id, position, symbol, target_notional, slice_notional, slice_count, hold_minutes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    coins.forEach((c, i) =>
      insert.run(listId, i, c.symbol, c.targetNotional ?? null, c.sliceNotional ?? null, c.sliceCount ?? null, c.holdMinutes ?? null),
    );
  }

  /** Runs `fn` in one transaction; a unique-name violation becomes `CONFLICT`. */
  private write(fn: () => void, name: string): void {
    try {
      this.db.transaction(fn)();
    } catch (err) {
      if (isUniqueViolation(err) && /coin_lists\.name/.test((err as Error).message)) throw nameTaken(name);
      throw err;
    }
  }
}
