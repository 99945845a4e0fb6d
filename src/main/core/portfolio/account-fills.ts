import type { Database } from 'better-sqlite3';
import type { PortfolioFill } from '../../../shared/schemas/portfolio';
import type { Venue } from '../../../shared/schemas/venues';

interface FillRow {
  fill_id: string;
  run_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: string;
  size: string;
  fee: string;
  liquidity: 'maker' | 'taker';
  purpose: string;
  venue_time: number;
}

/**
 * Read-only view of the store's `fills` table (migration 004) per account:
 * the fills runs recorded for it, newest first (by the venue's time).
 * Uses the table's primary key (venue, account_id, fill_id).
 */
export class AccountFills {
  constructor(private readonly db: Database) {}

  /**
   * The `limit` most recent fills of an account on a venue. Price USDC per
   * base unit, size base units, fee USDC (negative = rebate), `at` Unix ms.
   */
  recent(venue: Venue, accountId: string, limit: number): PortfolioFill[] {
    const rows = this.db
      .prepare(
        `SELECT fill_id, run_id, symbol, side, price, size, fee, liquidity, purpose, venue_time FROM fills
         WHERE venue = ? AND account_id = ? ORDER BY venue_time DESC, rowid DESC LIMIT ?`,
      )
      .all(venue, accountId, limit) as FillRow[];
    return rows.map((r) => ({
      fillId: r.fill_id,
      runId: r.run_id,
      symbol: r.symbol,
      side: r.side,
      price: r.price,
      size: r.size,
      fee: r.fee,
      liquidity: r.liquidity,
      purpose: r.purpose,
      at: r.venue_time,
    }));
  }
}
