import { z } from 'zod';
import { cycleEventSchema } from './cross-venue-hedge';
import { makerTakerEventSchema } from './maker-taker-hedge';

/**
 * The events of strategy runs, pushed on the engine's event bus to the CLI
 * and (through the contract) the UI. Every event carries its `runId` and `at`
 * (Unix ms, engine clock). Money and sizes are decimal strings (USDC; base
 * units), never floats. Shared by the engine, the CLI and the UI (contract event `run.event`).
 */
const dec = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string');
const base = { runId: z.string(), at: z.number().int() };

/**
 * One line of a run summary (one symbol, or the whole run). Money in USDC,
 * as decimal strings; `makerRatio` a fraction 0–1.
 * - `volume`: Σ price × size over every fill of the run's accounts; split into `makerVolume` and `takerVolume`.
 * - `fees`: Σ fees paid (negative = rebates).
 * - `realizedPnl`: closed-position PnL per account (average-cost method), summed.
 * - `wearPer10k`: (fees + realized loss) per 10,000 USDC of volume; realized loss = max(0, −realizedPnl).
 * - `maxAbsNetExposure`: the largest |net exposure| (Σ of the accounts' filled sizes × price) sampled.
 * - `twAbsNetExposure`: time-weighted mean |net exposure| over the run.
 * - `positionUsdcHours`: position-hours: Σ over accounts of |position| × price × hours held (USDC·h).
 */
export const summaryLineSchema = z.object({
  fills: z.number().int().nonnegative(),
  volume: dec,
  makerVolume: dec,
  takerVolume: dec,
  makerRatio: dec,
  fees: dec,
  realizedPnl: dec,
  wearPer10k: dec,
  maxAbsNetExposure: dec,
  twAbsNetExposure: dec,
  positionUsdcHours: dec,
});
export type SummaryLine = z.infer<typeof summaryLineSchema>;

/** A run summary: the whole run and each symbol it traded; `durationMs` from start to end on the engine clock. */
export const runSummarySchema = z.object({
  startedAt: z.number().int(),
  endedAt: z.number().int(),
  durationMs: z.number().int().nonnegative(),
  total: summaryLineSchema,
  symbols: z.array(summaryLineSchema.extend({ symbol: z.string() })),
});
export type RunSummary = z.infer<typeof runSummarySchema>;


/** A run's lifecycle status (engine/run-status.ts). */
export const runStatusSchema = z.enum(['starting', 'running', 'stopping', 'stopped', 'failed']);
/** How much a run may still trade (engine/risk-mode.ts). */
export const riskModeSchema = z.enum(['normal', 'reducing-only', 'halted']);

/**
 * Where one account stands in its round (tri-hedge-hold):
 * - `phase`: its state machine state (see strategies/tri-hedge-hold/account-state.ts).
 * - `symbol`: the symbol it is primary for this round (null: hedger only).
 * - `filledSize` / `targetSize` (base units) and `filledNotional` / `targetNotional` (USDC): entry progress.
 * - `slices`: entry slices that filled (partly or fully) this round.
 * - `holdStartedAt` / `holdEndsAt` (Unix ms) and `holdLeftMs`: the hold countdown.
 * - `exitStartSize` / `exitRemainingSize` (base units): exit progress (remaining = current long).
 */
export const accountProgressSchema = z.object({
  accountId: z.string(),
  label: z.string(),
  role: z.string(),
  symbol: z.string().nullable(),
  phase: z.enum(['idle', 'entering', 'holding', 'exiting', 'done']),
  filledSize: dec,
  targetSize: dec,
  filledNotional: dec,
  targetNotional: dec,
  slices: z.number().int().nonnegative(),
  holdStartedAt: z.number().int().nullable(),
  holdEndsAt: z.number().int().nullable(),
  holdLeftMs: z.number().int().nullable(),
  exitStartSize: dec.nullable(),
  exitRemainingSize: dec.nullable(),
});
export type AccountProgress = z.infer<typeof accountProgressSchema>;

/**
 * Net exposure of one symbol across the run's accounts: `netSize` = Σ filled
 * sizes (signed, base units); `pendingSize` = signed size of hedges sent and
 * not yet filled; `uncoveredSize` = net + pending (what in-flight hedges will
 * not cover); `boundSize` = the tolerated |uncovered| (one minimum order);
 * `netNotional` = |net| × price (USDC).
 */
export const symbolExposureSchema = z.object({
  symbol: z.string(),
  netSize: dec,
  pendingSize: dec,
  uncoveredSize: dec,
  boundSize: dec,
  price: dec,
  netNotional: dec,
});
export type SymbolExposure = z.infer<typeof symbolExposureSchema>;

const orderView = z.object({
  clientOrderId: z.string(),
  venueOrderId: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['limit', 'market']),
  timeInForce: z.string(),
  reduceOnly: z.boolean(),
  price: dec,
  size: dec,
  filledSize: dec,
  status: z.string(),
  rejection: z.string().nullable(),
});

const fillView = z.object({
  fillId: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  price: dec,
  size: dec,
  fee: dec,
  liquidity: z.enum(['maker', 'taker']),
  clientOrderId: z.string().nullable(),
});

/** Per-account progress, after every change and at least once a second of engine time while running. */
export const progressEventSchema = z.object({
  type: z.literal('progress'),
  ...base,
  round: z.number().int().nonnegative(),
  /** Rounds the run will do (run_once), null when it loops until stopped. */
  rounds: z.number().int().positive().nullable(),
  accounts: z.array(accountProgressSchema),
});

/**
 * One account's position in one of the run's symbols, two ways: `recordedSize`
 * = the position the run started from plus every recorded fill (signed, base
 * units); `venueSize` = what the venue reports. `mismatch`: they differ and
 * the venue's trade history did not explain it.
 */
export const positionCheckSchema = z.object({
  accountId: z.string(),
  symbol: z.string(),
  recordedSize: dec,
  venueSize: dec,
  mismatch: z.boolean(),
});
export type PositionCheck = z.infer<typeof positionCheckSchema>;

/**
 * The result of one reconciliation of a run with its venues (engine/run-reconciler.ts):
 * why it ran (`start` of the run or of a resume, a venue `reconnect`, the
 * `periodic` timer, the `stop` of the run once its strategy ended, before the summary), each account's positions recorded vs the venue's,
 * fills found in the venues' trade history that had not been recorded (now
 * recorded once), orders left `submitting`/`open` that the venue's status
 * resolved, and fills that arrived twice so far (dropped as duplicates).
 */
export const reconciliationEventSchema = z.object({
  type: z.literal('reconciliation'),
  ...base,
  trigger: z.enum(['start', 'reconnect', 'periodic', 'stop']),
  positions: z.array(positionCheckSchema),
  missingFillsRecorded: z.number().int().nonnegative(),
  ordersResolved: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});

/** Every run event, discriminated by `type`. */
export const runEventSchema = z.discriminatedUnion('type', [
  /** The run's lifecycle status changed (engine/run-status.ts). */
  z.object({ type: z.literal('status'), ...base, from: runStatusSchema.nullable(), to: runStatusSchema, reason: z.string().nullable() }),
  progressEventSchema,
  /** Net exposure per symbol, after the strategy handled an event (a fill and the hedges it sent). */
  z.object({ type: z.literal('exposure'), ...base, symbols: z.array(symbolExposureSchema) }),
  /** An order of the run was recorded: sent (`submitting`), refused (`failed`) or updated by the venue. */
  z.object({ type: z.literal('order'), ...base, accountId: z.string(), purpose: z.string(), order: orderView }),
  /** A fill of one of the run's accounts was recorded (once per fill). */
  z.object({ type: z.literal('fill'), ...base, accountId: z.string(), purpose: z.string(), fill: fillView }),
  /**
   * Hedge legs sent for a fill of a primary (`forFillId`) or for carried
   * amounts (`forFillId` null). `carried`: per hedger, the signed size kept for
   * its next hedge (below one minimum order). `startedAt`: when the
   * strategy began handling the event that led to it (events are handled one
   * at a time). `latencyMs`: from the fill's arrival to every leg accepted by
   * the venue (null when no leg was sent).
   */
  z.object({
    type: z.literal('hedge'),
    ...base,
    symbol: z.string(),
    forAccountId: z.string().nullable(),
    forFillId: z.string().nullable(),
    legs: z.array(z.object({ accountId: z.string(), side: z.enum(['buy', 'sell']), size: dec, clientOrderId: z.string() })),
    carried: z.array(z.object({ accountId: z.string(), size: dec })),
    startedAt: z.number().int(),
    latencyMs: z.number().nonnegative().nullable(),
  }),
  /** One account's strategy state machine moved. */
  z.object({ type: z.literal('transition'), ...base, accountId: z.string(), from: z.string().nullable(), to: z.string(), reason: z.string().nullable() }),
  /** The risk guard made the run stricter (engine/risk-mode.ts). */
  z.object({ type: z.literal('risk'), ...base, from: riskModeSchema, to: riskModeSchema, reason: z.string() }),
  /** Something the user should read in the run's event log. */
  z.object({ type: z.literal('log'), ...base, level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  /** The run was reconciled with its venues: recorded vs venue positions, fills and orders caught up. */
  reconciliationEventSchema,
  /** The run ended; its summary. */
  z.object({ type: z.literal('summary'), ...base, summary: runSummarySchema }),
  /** cross-venue-hedge: one cycle's legs, prices, fees and PnL (schemas/cross-venue-hedge.ts). */
  cycleEventSchema,
  /** maker-taker-hedge: cycles, A and B positions, unhedged size, transport state (schemas/maker-taker-hedge.ts). */
  makerTakerEventSchema,
]);
export type RunEvent = z.infer<typeof runEventSchema>;
/** The event of one `type`. */
export type RunEventOf<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;
type WithoutStamp<E> = E extends unknown ? Omit<E, 'runId' | 'at'> : never;
/** An event as a strategy emits it: the run's emitter adds `runId` and `at`. */
export type RunEventInput = WithoutStamp<RunEvent>;

/** A run as the CLI and the UI list it (engine `RunView`). Times Unix ms. */
export const runViewSchema = z.object({
  id: z.string(),
  strategy: z.string(),
  status: runStatusSchema,
  /** True for a run that was running when the process ended: resume or flatten it. */
  interrupted: z.boolean(),
  accounts: z.array(z.object({ role: z.string(), accountId: z.string(), label: z.string() })),
  riskMode: riskModeSchema,
  stopReason: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  /** Latest per-account progress (runs active in this process), else null. */
  progress: progressEventSchema.nullable(),
  /** Latest net exposure per symbol (runs active in this process). */
  exposure: z.array(symbolExposureSchema),
  /** The latest reconciliation with the venues (runs active in this process), else null: the venue's truth next to the recorded view. */
  reconciliation: reconciliationEventSchema.nullable(),
  summary: runSummarySchema.nullable(),
});
export type RunViewShape = z.infer<typeof runViewSchema>;

/** A run with its configuration, lifecycle log and net exposure series (engine `RunDetails`). */
export const runDetailsSchema = runViewSchema.extend({
  config: z.unknown(),
  /** The strategy's last saved state (e.g. cross-venue-hedge's cycle history), null before it saved any. */
  state: z.unknown(),
  transitions: z.array(
    z.object({ id: z.number().int(), runId: z.string(), scope: z.string(), from: z.string().nullable(), to: z.string(), reason: z.string().nullable(), at: z.number().int() }),
  ),
  exposureSeries: z.array(z.object({ symbol: z.string(), at: z.number().int(), netSize: dec, netNotional: dec })),
});
