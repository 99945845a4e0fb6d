import Decimal from 'decimal.js';
import type { PositionCheck, RunEventOf } from '../../../shared/schemas/runs';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { sameFillContent, type FillRecord, type FillsRepository } from '../store/fills-repository';
import type { OrderRecord, OrdersRepository } from '../store/orders-repository';
import type { BaselinePositions } from '../store/runs-repository';
import type { Fill, Order, Position } from '../venues/venue';
import { decimalText } from './decimal-text';
import type { RecordingVenue } from './recording-venue';

/** Why a reconciliation ran. */
export type ReconcileTrigger = 'start' | 'reconnect' | 'periodic' | 'stop';

/** One reconciliation's result, as the run event carries it (without run id and time). */
export type ReconciliationReport = Omit<RunEventOf<'reconciliation'>, 'runId' | 'at' | 'type'>;

/** How many recent fills of each account are read from the venue's trade history per reconciliation (Lighter's page). */
export const FILL_HISTORY_PAGE = 100;
/** An order still `submitting` this long after it was written (ms of engine clock) and unknown to the venue never reached it (Nautilus: `inflight_check_threshold_ms`). */
const SUBMIT_GRACE_MS = 30_000;
/** Single-order status reads per account per pass, so a pass stays within the rate budget; the rest wait for the next pass (Nautilus: `max_single_order_queries_per_cycle`). */
const MAX_ORDER_QUERIES_PER_PASS = 5;

/** Construction of a {@link RunReconciler}. */
export interface RunReconcilerOptions {
  runId: string;
  /** The run's accounts and their recording venues. */
  accounts: readonly { accountId: string; label: string; venue: RecordingVenue }[];
  /** The run's symbols (positions in other symbols are not the run's). */
  symbols: ReadonlySet<string>;
  orders: OrdersRepository;
  fills: FillsRepository;
  /** Per account and symbol, the position the run started from (signed base units). */
  baseline: BaselinePositions;
  clock: Clock;
  logger: Logger;
  /**
   * A difference between the venue's position and the recorded one that the
   * trade history does not explain (seen at start, or twice in a row with
   * the same sizes while running): the engine alerts and makes the run
   * reducing-only. Called once per account, symbol and pair of sizes.
   */
  onMismatch(check: PositionCheck, message: string): void;
  /** Every finished reconciliation (the engine emits it as a run event). */
  onReport(report: ReconciliationReport): void;
}

const ZERO = new Decimal(0);
const key = (accountId: string, symbol: string) => `${accountId}\u0000${symbol}`;

/**
 * Continuous reconciliation of one run with its venues, after
 * NautilusTrader's live execution engine (nautilus_live `LiveExecEngineConfig`:
 * reconciliation at start-up, then in-flight, open-order and position
 * checks on intervals, each with a threshold and retries): the venue is the
 * truth, the records are caught up to it, and what history cannot explain
 * is raised.
 * One {@link reconcile} pass, per account:
 * 1. reads the venue's positions (before the history, so every fill behind
 *    a position is in the history read next);
 * 2. reads the last {@link FILL_HISTORY_PAGE} fills of the trade history and
 *    records, exactly once, each fill of one of the run's orders that was
 *    not recorded (a fill stored with other content raises the integrity
 *    alarm through the recording venue);
 * 3. resolves every order of the run left `submitting`, `pending`, `open` or
 *    `partially_filled` in SQLite against the venue (open orders, then the
 *    order's own status, at most 5 single-order reads per account per pass);
 *    an order still `submitting` 30 s after it was written that the venue
 *    does not know is marked `failed`; an order stored `failed` without a
 *    venue refusal (no answer, venue unavailable) is asked about once, 30 s
 *    on, and takes the venue's state if the venue has it;
 * 4. compares, per symbol of the run, the venue's position with the
 *    baseline + Σ the run's recorded fills. At `start` and `stop` a
 *    difference is a mismatch at once (nothing trades then); while running
 *    it must be seen twice in a row with the same sizes (a fill between the
 *    two reads is not one).
 * Passes never overlap (a request during a pass is served by a fresh pass
 * right after). A failed read is logged and retried at the next trigger.
 */
export class RunReconciler {
  private running: Promise<ReconciliationReport | null> | null = null;
  private again: ReconcileTrigger | null = null;
  /** Unexplained differences seen last pass, by account and symbol: "venue|recorded". */
  private readonly suspect = new Map<string, string>();
  /** Differences already alerted, by account and symbol: "venue|recorded". */
  private readonly alerted = new Map<string, string>();
  /** Orders stored `failed` without a venue refusal that the venue did not know when asked (asked once). */
  private readonly unconfirmedChecked = new Set<string>();
  /** Fills whose history content conflicts with the stored one, already alarmed. */
  private readonly conflicted = new Set<string>();

  constructor(private readonly opts: RunReconcilerOptions) {}

  /** Reconciles once (or joins the pass under way and runs one more after it); null when a read failed. */
  reconcile(trigger: ReconcileTrigger): Promise<ReconciliationReport | null> {
    if (this.running) {
      this.again ??= trigger;
      return this.running.then(() => this.running ?? this.reconcile(trigger));
    }
    this.running = this.pass(trigger).finally(() => {
      this.running = null;
      const next = this.again;
      this.again = null;
      if (next) void this.reconcile(next);
    });
    return this.running;
  }

  /**
   * Reconciles every `intervalMs` of clock time and after every venue
   * reconnect (`resynced` on an account stream) until `signal` aborts;
   * resolves then (after the pass under way).
   */
  async runPeriodically(intervalMs: number, signal: AbortSignal): Promise<void> {
    const offs = this.opts.accounts.map((a) =>
      a.venue.onAccountEvent((e) => {
        if (e.type === 'connection' && e.state === 'resynced' && !signal.aborted) void this.reconcile('reconnect');
      }),
    );
    try {
      for (;;) {
        await this.opts.clock.sleep(intervalMs, signal).catch(() => undefined);
        if (signal.aborted) break;
        await this.reconcile('periodic');
      }
      await this.running;
    } finally {
      for (const off of offs) off();
    }
  }

  private async pass(trigger: ReconcileTrigger): Promise<ReconciliationReport | null> {
    const log = this.opts.logger.child({ component: 'engine.reconcile', runId: this.opts.runId, trigger });
    let missingFillsRecorded = 0;
    let ordersResolved = 0;
    const positions: PositionCheck[] = [];
    try {
      for (const account of this.opts.accounts) {
        const venuePositions = await account.venue.positions();
        const history = await account.venue.fillHistory(FILL_HISTORY_PAGE);
        missingFillsRecorded += this.catchUpFills(account, history, trigger === 'reconnect' || trigger === 'periodic', log);
        ordersResolved += await this.resolveOrders(account, log);
        positions.push(...this.comparePositions(account, venuePositions, trigger, log));
      }
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'reconciliation with the venues failed; retrying at the next trigger');
      return null;
    }
    const duplicates = this.opts.accounts.reduce((n, a) => n + a.venue.duplicates, 0);
    const report: ReconciliationReport = { trigger, positions, missingFillsRecorded, ordersResolved, duplicates };
    if (missingFillsRecorded > 0 || ordersResolved > 0) log.info({ missingFillsRecorded, ordersResolved }, 'reconciliation caught the records up with the venues');
    this.opts.onReport(report);
    return report;
  }

  /** Records the history fills of the run's orders that are not stored (`running`: a pass while the strategy runs); raises the alarm for stored ones with other content. */
  private catchUpFills(account: RunReconcilerOptions['accounts'][number], history: readonly Fill[], running: boolean, log: Logger): number {
    const { fills, orders, runId } = this.opts;
    const { venue } = account;
    let recorded = 0;
    for (const fill of [...history].reverse()) {
      const order =
        (fill.clientOrderId !== null ? orders.get({ venue: venue.venue, accountId: account.accountId, clientOrderId: fill.clientOrderId }) : null) ??
        orders.getByVenueOrderId(venue.venue, account.accountId, fill.venueOrderId);
      const stored = fills.get(venue.venue, account.accountId, fill.fillId);
      if (stored && sameFillContent(stored, fill)) continue;
      if (!stored && order?.runId !== runId) continue;
      if (stored) {
        // Other content under a stored identity: offered once, so the recording venue raises the alarm once.
        const conflict = `${account.accountId}\u0000${fill.fillId}`;
        if (this.conflicted.has(conflict)) continue;
        this.conflicted.add(conflict);
      }
      // While the run runs, the stream may only be late (its resync still under way): the recording venue then delivers the fill it brings.
      const outcome = venue.recordMissedFill(order && fill.clientOrderId === null ? { ...fill, clientOrderId: order.clientOrderId } : fill, { deliverWhenStreamed: running });
      if (outcome === 'new') {
        recorded++;
        log.warn({ account: account.accountId, fillId: fill.fillId, symbol: fill.symbol, side: fill.side, size: fill.size.toString() }, 'recorded a fill the stream had not delivered');
      }
    }
    return recorded;
  }

  /** Brings the run's unresolved orders of the account to the venue's state; returns how many changed. */
  private async resolveOrders(account: RunReconcilerOptions['accounts'][number], log: Logger): Promise<number> {
    const { orders, runId, clock } = this.opts;
    const unresolved = orders.listUnresolved(runId).filter((o) => o.accountId === account.accountId);
    if (unresolved.length === 0) return 0;
    const open = new Map((await account.venue.openOrders()).flatMap((o) => (o.clientOrderId === null ? [] : [[o.clientOrderId, o] as const])));
    let resolved = 0;
    let queries = 0;
    for (const record of unresolved) {
      const unconfirmed = record.status === 'failed';
      if (unconfirmed && (this.unconfirmedChecked.has(record.clientOrderId) || clock.now() - record.updatedAt < SUBMIT_GRACE_MS)) continue;
      let order = open.get(record.clientOrderId) ?? null;
      if (!order) {
        if (queries >= MAX_ORDER_QUERIES_PER_PASS) continue;
        queries++;
        order = await account.venue.orderByClientId(record.symbol, record.clientOrderId);
      }
      if (order) {
        if (differs(record, order)) {
          account.venue.recordOrderState(order);
          resolved++;
        }
        continue;
      }
      if (unconfirmed) {
        // Asked once: the venue does not know it, so the failure stands.
        this.unconfirmedChecked.add(record.clientOrderId);
      } else if (record.status === 'submitting' && clock.now() - record.createdAt >= SUBMIT_GRACE_MS) {
        const key = { venue: record.venue, accountId: record.accountId, clientOrderId: record.clientOrderId };
        orders.markFailed(key, 'OrderNotFound', 'the venue does not know this order (reconciliation): it never arrived', Math.floor(clock.now()));
        resolved++;
        log.warn({ account: account.accountId, clientOrderId: record.clientOrderId }, 'an order left submitting is unknown to the venue: marked failed');
      } else if (record.status !== 'submitting') {
        log.warn({ account: account.accountId, clientOrderId: record.clientOrderId, status: record.status }, 'an order of the run is not in the venue’s readable history; left as recorded');
      }
    }
    return resolved;
  }

  /** Venue vs recorded position per symbol of the run; raises confirmed, new mismatches. */
  private comparePositions(account: RunReconcilerOptions['accounts'][number], venuePositions: readonly Position[], trigger: ReconcileTrigger, log: Logger): PositionCheck[] {
    const recorded = this.recordedPositions(account.accountId);
    const checks: PositionCheck[] = [];
    for (const symbol of [...this.opts.symbols].sort()) {
      const venueSize = venuePositions.find((p) => p.symbol === symbol)?.size ?? ZERO;
      const recordedSize = recorded.get(symbol) ?? ZERO;
      const k = key(account.accountId, symbol);
      const sizes = `${venueSize.toString()}|${recordedSize.toString()}`;
      let mismatch = false;
      if (venueSize.eq(recordedSize)) {
        this.suspect.delete(k);
        this.alerted.delete(k);
      } else if (trigger === 'start' || trigger === 'stop' || this.suspect.get(k) === sizes) {
        mismatch = true;
      } else {
        this.suspect.set(k, sizes);
      }
      const check: PositionCheck = { accountId: account.accountId, symbol, recordedSize: decimalText(recordedSize), venueSize: decimalText(venueSize), mismatch };
      checks.push(check);
      if (mismatch && this.alerted.get(k) !== sizes) {
        this.alerted.set(k, sizes);
        const message =
          `account "${account.label}" holds ${check.venueSize} ${symbol} on ${account.venue.venue}, but the run's records (start position + recorded fills) say ${check.recordedSize}; ` +
          `the venue's trade history does not explain the difference of ${decimalText(venueSize.minus(recordedSize))}`;
        log.error({ account: account.accountId, symbol, venueSize: check.venueSize, recordedSize: check.recordedSize }, `position mismatch: ${message}`);
        this.opts.onMismatch(check, message);
      }
    }
    return checks;
  }

  /** Baseline + Σ the run's recorded fills of the account, per symbol (signed base units). */
  private recordedPositions(accountId: string): Map<string, Decimal> {
    const out = new Map<string, Decimal>();
    for (const [symbol, size] of Object.entries(this.opts.baseline[accountId] ?? {})) out.set(symbol, new Decimal(size));
    for (const f of this.opts.fills.listByRun(this.opts.runId)) {
      if (f.accountId !== accountId) continue;
      out.set(f.symbol, (out.get(f.symbol) ?? ZERO).plus(f.side === 'buy' ? f.size : f.size.neg()));
    }
    return out;
  }
}

/** True when the venue's order says more than the stored record (status or filled size). */
function differs(record: OrderRecord, order: Order): boolean {
  return record.status !== order.status || !record.filledSize.eq(order.filledSize);
}

/**
 * The positions a run starts from, to store as its baseline (per account,
 * per symbol of the run: signed base units, decimal strings): the venue's
 * positions just reconciled minus the run's recorded fills — at a first
 * start there are none, so it is the venue's positions; for a run stored
 * before baselines were kept, only differences from now on count.
 */
export function startingBaseline(
  reconciled: ReadonlyMap<string, { positions: readonly Position[] }>,
  recordedFills: readonly FillRecord[],
  symbols: ReadonlySet<string>,
): BaselinePositions {
  const out: BaselinePositions = {};
  for (const [accountId, { positions }] of reconciled) {
    const sizes = new Map<string, Decimal>();
    for (const p of positions) if (symbols.has(p.symbol)) sizes.set(p.symbol, p.size);
    for (const f of recordedFills) {
      if (f.accountId !== accountId || !symbols.has(f.symbol)) continue;
      sizes.set(f.symbol, (sizes.get(f.symbol) ?? ZERO).minus(f.side === 'buy' ? f.size : f.size.neg()));
    }
    out[accountId] = Object.fromEntries([...sizes].filter(([, size]) => !size.isZero()).map(([symbol, size]) => [symbol, size.toString()]));
  }
  return out;
}
