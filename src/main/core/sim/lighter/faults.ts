import { z } from 'zod';
import { CountedFault } from '../engine/counted-fault';
import { LighterError } from './lighter-error';

const count = z.number().int().min(1).max(1_000_000);

/**
 * Body of `POST /admin/faults` (snake_case JSON). Every field is optional;
 * a field given replaces that fault, the others are kept.
 * - `reject_orders`: the next `count` CreateOrder txs are refused with HTTP 400 `{code, message}`
 *   (message defaults to Lighter's text for the code);
 * - `invalid_nonce`: the next `count` txs of any type are refused with 21104 "invalid nonce";
 * - `rate_limit`: the next `count` requests (REST under /api/v1 and WS sendtx) get HTTP 429 / 23000;
 * - `drop_ws`: close every WebSocket connection now (one-shot);
 * - `ack_delay_ms`: answer sendTx / sendTxBatch (REST and WS) this much later (0 = off); the tx executes at once;
 * - `fill_fraction`: an order that crosses fills at most this fraction (0–1) of its size, the rest is
 *   cancelled (`canceled-not-enough-liquidity`); null = off.
 */
export const faultSpecSchema = z
  .object({
    reject_orders: z.object({ count, code: z.number().int().min(1), message: z.string().min(1).optional() }).strict(),
    invalid_nonce: z.object({ count }).strict(),
    rate_limit: z.object({ count }).strict(),
    drop_ws: z.boolean(),
    ack_delay_ms: z.number().int().min(0).max(600_000),
    fill_fraction: z.number().min(0).max(1).nullable(),
  })
  .partial()
  .strict();

/** A fault request (see {@link faultSpecSchema}). */
export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** The faults currently armed, as `GET /admin/state` shows them. */
export interface FaultsView {
  reject_orders: { remaining: number; code: number; message: string } | null;
  invalid_nonce: number;
  rate_limit: number;
  ack_delay_ms: number;
  fill_fraction: number | null;
}

/**
 * The armed faults of one simulator. Counting faults are consumed one per
 * affected request; the others stay until replaced or cleared.
 */
export class FaultState {
  private readonly rejectOrders = new CountedFault<{ code: number; message?: string }>();
  private readonly invalidNonce = new CountedFault<true>();
  private readonly rateLimit = new CountedFault<true>();
  /** Delay of sendTx acks, ms. */
  ackDelayMs = 0;
  /** Largest filled fraction of a crossing order, or null. */
  fillFraction: number | null = null;

  /** Arms the given faults (`drop_ws` is the caller's to act on). */
  set(spec: FaultSpec): void {
    if (spec.reject_orders) this.rejectOrders.arm(spec.reject_orders.count, { code: spec.reject_orders.code, message: spec.reject_orders.message });
    if (spec.invalid_nonce) this.invalidNonce.arm(spec.invalid_nonce.count, true);
    if (spec.rate_limit) this.rateLimit.arm(spec.rate_limit.count, true);
    if (spec.ack_delay_ms !== undefined) this.ackDelayMs = spec.ack_delay_ms;
    if (spec.fill_fraction !== undefined) this.fillFraction = spec.fill_fraction;
  }

  /** Disarms everything. */
  clear(): void {
    this.rejectOrders.clear();
    this.invalidNonce.clear();
    this.rateLimit.clear();
    this.ackDelayMs = 0;
    this.fillFraction = null;
  }

  /** Consumes one order rejection; the error to answer with, or null. */
  takeOrderRejection(): LighterError | null {
    const rejection = this.rejectOrders.take();
    return rejection && new LighterError(rejection.code, undefined, rejection.message);
  }

  /** Consumes one forced invalid nonce; true when the tx must be refused. */
  takeInvalidNonce(): boolean {
    return this.invalidNonce.take() !== null;
  }

  /** Consumes one forced 429; true when the request must be refused. */
  takeRateLimit(): boolean {
    return this.rateLimit.take() !== null;
  }

  /** The armed faults. */
  view(): FaultsView {
    const r = this.rejectOrders.peek();
    return {
      reject_orders: r ? { remaining: r.remaining, code: r.detail.code, message: r.detail.message ?? new LighterError(r.detail.code).message } : null,
      invalid_nonce: this.invalidNonce.remaining,
      rate_limit: this.rateLimit.remaining,
      ack_delay_ms: this.ackDelayMs,
      fill_fraction: this.fillFraction,
    };
  }
}
