/**
 * How much a run may still trade, set by the risk guard:
 * - `normal`: anything the strategy decides.
 * - `reducing-only`: only orders that reduce a position (reduce-only) or
 *   reduce the run's net exposure on their symbol (hedges); no new entries.
 * - `halted`: only reduce-only orders (flattening); the strategy stops.
 * A run never goes back to a less restrictive mode.
 */
export type RiskMode = 'normal' | 'reducing-only' | 'halted';

/** Modes from least to most restrictive. */
export const RISK_MODES: readonly RiskMode[] = ['normal', 'reducing-only', 'halted'];

/** True when `next` is more restrictive than `current`. */
export function isStricter(next: RiskMode, current: RiskMode): boolean {
  return RISK_MODES.indexOf(next) > RISK_MODES.indexOf(current);
}
