import { lighterSimulatorMarkets } from '../venues/lighter/simulator-markets';
import { MarketCatalog } from './market-catalog';
import { paradexSimulatorMarkets } from '../venues/paradex/simulator-markets';

/**
 * The catalog the core uses: for each venue whose simulator ships market
 * specs, those specs (Lighter: the recorded `orderBookDetails`; Paradex: the
 * simulator's `/markets`); Backpack and Aster are `unavailable` until their
 * simulators land (coin lists for them are checked by schema only). No
 * `live` provider is passed yet: the engine's venue provider does not expose
 * its connected live venues, so live accounts' lists are checked on the
 * recorded specs too.
 */
export function builtInMarketCatalog(): MarketCatalog {
  return new MarketCatalog({ lighter: lighterSimulatorMarkets, paradex: () => paradexSimulatorMarkets() });
}
