import { z } from 'zod';

const dec = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string');

/** How many of B's answers are kept for deduplication (the newest). */
export const ANSWERS_KEPT = 500;

/** A fill of A sent to B and not yet answered: the message as sent (JSON) and its signed size (base units, buy positive). */
export const unackedFillSchema = z.object({ id: z.string(), message: z.string(), signed: dec });

/** B's answer to one A message id (the ack as sent, JSON), kept so a duplicate is answered again and never hedged twice. */
export const answerSchema = z.object({ forId: z.string(), ack: z.string() });

/**
 * The resumable state of a maker-taker-hedge run, saved before the run acts
 * on a change: the cycles done, A's fills not yet acknowledged (resent after
 * a restart), B's answers by A message id (the dedupe log, newest last) and
 * B's carried size below one minimum order (signed, base units: what B still
 * owes, sell negative).
 */
export const makerTakerStateSchema = z.object({
  version: z.literal(1),
  cycles: z.number().int().nonnegative(),
  unacked: z.array(unackedFillSchema),
  answers: z.array(answerSchema),
  carry: dec,
});
export type MakerTakerState = z.infer<typeof makerTakerStateSchema>;

/** The state of a fresh run. */
export function freshState(): MakerTakerState {
  return { version: 1, cycles: 0, unacked: [], answers: [], carry: '0' };
}
