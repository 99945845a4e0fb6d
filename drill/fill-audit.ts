/**
 * Fills recorded by the app (its SQLite `fills` table) against fills the
 * venues recorded (the simulators' trade lists): how many each side has, which
 * venue fills the app never recorded (lost), and which it recorded more than
 * once (duplicates). A fill is the same on both sides when venue, venue order
 * id and venue fill id agree (Lighter: order index + trade id; Paradex: order
 * id + fill id), so two accounts on the two sides of one Lighter trade stay
 * two fills.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { VenueFill } from './venue-sims';

/** One row of the app's `fills` table. */
export interface RecordedFill {
  venue: string;
  accountId: string;
  fillId: string;
  venueOrderId: string;
  symbol: string;
  side: string;
  size: string;
}

/** The comparison the table prints. */
export interface FillAudit {
  recorded: number;
  venue: number;
  /** Venue fills with no recorded row. */
  lost: number;
  /** Recorded rows beyond the first for one venue fill. */
  duplicates: number;
  /** Recorded rows no venue fill matches (a fill the venue does not know). */
  unknown: number;
}

/**
 * Reads every fill of the app database at `dbPath` (read-only; fine while the
 * app runs, the database is in WAL mode). An absent database has none.
 */
export function readRecordedFills(dbPath: string): RecordedFill[] {
  if (!existsSync(dbPath)) return [];
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db
      .prepare('SELECT venue, account_id AS accountId, fill_id AS fillId, venue_order_id AS venueOrderId, symbol, side, size FROM fills')
      .all() as RecordedFill[];
  } finally {
    db.close();
  }
}

const keyOf = (venue: string, orderId: string, fillId: string) => `${venue}|${orderId}|${fillId}`;

/** Compares the app's fills with the venues' (see the module comment for what "the same fill" is). */
export function auditFills(recorded: readonly RecordedFill[], venue: readonly VenueFill[]): FillAudit {
  const venueKeys = new Set(venue.map((f) => keyOf(f.venue, f.orderId, f.fillId)));
  const seen = new Map<string, number>();
  let unknown = 0;
  for (const r of recorded) {
    const key = keyOf(r.venue, r.venueOrderId, r.fillId);
    if (!venueKeys.has(key)) unknown++;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const n of seen.values()) duplicates += n - 1;
  const lost = [...venueKeys].filter((k) => !seen.has(k)).length;
  return { recorded: recorded.length, venue: venue.length, lost, duplicates, unknown };
}
