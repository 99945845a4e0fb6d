import type { VenueDescriptor } from '../venue-descriptor';

/**
 * Aster: its account fields are known (shared/schemas/venues.ts), but there
 * is no client, simulator or market specs yet, so its accounts cannot trade
 * and are refused up front.
 */
export const asterDescriptor: VenueDescriptor = { id: 'aster', trading: null, sim: null, marketSpecs: null, demo: null };
