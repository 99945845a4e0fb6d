import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import type { Side } from '../venues/venue';

/** A fill as stored. Price USDC per base unit, size base units, fee USDC (negative = rebate). */
export interface FillRecord {
  venue: string;
  accountId: string;
  fillId: string;
  runId: string;
  symbol: string;
  venueOrderId: string;
  clientOrderId: string | null;
  /** The purpose of the order it filled (`entry`, `hedge`, …), `external` for an order the run did not place. */
  purpose: string;
  side: Side;
  price: Decimal;
  size: Decimal;
  fee: Decimal;
  liquidity: 'maker' | 'taker';
  /** The venue's timestamp, Unix ms. */
  venueTime: number;
  /** When the engine recorded it, Unix ms of the engine clock. */
  recordedAt: number;
}

interface FillRow {
  venue: string;
  account_id: string;
  fill_id: string;
  run_id: string;
  symbol: string;
  venue_order_id: string;
  client_order_id: string | null;
  purpose: string;
  side: Side;
  price: string;
  size: string;
  fee: string;
  liquidity: 'maker' | 'taker';
  venue_time: number;
  recorded_at: number;
}

function toRecord(r: FillRow): FillRecord {
  return {
    venue: r.venue,
    accountId: r.account_id,
    fillId: r.fill_id,
    runId: r.run_id,
    symbol: r.symbol,
    venueOrderId: r.venue_order_id,
    clientOrderId: r.client_order_id,
    purpose: r.purpose,
    side: r.side,
    price: new Decimal(r.price),
    size: new Decimal(r.size),
    fee: new Decimal(r.fee),
    liquidity: r.liquidity,
    venueTime: r.venue_time,
    recordedAt: r.recorded_at,
  };
}

/**
 * What happened to a fill offered to {@link FillsRepository.record}:
 * `new` (stored), `duplicate` (the same fill was stored before: same
 * symbol, side, price, size, order and liquidity) or `conflict` (a fill
 * with the same identity but other content is stored: an integrity alarm).
 */
export type FillRecordOutcome = { outcome: 'new' } | { outcome: 'duplicate'; stored: FillRecord } | { outcome: 'conflict'; stored: FillRecord };

/** True when two fills with the same identity say the same thing (the fields that move positions and PnL; fee and timestamps are left out: venues round them differently on their stream and REST). */
export function sameFillContent(a: Pick<FillRecord, 'symbol' | 'side' | 'price' | 'size' | 'venueOrderId' | 'liquidity'>, b: typeof a): boolean {
  return a.symbol === b.symbol && a.side === b.side && a.price.eq(b.price) && a.size.eq(b.size) && a.venueOrderId === b.venueOrderId && a.liquidity === b.liquidity;
}

/**
 * Fills in SQLite, unique per (venue, account, fill id) — the fill identity:
 * - the venue's fill id is unique per venue: Lighter's `trade_id` (one per
 *   trade, lighter.md §1.7), Paradex's fill `id` (paradex.md §6; whether the
 *   two sides of one Paradex trade share it is not documented — with the
 *   account in the key it does not matter);
 * - a Lighter trade between two of our accounts (maker on one, taker on the
 *   other — the usual case when a run hedges itself) is ONE trade id with two
 *   sides, so the account is part of the key: each account records its side;
 * - one account on both sides of one trade does not happen: Lighter's default
 *   self-trade rule expires the maker instead (lighter.md §3.6).
 * Nothing else (price, time) is in the key: the same fill can arrive from the
 * stream, a resync replay and the reconciliation's history read, and must
 * match itself; content is compared separately ({@link sameFillContent}).
 */
export class FillsRepository {
  constructor(private readonly db: Database) {}

  /** Stores a fill unless one with the same identity is stored, and says which it was. */
  record(f: FillRecord): FillRecordOutcome {
    if (this.insertOnce(f)) return { outcome: 'new' };
    const stored = this.get(f.venue, f.accountId, f.fillId)!;
    return sameFillContent(stored, f) ? { outcome: 'duplicate', stored } : { outcome: 'conflict', stored };
  }

  /** The stored fill with this identity, or null. */
  get(venue: string, accountId: string, fillId: string): FillRecord | null {
    const row = this.db.prepare('SELECT * FROM fills WHERE venue = ? AND account_id = ? AND fill_id = ?').get(venue, accountId, fillId) as FillRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Stores a fill unless one with the same (venue, account, fill id) is stored; true when it was new. */
  insertOnce(f: FillRecord): boolean {
    const res = this.db
      .prepare(
        `INSERT OR IGNORE INTO fills (venue, account_id, fill_id, run_id, symbol, venue_order_id, client_order_id, purpose,
           side, price, size, fee, liquidity, venue_time, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        f.venue,
        f.accountId,
        f.fillId,
        f.runId,
        f.symbol,
        f.venueOrderId,
        f.clientOrderId,
        f.purpose,
        f.side,
        f.price.toString(),
        f.size.toString(),
        f.fee.toString(),
        f.liquidity,
        f.venueTime,
        f.recordedAt,
      );
    return res.changes === 1;
  }

  /** Every fill of a run in the order it was recorded. */
  listByRun(runId: string): FillRecord[] {
    return (this.db.prepare('SELECT * FROM fills WHERE run_id = ? ORDER BY recorded_at, rowid').all(runId) as FillRow[]).map(toRecord);
  }
}
