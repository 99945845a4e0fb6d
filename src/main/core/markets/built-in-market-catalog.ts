import type { Venue as VenueId } from '../../../shared/schemas/venues';
import { venueDescriptors } from '../venues/venue-registry';
import { MarketCatalog, type MarketSpecProvider } from './market-catalog';

/**
 * The catalog the core uses: for each venue of the registry whose descriptor
 * has market specs (the recorded specs its simulator ships), those specs;
 * the others are `unavailable` (coin lists for them are checked by schema
 * only). No `live` provider is passed yet: the engine's venue provider does
 * not expose its connected live venues, so live accounts' lists are checked
 * on the recorded specs too.
 */
export function builtInMarketCatalog(): MarketCatalog {
  const specs: Partial<Record<VenueId, MarketSpecProvider>> = {};
  for (const d of venueDescriptors()) if (d.marketSpecs) specs[d.id] = d.marketSpecs;
  return new MarketCatalog(specs);
}
