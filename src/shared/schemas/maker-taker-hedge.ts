import { z } from 'zod';

/**
 * The maker-taker-hedge strategy's live state (strategies/maker-taker-hedge),
 * emitted as the run event `maker-taker` after every change (an order of A,
 * a fill, a hedge of B, an ack, a transport state change). Sizes are signed
 * decimal strings in base units (e.g. ETH), prices USDC per base unit; times
 * Unix ms (engine clock).
 */
const dec = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string');

/** Which legs this run trades: `both` (A posts, B hedges, one process), `a` (A only), `b` (B only, hedging an A elsewhere). */
export const makerTakerModeSchema = z.enum(['both', 'a', 'b']);
export type MakerTakerMode = z.infer<typeof makerTakerModeSchema>;

/**
 * What A is doing: `idle` (deciding), `resting` (its maker order rests in the
 * book), `awaiting-hedge` (its order ended; waiting for B's acks), `paused`
 * (the fill transport is down: no new orders), `stopped`.
 */
export const makerPhaseSchema = z.enum(['idle', 'resting', 'awaiting-hedge', 'paused', 'stopped']);
export type MakerPhase = z.infer<typeof makerPhaseSchema>;

/** State of the fill transport: `off` (in-process), `connecting`, `up`, `down` (Redis lost: A pauses). */
export const transportStateSchema = z.enum(['off', 'connecting', 'up', 'down']);
export type TransportState = z.infer<typeof transportStateSchema>;

/** A's resting maker order: side, limit price, size and filled size. */
const makerOrderSchema = z.object({ side: z.enum(['buy', 'sell']), price: dec, size: dec, filledSize: dec, reduceOnly: z.boolean() });

/** The `maker-taker` run event. */
export const makerTakerEventSchema = z.object({
  type: z.literal('maker-taker'),
  runId: z.string(),
  at: z.number().int(),
  mode: makerTakerModeSchema,
  symbol: z.string(),
  /** A's phase; null in B-only mode. */
  phase: makerPhaseSchema.nullable(),
  /** Maker orders of A that filled (wholly or partly) and were hedged (B-only mode: fills hedged). */
  cycles: z.number().int().nonnegative(),
  /** Account A (maker): its position and resting order; null when this run does not trade A. */
  a: z.object({ accountId: z.string(), label: z.string(), position: dec, order: makerOrderSchema.nullable() }).nullable(),
  /** Account B (taker): its position, hedges sent and retries used; null when this run does not trade B. */
  b: z.object({ accountId: z.string(), label: z.string(), position: dec, hedges: z.number().int().nonnegative(), retries: z.number().int().nonnegative() }).nullable(),
  /** A's fills not yet hedged by B (signed: positive = A is long that much more than B is short). */
  unhedgedSize: dec,
  transport: transportStateSchema,
});
export type MakerTakerEvent = z.infer<typeof makerTakerEventSchema>;
