import type { StrategyDefinition } from '../engine/strategy';
import { crossVenueHedge } from './cross-venue-hedge/cross-venue-hedge';
import { makerTakerHedge } from './maker-taker-hedge/maker-taker-hedge';
import { triHedgeHold } from './tri-hedge-hold/tri-hedge-hold';

/** Every strategy this build can run, for the engine. */
export const BUILT_IN_STRATEGIES: readonly StrategyDefinition[] = [triHedgeHold, crossVenueHedge, makerTakerHedge];
