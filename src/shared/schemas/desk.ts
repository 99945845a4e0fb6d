import { z } from 'zod';

/**
 * What `runs.stopAll` / `runs.flattenAll` did (tray and UI): the runs that
 * were stopped, and per stored account whether its open orders were
 * cancelled (and, flattening, its positions closed); `error` says why not.
 * `leftovers`: positions still open after flattening (signed size, base units)
 * and why (below the minimum order, no book, not closed in time).
 */
export const deskStopResultSchema = z.object({
  stoppedRuns: z.array(z.string()),
  accounts: z.array(z.object({ accountId: z.string(), label: z.string(), ok: z.boolean(), error: z.string().nullable() })),
  flattenOrders: z.number().int().nonnegative(),
  leftovers: z.array(z.object({ accountId: z.string(), symbol: z.string(), size: z.string(), reason: z.string() })),
});
export type DeskStopResult = z.infer<typeof deskStopResultSchema>;
