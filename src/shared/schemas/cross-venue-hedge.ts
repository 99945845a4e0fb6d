import { z } from 'zod';

/**
 * The cross-venue-hedge strategy's cycle record (strategies/cross-venue-hedge):
 * one long hedge leg and one short hedge leg opened at once on two accounts,
 * held, and closed at once. Emitted as the run event `cycle` on every phase
 * change and about once a second while holding (marks and PnL), and stored
 * in the run's state (history after a restart). Money in USDC, sizes in base
 * units, prices in USDC per base unit — all decimal strings; times Unix ms
 * (engine clock); slippage in basis points.
 */
const dec = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string');

/** Where a cycle stands: `opening` (both legs sent), `holding`, `closing`, `closed` (both legs closed), `failed` (the open failed; rolled back). */
export const cyclePhaseSchema = z.enum(['opening', 'holding', 'closing', 'closed', 'failed']);
export type CyclePhase = z.infer<typeof cyclePhaseSchema>;

/**
 * Why a cycle ended: `take-profit` / `stop-loss` (one leg's PnL reached the
 * threshold, % of its entry), `hold-expired`, `stop` (the run was stopped),
 * `open-failed` (a leg was refused or filled nothing; the other was rolled back),
 * `leg-closed` (a leg's position shrank outside the run — liquidated or closed by hand — so the other was closed).
 */
export const cycleCloseReasonSchema = z.enum(['take-profit', 'stop-loss', 'hold-expired', 'stop', 'open-failed', 'leg-closed']);
export type CycleCloseReason = z.infer<typeof cycleCloseReasonSchema>;

/**
 * One hedge leg of a cycle.
 * - `role`: `long` (buys to open) or `short` (sells to open); `side` the opening side.
 * - `size`: the hedged size held (base units; equal on both legs once the open settled).
 * - `entryPrice` / `exitPrice`: average fill prices (USDC); `entryMid` / `exitMid`: the venue's mid when the orders were sent.
 * - `mark`: the venue's latest mid (USDC) while holding; the exit price once closed.
 * - `fees`: fees paid on this leg's fills in the cycle (USDC, negative = rebates), rollbacks included.
 * - `pnl`: (mark or exit − entry) × size, signed for the side, minus `fees` (USDC).
 * - `pnlPct`: price PnL as % of the entry (what take-profit / stop-loss judge).
 * - `entrySlippageBps` / `exitSlippageBps`: fill price vs. the mid at sending, bps, positive = paid away.
 */
export const cycleLegSchema = z.object({
  role: z.enum(['long', 'short']),
  accountId: z.string(),
  label: z.string(),
  venue: z.string(),
  side: z.enum(['buy', 'sell']),
  size: dec,
  entryPrice: dec.nullable(),
  exitPrice: dec.nullable(),
  entryMid: dec.nullable(),
  exitMid: dec.nullable(),
  mark: dec.nullable(),
  fees: dec,
  pnl: dec,
  pnlPct: dec.nullable(),
  entrySlippageBps: dec.nullable(),
  exitSlippageBps: dec.nullable(),
});
export type CycleLeg = z.infer<typeof cycleLegSchema>;

/**
 * One cycle: its number (1, 2, …), symbol, phase, the quantity aimed for
 * (`targetSize`, base units), both legs, totals (`fees`, `pnl` in USDC),
 * times (`startedAt`, `openedAt`, `holdEndsAt`, `closedAt`, Unix ms),
 * why it ended, a human `detail` (refusals, rollbacks) and, after it
 * ended, when the next one starts (`nextCycleAt`, the cooldown; null when the run stops).
 */
export const cycleRecordSchema = z.object({
  cycle: z.number().int().positive(),
  symbol: z.string(),
  phase: cyclePhaseSchema,
  targetSize: dec,
  legs: z.array(cycleLegSchema),
  fees: dec,
  pnl: dec,
  startedAt: z.number().int(),
  openedAt: z.number().int().nullable(),
  holdEndsAt: z.number().int().nullable(),
  closedAt: z.number().int().nullable(),
  closeReason: cycleCloseReasonSchema.nullable(),
  detail: z.string().nullable(),
  nextCycleAt: z.number().int().nullable(),
});
export type CycleRecord = z.infer<typeof cycleRecordSchema>;

/** The run event `cycle`: a cycle record stamped with the run id and the time (Unix ms). */
export const cycleEventSchema = cycleRecordSchema.extend({ type: z.literal('cycle'), runId: z.string(), at: z.number().int() });

/**
 * The strategy's stored state (`version` 1): the cycles that ended (newest
 * last, at most {@link CROSS_HEDGE_HISTORY} kept), the cycle in progress,
 * consecutive failed opens, and when the next cycle may start (Unix ms).
 */
export const crossHedgeStateSchema = z.object({
  version: z.literal(1),
  history: z.array(cycleRecordSchema),
  current: cycleRecordSchema.nullable(),
  failures: z.number().int().nonnegative(),
  nextCycleAt: z.number().int().nullable(),
});
export type CrossHedgeState = z.infer<typeof crossHedgeStateSchema>;

/** How many ended cycles the stored state keeps. */
export const CROSS_HEDGE_HISTORY = 200;
