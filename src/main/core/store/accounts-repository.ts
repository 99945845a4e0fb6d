import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { Account, AccountMode } from '../../../shared/schemas/account';
import type { Venue } from '../../../shared/schemas/venues';
import { ContractError } from '../../../shared/errors';

interface AccountRow {
  id: string;
  venue: Venue;
  label: string;
  mode: AccountMode;
  identifiers: string;
  created_at: number;
  updated_at: number;
}

/** Fields of a new account, already validated. */
export interface NewAccount {
  venue: Venue;
  label: string;
  mode: AccountMode;
  identifiers: Record<string, string | number>;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh account id: `acc_` + 12 base-32 characters (60 random bits). */
export function newAccountId(): string {
  const bytes = randomBytes(12);
  let id = 'acc_';
  for (const b of bytes) id += ID_ALPHABET[b & 31];
  return id;
}

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    venue: r.venue,
    label: r.label,
    mode: r.mode,
    identifiers: JSON.parse(r.identifiers) as Record<string, string | number>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function labelTaken(label: string): ContractError {
  return new ContractError('CONFLICT', `an account labelled "${label}" already exists`, [
    { path: 'label', message: 'already used by another account' },
  ]);
}

/**
 * Accounts in SQLite. Holds no secrets. Throws ContractError `CONFLICT` for a
 * duplicate label (case-insensitive) and `NOT_FOUND` for an unknown id.
 */
export class AccountsRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every account, oldest first. */
  list(): Account[] {
    const rows = this.db.prepare('SELECT * FROM accounts ORDER BY created_at, id').all() as AccountRow[];
    return rows.map(toAccount);
  }

  /** The account with `id`, or throws `NOT_FOUND`. */
  get(id: string): Account {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    if (!row) throw new ContractError('NOT_FOUND', `no account with id ${id}`, [{ path: 'id', message: 'unknown account' }]);
    return toAccount(row);
  }

  /** Inserts a new account and returns it. */
  create(input: NewAccount): Account {
    const at = this.now();
    const id = newAccountId();
    try {
      this.db
        .prepare(
          'INSERT INTO accounts (id, venue, label, mode, identifiers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, input.venue, input.label, input.mode, JSON.stringify(input.identifiers), at, at);
    } catch (err) {
      if (isUniqueViolation(err)) throw labelTaken(input.label);
      throw err;
    }
    return this.get(id);
  }

  /** Replaces label, mode and identifiers of an existing account. */
  update(id: string, fields: Omit<NewAccount, 'venue'>): Account {
    try {
      const res = this.db
        .prepare('UPDATE accounts SET label = ?, mode = ?, identifiers = ?, updated_at = ? WHERE id = ?')
        .run(fields.label, fields.mode, JSON.stringify(fields.identifiers), this.now(), id);
      if (res.changes === 0) this.get(id);
    } catch (err) {
      if (isUniqueViolation(err)) throw labelTaken(fields.label);
      throw err;
    }
    return this.get(id);
  }

  /** Deletes an account; throws `NOT_FOUND` when there is none. */
  delete(id: string): void {
    const res = this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
    if (res.changes === 0) this.get(id);
  }
}
