import { z } from 'zod';

/** How a strategy parameter is edited: a number, a whole number, a switch, one of `options`, or a `[low, high]` pair. */
export const strategyParamKindSchema = z.enum(['number', 'integer', 'boolean', 'enum', 'range']);
export type StrategyParamKind = z.infer<typeof strategyParamKindSchema>;

/** One top-level scalar parameter of a strategy's config, as its config schema describes it. */
export const strategyParamSchema = z.object({
  /** The config key, also the issue path of its errors (`hold_minutes`). */
  key: z.string().min(1),
  kind: strategyParamKindSchema,
  label: z.string().optional(),
  /** The schema's description (English), null when it has none. */
  help: z.string().nullable(),
  /** The schema's default (a number, boolean, option or `[low, high]`). */
  default: z.unknown(),
  /** Bounds of the value (of each end for a range). */
  min: z.number().optional(),
  max: z.number().optional(),
  /** The choices of an `enum`. */
  options: z.array(z.string()).optional(),
});
export type StrategyParam = z.infer<typeof strategyParamSchema>;

/** `strategies.describe`: the parameters a form edits, in the schema's order. */
export const strategyDescriptionSchema = z.object({ parameters: z.array(strategyParamSchema) });
export type StrategyDescription = z.infer<typeof strategyDescriptionSchema>;
