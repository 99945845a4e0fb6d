import type Decimal from 'decimal.js';
import { loadMarkets } from '../../sim/paradex/markets';
import { DEFAULT_PARADEX_FEES, MarketCatalog as ParadexMarkets } from './markets';
import { marketSchema } from './wire';
import type { CatalogMarkets } from '../../markets/market-catalog';

/**
 * Paradex's markets as the built-in Paradex simulator serves them (its
 * committed `/markets` entries, sim/paradex/default-markets.json; paradex.md
 * §7), converted to {@link Market}s by the Paradex client's own parser
 * (venues/paradex/markets.ts): the app symbol is the base asset (`ETH` for
 * `ETH-USD-PERP`), minimum size one step, minimum notional `min_notional`.
 * Reference prices are the simulator's starting mids.
 * @param now Unix ms, for the markets' open / expiry times.
 * @throws Error when the committed file does not parse (a broken build).
 */
export function paradexSimulatorMarkets(now: number = Date.now()): CatalogMarkets {
  const loaded = loadMarkets();
  const markets = new ParadexMarkets(loaded.map((m) => marketSchema.parse(m.spec)), DEFAULT_PARADEX_FEES, now).all();
  const referencePrices = new Map<string, Decimal>(loaded.map((m) => [m.spec.base_currency, m.referenceMid]));
  return { venue: 'paradex', source: 'simulator', markets, referencePrices };
}
