import { z } from 'zod';
import { accountRoundSchema } from './account-state';

/**
 * The resumable state of a tri-hedge-hold run, saved with the run on every
 * state change: the round (how many rounds finished, the rotation of the
 * coin list), when the pause before the next round ends, and each account's
 * round by account id. Positions and carried hedge amounts are not stored:
 * on resume they are rebuilt from the venues' positions.
 */
export const triHedgeStateSchema = z.object({
  version: z.literal(1),
  /** Rounds completed. */
  roundsDone: z.number().int().nonnegative(),
  /** Right shifts of the coin list applied to the current round. */
  shifts: z.number().int().nonnegative(),
  /** Whether the current round has started (its symbols assigned). */
  roundStarted: z.boolean(),
  /** End of the pause between rounds, Unix ms; null when not pausing. */
  pauseUntil: z.number().int().nullable(),
  accounts: z.record(z.string(), accountRoundSchema),
});
export type TriHedgeState = z.infer<typeof triHedgeStateSchema>;
