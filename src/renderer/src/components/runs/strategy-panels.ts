import type { Component } from 'vue';
import type { StrategyId } from '../../../../shared/schemas/strategy-ids';
import CrossVenueHedgePanel from './CrossVenueHedgePanel.vue';
import MakerTakerHedgePanel from './MakerTakerHedgePanel.vue';

/**
 * The live panel a strategy adds to its run page (above the generic
 * exposure, summary and log), by strategy id. A panel gets the props
 * `run` (RunViewShape) and `events` (the run's recent `run.event`s, oldest first).
 */
export const STRATEGY_RUN_PANELS: Partial<Record<StrategyId, Component>> = {
  'cross-venue-hedge': CrossVenueHedgePanel,
  'maker-taker-hedge': MakerTakerHedgePanel,
};
