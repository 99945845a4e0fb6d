import { z } from 'zod';

/**
 * One account's state machine in tri-hedge-hold, per round (README.md in
 * this folder has the diagram):
 *
 * - `idle` → `entering`: round start, the account is primary for a symbol.
 * - `idle` → `holding`: round start, its target converts to less than one
 *   minimum order (skip straight to hold).
 * - `entering` → `holding`: its long reached the target, no valid slice fits
 *   any more, or the run became reducing-only.
 * - `holding` → `exiting`: `hold_minutes` elapsed since `holdStartedAt`
 *   (stored, so a resumed run continues the same hold).
 * - `exiting` → `done`: its long is below one minimum order.
 * - `done` → `idle`: every primary of the round is done (round over).
 *
 * `idle` is also the whole round of an account without a symbol of its own
 * (a coin list shorter than three: it only hedges). Hedging is not a state:
 * any account hedges the other primaries' fills in every state.
 */
export type AccountPhase = 'idle' | 'entering' | 'holding' | 'exiting' | 'done';

const NEXT: Record<AccountPhase, readonly AccountPhase[]> = {
  idle: ['entering', 'holding'],
  entering: ['holding'],
  holding: ['exiting'],
  exiting: ['done'],
  done: ['idle'],
};

/** Whether `from → to` is a step of the machine. */
export function canMove(from: AccountPhase, to: AccountPhase): boolean {
  return NEXT[from].includes(to);
}

const dec = z.string().regex(/^-?\d+(\.\d+)?$/);

/**
 * An account's round, as stored in the run state (resumable). Sizes base
 * units, notional USDC (decimal strings), times Unix ms of the engine clock.
 */
export const accountRoundSchema = z.object({
  phase: z.enum(['idle', 'entering', 'holding', 'exiting', 'done']),
  /** The symbol it is primary for this round; null when it only hedges. */
  symbol: z.string().nullable(),
  targetNotional: dec,
  targetSize: dec,
  sliceSize: dec,
  holdMs: z.number().nonnegative(),
  holdStartedAt: z.number().int().nullable(),
  exitStartSize: dec.nullable(),
  /** Entry slices that filled (partly or fully) this round. */
  slices: z.number().int().nonnegative(),
});
export type AccountRound = z.infer<typeof accountRoundSchema>;

/** The account state before its first round. */
export function idleRound(): AccountRound {
  return { phase: 'idle', symbol: null, targetNotional: '0', targetSize: '0', sliceSize: '0', holdMs: 0, holdStartedAt: null, exitStartSize: null, slices: 0 };
}

/** A move that is not a step of the machine (a bug). */
export class AccountPhaseError extends Error {
  constructor(accountId: string, from: AccountPhase, to: AccountPhase) {
    super(`account ${accountId}: ${from} → ${to} is not a tri-hedge-hold state transition`);
    this.name = 'AccountPhaseError';
  }
}
