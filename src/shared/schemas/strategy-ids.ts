import { z } from 'zod';

/**
 * Every strategy this build knows, by id (the engine's `StrategyDefinition.id`):
 * - `tri-hedge-hold`: three accounts, one venue; each buys in slices, the other two hedge (strategies/tri-hedge-hold).
 * - `cross-venue-hedge`: one long leg and one short leg on two accounts, usually two venues (strategies/cross-venue-hedge).
 * - `maker-taker-hedge`: account A posts a maker bid, account B hedges every fill as taker (strategies/maker-taker-hedge).
 */
export const STRATEGY_IDS = ['tri-hedge-hold', 'cross-venue-hedge', 'maker-taker-hedge'] as const;
export const strategyIdSchema = z.enum(STRATEGY_IDS);
export type StrategyId = z.infer<typeof strategyIdSchema>;
