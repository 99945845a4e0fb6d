import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import type { Order, OrderStatus, PlaceOrderRequest, Side, TimeInForce } from '../venues/venue';

/**
 * Stored order status: the venue's {@link OrderStatus}, or
 * `submitting` (written before the request is sent) and
 * `failed` (the venue refused the request itself; nothing rests).
 */
export type StoredOrderStatus = OrderStatus | 'submitting' | 'failed';

/** An order a run placed. Prices USDC, sizes base units, times Unix ms. */
export interface OrderRecord {
  runId: string;
  venue: string;
  accountId: string;
  clientOrderId: string;
  venueOrderId: string | null;
  /** What the strategy placed it for, e.g. `entry`, `hedge`, `exit`, `flatten`. */
  purpose: string;
  symbol: string;
  side: Side;
  type: 'limit' | 'market';
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  price: Decimal;
  size: Decimal;
  filledSize: Decimal;
  avgFillPrice: Decimal | null;
  status: StoredOrderStatus;
  /** The venue's typed refusal (VenueErrorKind), when it refused. */
  rejection: string | null;
  error: string | null;
  txId: string | null;
  createdAt: number;
  updatedAt: number;
}

interface OrderRow {
  run_id: string;
  venue: string;
  account_id: string;
  client_order_id: string;
  venue_order_id: string | null;
  purpose: string;
  symbol: string;
  side: Side;
  type: 'limit' | 'market';
  time_in_force: TimeInForce;
  reduce_only: number;
  price: string;
  size: string;
  filled_size: string;
  avg_fill_price: string | null;
  status: StoredOrderStatus;
  rejection: string | null;
  error: string | null;
  tx_id: string | null;
  created_at: number;
  updated_at: number;
}

function toRecord(r: OrderRow): OrderRecord {
  return {
    runId: r.run_id,
    venue: r.venue,
    accountId: r.account_id,
    clientOrderId: r.client_order_id,
    venueOrderId: r.venue_order_id,
    purpose: r.purpose,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    timeInForce: r.time_in_force,
    reduceOnly: r.reduce_only === 1,
    price: new Decimal(r.price),
    size: new Decimal(r.size),
    filledSize: new Decimal(r.filled_size),
    avgFillPrice: r.avg_fill_price === null ? null : new Decimal(r.avg_fill_price),
    status: r.status,
    rejection: r.rejection,
    error: r.error,
    txId: r.tx_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Which account's order: venue, account and the caller's client order id. */
export interface OrderKey {
  venue: string;
  accountId: string;
  clientOrderId: string;
}

/**
 * The orders of runs in SQLite, keyed by (venue, account, client order id).
 * Written before a request is sent (`submitting`), then with the venue's
 * answer and every order update.
 */
export class OrdersRepository {
  constructor(private readonly db: Database) {}

  /** Records an order about to be sent (`submitting`). The request must carry its client order id. */
  insertSubmitting(runId: string, key: OrderKey, order: PlaceOrderRequest, purpose: string, at: number): void {
    this.db
      .prepare(
        `INSERT INTO orders (run_id, venue, account_id, client_order_id, purpose, symbol, side, type, time_in_force,
           reduce_only, price, size, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitting', ?, ?)`,
      )
      .run(
        runId,
        key.venue,
        key.accountId,
        key.clientOrderId,
        purpose,
        order.symbol,
        order.side,
        order.type,
        order.type === 'market' ? 'IOC' : order.timeInForce,
        order.reduceOnly ? 1 : 0,
        order.price.toString(),
        order.size.toString(),
        at,
        at,
      );
  }

  /** The venue accepted the request: `pending` (unless an order update already moved it on) with its tx id. */
  markAccepted(key: OrderKey, txId: string | null, venueOrderId: string | null, at: number): void {
    this.db
      .prepare(
        `UPDATE orders SET tx_id = ?, venue_order_id = COALESCE(venue_order_id, ?),
           status = CASE status WHEN 'submitting' THEN 'pending' ELSE status END, updated_at = ?
         WHERE venue = ? AND account_id = ? AND client_order_id = ?`,
      )
      .run(txId, venueOrderId, at, key.venue, key.accountId, key.clientOrderId);
  }

  /** The venue refused the request (or it could not be sent): `failed` with the typed kind and message. */
  markFailed(key: OrderKey, rejection: string | null, error: string, at: number): void {
    this.db
      .prepare(
        `UPDATE orders SET status = 'failed', rejection = ?, error = ?, updated_at = ?
         WHERE venue = ? AND account_id = ? AND client_order_id = ?`,
      )
      .run(rejection, error, at, key.venue, key.accountId, key.clientOrderId);
  }

  /**
   * Applies an order update from the venue to the stored order with the same
   * client order id (else the same venue order id). Returns the updated
   * record, or null when the order is not one of a run's.
   */
  applyUpdate(venue: string, accountId: string, order: Order, at: number): OrderRecord | null {
    const row = (
      order.clientOrderId !== null
        ? this.db.prepare('SELECT * FROM orders WHERE venue = ? AND account_id = ? AND client_order_id = ?').get(venue, accountId, order.clientOrderId)
        : this.db.prepare('SELECT * FROM orders WHERE venue = ? AND account_id = ? AND venue_order_id = ?').get(venue, accountId, order.venueOrderId)
    ) as OrderRow | undefined;
    if (!row) return null;
    this.db
      .prepare(
        `UPDATE orders SET venue_order_id = ?, filled_size = ?, avg_fill_price = ?, status = ?, rejection = ?, updated_at = ?
         WHERE venue = ? AND account_id = ? AND client_order_id = ?`,
      )
      .run(
        order.venueOrderId,
        order.filledSize.toString(),
        order.avgFillPrice?.toString() ?? null,
        order.status,
        order.rejection,
        at,
        venue,
        accountId,
        row.client_order_id,
      );
    return this.get({ venue, accountId, clientOrderId: row.client_order_id });
  }

  /** The stored order, or null. */
  get(key: OrderKey): OrderRecord | null {
    const row = this.db
      .prepare('SELECT * FROM orders WHERE venue = ? AND account_id = ? AND client_order_id = ?')
      .get(key.venue, key.accountId, key.clientOrderId) as OrderRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The stored order with this venue order id, or null. */
  getByVenueOrderId(venue: string, accountId: string, venueOrderId: string): OrderRecord | null {
    const row = this.db.prepare('SELECT * FROM orders WHERE venue = ? AND account_id = ? AND venue_order_id = ?').get(venue, accountId, venueOrderId) as OrderRow | undefined;
    return row ? toRecord(row) : null;
  }

  /**
   * A run's orders whose outcome is not known yet, oldest first:
   * `submitting`, `pending`, `open`, `partially_filled`, and `failed`
   * without a venue refusal (the request could not be confirmed — no answer,
   * venue unavailable, unknown error — so the order may rest or have filled).
   */
  listUnresolved(runId: string): OrderRecord[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM orders WHERE run_id = ? AND (status IN ('submitting', 'pending', 'open', 'partially_filled')
             OR (status = 'failed' AND (rejection IS NULL OR rejection IN ('VenueUnavailable', 'Unknown')))) ORDER BY id`,
        )
        .all(runId) as OrderRow[]
    ).map(toRecord);
  }

  /** Every order of a run, oldest first. */
  listByRun(runId: string): OrderRecord[] {
    return (this.db.prepare('SELECT * FROM orders WHERE run_id = ? ORDER BY id').all(runId) as OrderRow[]).map(toRecord);
  }
}
