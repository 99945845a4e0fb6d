import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import type { Position } from '../venues/venue';

/** One account's position in one market as the venue reported it at `at`. Size signed, base units; prices and PnL USDC. */
export interface PositionSnapshot {
  accountId: string;
  symbol: string;
  size: Decimal;
  entryPrice: Decimal;
  unrealizedPnl: Decimal;
  at: number;
}

/**
 * A run's net exposure in one symbol at `at`: the signed sum of its accounts'
 * filled sizes (`netSize`, base units), the signed size of hedges sent and not
 * yet filled (`pendingSize`) and the reference price used for notionals (USDC).
 */
export interface ExposureSample {
  symbol: string;
  netSize: Decimal;
  pendingSize: Decimal;
  price: Decimal;
  at: number;
}

/** Time series of runs: position snapshots and exposure samples. */
export class RunSamplesRepository {
  constructor(private readonly db: Database) {}

  /** Stores one position snapshot. */
  addPositionSnapshot(runId: string, accountId: string, p: Position, at: number): void {
    this.db
      .prepare('INSERT INTO position_snapshots (run_id, account_id, symbol, size, entry_price, unrealized_pnl, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(runId, accountId, p.symbol, p.size.toString(), p.entryPrice.toString(), p.unrealizedPnl.toString(), at);
  }

  /** A run's position snapshots, oldest first. */
  positionSnapshots(runId: string): PositionSnapshot[] {
    const rows = this.db.prepare('SELECT * FROM position_snapshots WHERE run_id = ? ORDER BY at, id').all(runId) as {
      account_id: string;
      symbol: string;
      size: string;
      entry_price: string;
      unrealized_pnl: string;
      at: number;
    }[];
    return rows.map((r) => ({
      accountId: r.account_id,
      symbol: r.symbol,
      size: new Decimal(r.size),
      entryPrice: new Decimal(r.entry_price),
      unrealizedPnl: new Decimal(r.unrealized_pnl),
      at: r.at,
    }));
  }

  /** Stores one exposure sample. */
  addExposureSample(runId: string, s: ExposureSample): void {
    this.db
      .prepare('INSERT INTO exposure_samples (run_id, symbol, net_size, pending_size, price, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, s.symbol, s.netSize.toString(), s.pendingSize.toString(), s.price.toString(), s.at);
  }

  /** A run's exposure samples, oldest first. */
  exposureSamples(runId: string): ExposureSample[] {
    const rows = this.db.prepare('SELECT * FROM exposure_samples WHERE run_id = ? ORDER BY at, id').all(runId) as {
      symbol: string;
      net_size: string;
      pending_size: string;
      price: string;
      at: number;
    }[];
    return rows.map((r) => ({ symbol: r.symbol, netSize: new Decimal(r.net_size), pendingSize: new Decimal(r.pending_size), price: new Decimal(r.price), at: r.at }));
  }
}
