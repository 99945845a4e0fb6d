import type Decimal from 'decimal.js';
import type { Venue as VenueId } from '../../../shared/schemas/venues';
import type { Market } from '../venues/venue';
import { venueDescriptor, venueDescriptors } from '../venues/venue-registry';
import { MarketCatalog, type CatalogMarkets, type MarketSpecProvider } from './market-catalog';

/**
 * The catalog the core uses — one instrument source per venue: the markets
 * of a connected live account of the venue when `liveMarkets` gives them
 * (source `live`, with the recorded reference prices as indicative prices),
 * else the recorded specs its descriptor ships (source `simulator`); a venue
 * with neither is `unavailable` (coin lists for it are checked by schema
 * only).
 * @param liveMarkets the venue provider's {@link VenueProvider.liveMarkets}; absent = recorded specs only.
 */
export function builtInMarketCatalog(liveMarkets?: (venue: VenueId) => Promise<readonly Market[] | null>): MarketCatalog {
  const specs: Partial<Record<VenueId, MarketSpecProvider>> = {};
  for (const d of venueDescriptors()) if (d.marketSpecs) specs[d.id] = d.marketSpecs;
  const recordedPrices = new Map<VenueId, ReadonlyMap<string, Decimal>>();
  const pricesOf = (venue: VenueId): ReadonlyMap<string, Decimal> => {
    let prices = recordedPrices.get(venue);
    if (!prices) recordedPrices.set(venue, (prices = venueDescriptor(venue).marketSpecs?.().referencePrices ?? new Map()));
    return prices;
  };
  const live = liveMarkets
    ? async (venue: VenueId): Promise<CatalogMarkets | null> => {
        const markets = await liveMarkets(venue);
        return markets ? { venue, source: 'live', markets, referencePrices: pricesOf(venue) } : null;
      }
    : undefined;
  return new MarketCatalog(specs, live);
}
