import type { Component } from 'vue';
import type { StrategyId } from '../../../../shared/schemas/strategy-ids';
import CrossVenueHedgeForm from './CrossVenueHedgeForm.vue';
import MakerTakerHedgeForm from './MakerTakerHedgeForm.vue';
import TriHedgeForm from './TriHedgeForm.vue';

/** A strategy's start form on the Strategies page: one tab each, in this order. `titleKey` is an i18n key. */
export interface StrategyForm {
  id: StrategyId;
  titleKey: string;
  component: Component;
}

/** Every strategy form the Strategies page shows. */
export const STRATEGY_FORMS: readonly StrategyForm[] = [
  { id: 'tri-hedge-hold', titleKey: 'strategies.tri.title', component: TriHedgeForm },
  { id: 'cross-venue-hedge', titleKey: 'crossHedge.title', component: CrossVenueHedgeForm },
  { id: 'maker-taker-hedge', titleKey: 'makerTaker.title', component: MakerTakerHedgeForm },
];
