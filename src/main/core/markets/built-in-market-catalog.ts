import { lighterSimulatorMarkets } from './lighter-simulator-markets';
import { MarketCatalog } from './market-catalog';

/**
 * The catalog the core uses: for each venue whose simulator ships market
 * specs, those specs (Lighter: the recorded `orderBookDetails`); the other
 * venues are `unavailable` until their simulator lands.
 */
export function builtInMarketCatalog(): MarketCatalog {
  return new MarketCatalog({ lighter: lighterSimulatorMarkets });
}
