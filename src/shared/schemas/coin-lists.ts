import { z } from 'zod';
import { fieldIssueSchema } from '../errors';
import { venueSchema } from './venues';

/** Decimals a USDC amount may carry (USDC has 6). */
export const USDC_DECIMALS = 6;
/** Most coins one list holds. */
export const MAX_COINS = 100;
/** Longest hold a coin may override, minutes (one week). */
export const MAX_HOLD_MINUTES = 7 * 24 * 60;

/**
 * A positive USDC amount as a decimal string (`"250"`, `"12.5"`), at most 6
 * decimals. Negative, zero and non-decimal text are refused with one message.
 */
export const usdcAmountSchema = z
  .string({ error: 'must be a USDC amount such as "250" or "12.5"' })
  .trim()
  .superRefine((v, ctx) => {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
    if (!m) return void ctx.addIssue({ code: 'custom', message: 'must be a USDC amount such as "250" or "12.5"' });
    if (m[1] === '-' || /^[0.]*$/.test(`${m[2]}.${m[3] ?? ''}`)) return void ctx.addIssue({ code: 'custom', message: 'must be greater than 0' });
    if ((m[3]?.length ?? 0) > USDC_DECIMALS) ctx.addIssue({ code: 'custom', message: `must have at most ${USDC_DECIMALS} decimals (USDC)` });
  });

/** A market symbol as HedgeDesk names it (`ETH`; Paradex perps by their base asset), trimmed and upper-cased. */
export const coinSymbolSchema = z
  .string({ error: 'must be a symbol such as "ETH"' })
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be a symbol such as "ETH" (letters, digits, . _ / -)')
  .transform((s) => s.toUpperCase());

/**
 * One coin of a list and its overrides of the strategy's defaults:
 * - `targetNotional`: the position to build, USDC;
 * - `sliceNotional` (USDC per slice) OR `sliceCount` (the target split in that many slices), not both;
 * - `holdMinutes`: how long to hold once built, minutes.
 * An override left out means "the strategy's default".
 */
export const coinEntrySchema = z
  .object({
    symbol: coinSymbolSchema,
    targetNotional: usdcAmountSchema.optional(),
    sliceNotional: usdcAmountSchema.optional(),
    sliceCount: z
      .number({ error: 'must be a whole number of slices' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10_000, 'must be at most 10000')
      .optional(),
    holdMinutes: z
      .number({ error: 'must be a number of minutes' })
      .finite()
      .min(0, 'must not be negative')
      .max(MAX_HOLD_MINUTES, `must be at most ${MAX_HOLD_MINUTES} (one week)`)
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.sliceNotional !== undefined && c.sliceCount !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['sliceCount'], message: 'give a slice notional or a slice count, not both' });
    }
  });
/** One coin of a list (see {@link coinEntrySchema}). */
export type CoinEntry = z.infer<typeof coinEntrySchema>;

/** The coins of a list: 1–100 entries, each symbol once (`coins.3.symbol: ETH is listed twice (also coins.0)`). */
export const coinEntriesSchema = z
  .array(coinEntrySchema)
  .min(1, 'must list at least one coin')
  .max(MAX_COINS, `must list at most ${MAX_COINS} coins`)
  .superRefine((coins, ctx) => {
    const seen = new Map<string, number>();
    coins.forEach((c, i) => {
      const first = seen.get(c.symbol);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'symbol'], message: `${c.symbol} is listed twice (also coins.${first})` });
      else seen.set(c.symbol, i);
    });
  });

/** A coin list's name: unique across lists (case-insensitive), trimmed, 1–64 characters. */
export const coinListNameSchema = z.string({ error: 'must be a name' }).trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

/** Coin list id: `cl_` plus 12 lowercase base-32 characters, made by the store. */
export const coinListIdSchema = z.string().regex(/^cl_[a-z0-9]{12}$/, 'must be a coin list id like cl_0123456789ab');

/** `coinLists.create`: a named list of coins for one venue. */
export const coinListCreateSchema = z.object({ name: coinListNameSchema, venue: venueSchema, coins: coinEntriesSchema }).strict();
/** A new coin list (see {@link coinListCreateSchema}). */
export type CoinListCreate = z.infer<typeof coinListCreateSchema>;

/** `coinLists.update` patch: the fields given replace the stored ones (`coins` as a whole). */
export const coinListPatchSchema = z
  .object({ name: coinListNameSchema.optional(), venue: venueSchema.optional(), coins: coinEntriesSchema.optional() })
  .strict();
/** The fields of a coin list to replace (see {@link coinListPatchSchema}). */
export type CoinListPatch = z.infer<typeof coinListPatchSchema>;

/** A stored coin list. Times are Unix ms. */
export const coinListSchema = z.object({
  id: coinListIdSchema,
  name: z.string(),
  venue: venueSchema,
  coins: z.array(coinEntrySchema),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
/** A stored coin list (see {@link coinListSchema}). */
export type CoinList = z.infer<typeof coinListSchema>;

/**
 * What checking a list found: `issues` block saving (field paths such as
 * `coins.2.symbol`, `coins.0.targetNotional`); `warnings` do not (e.g. the
 * venue's market specs are unavailable, so only the schema was checked).
 */
export const coinListCheckSchema = z.object({ issues: z.array(fieldIssueSchema), warnings: z.array(fieldIssueSchema) });
/** Issues and warnings of a coin list check (see {@link coinListCheckSchema}). */
export type CoinListCheck = z.infer<typeof coinListCheckSchema>;
