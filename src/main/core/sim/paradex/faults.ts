import { z } from 'zod';
import { CountedFault } from '../engine/counted-fault';

const count = z.number().int().min(1).max(1_000_000);

/**
 * Body of `POST /admin/faults` (snake_case JSON); every field optional, a
 * field given replaces that fault, the others are kept:
 * - `reject_orders: {count, cancel_reason?}`: the next `count` accepted orders come back
 *   `status: CLOSED` with that `cancel_reason` (default `NOT_ENOUGH_MARGIN`) instead of
 *   executing — the way Paradex reports asynchronous risk rejections (paradex.md §5);
 * - `rate_limit: {count}`: the next `count` requests under `/v1/` get HTTP 429;
 * - `drop_ws: true`: every WebSocket connection is terminated now (one-shot);
 * - `ack_delay_ms`: answers of order placement / cancellation come this much later (clock ms); the order executes at once;
 * - `fill_fraction: 0…1 | null`: a crossing order fills at most this fraction; the rest is closed `NO_LIQUIDITY`;
 * - `expire_jwts: true`: every JWT issued so far stops verifying (one-shot);
 * - `jwt_ttl_ms`: lifetime of JWTs issued from now on (default 300,000).
 */
export const faultSpecSchema = z
  .object({
    reject_orders: z.object({ count, cancel_reason: z.string().regex(/^[A-Z_]+$/).optional() }).strict(),
    rate_limit: z.object({ count }).strict(),
    drop_ws: z.boolean(),
    ack_delay_ms: z.number().int().min(0).max(600_000),
    fill_fraction: z.number().min(0).max(1).nullable(),
    expire_jwts: z.boolean(),
    jwt_ttl_ms: z.number().int().min(1).max(86_400_000),
  })
  .partial()
  .strict();

/** A fault request (see {@link faultSpecSchema}). */
export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** The armed faults, as `GET /admin/state` shows them. */
export interface FaultsView {
  reject_orders: { remaining: number; cancel_reason: string } | null;
  rate_limit: number;
  ack_delay_ms: number;
  fill_fraction: number | null;
}

/** Default `cancel_reason` of the reject-orders fault. */
export const DEFAULT_REJECT_REASON = 'NOT_ENOUGH_MARGIN';

/**
 * The armed faults of one Paradex simulator. Counting faults are consumed one
 * per affected request; the others stay until replaced or cleared. The
 * one-shot actions (`drop_ws`, `expire_jwts`, `jwt_ttl_ms`) are the admin's to perform.
 */
export class FaultState {
  private readonly rejectOrders = new CountedFault<string>();
  private readonly rateLimit = new CountedFault<true>();
  /** Delay of order placement / cancellation answers, ms. */
  ackDelayMs = 0;
  /** Largest filled fraction of a crossing order, or null. */
  fillFraction: number | null = null;

  /** Arms the counting and standing faults of `spec`. */
  set(spec: FaultSpec): void {
    if (spec.reject_orders) this.rejectOrders.arm(spec.reject_orders.count, spec.reject_orders.cancel_reason ?? DEFAULT_REJECT_REASON);
    if (spec.rate_limit) this.rateLimit.arm(spec.rate_limit.count, true);
    if (spec.ack_delay_ms !== undefined) this.ackDelayMs = spec.ack_delay_ms;
    if (spec.fill_fraction !== undefined) this.fillFraction = spec.fill_fraction;
  }

  /** Disarms everything. */
  clear(): void {
    this.rejectOrders.clear();
    this.rateLimit.clear();
    this.ackDelayMs = 0;
    this.fillFraction = null;
  }

  /** Consumes one order rejection: the `cancel_reason` to close the order with, or null. */
  takeOrderRejection(): string | null {
    return this.rejectOrders.take();
  }

  /** Consumes one forced 429; true when the request must be refused. */
  takeRateLimit(): boolean {
    return this.rateLimit.take() !== null;
  }

  /** The armed faults. */
  view(): FaultsView {
    const r = this.rejectOrders.peek();
    return {
      reject_orders: r ? { remaining: r.remaining, cancel_reason: r.detail } : null,
      rate_limit: this.rateLimit.remaining,
      ack_delay_ms: this.ackDelayMs,
      fill_fraction: this.fillFraction,
    };
  }
}
