import type Decimal from 'decimal.js';
import { loadMarkets, referenceMid } from '../../sim/lighter/markets';
import { MarketCatalog as LighterMarkets } from './markets';
import { orderBookDetailSchema } from './wire';
import type { CatalogMarkets } from '../../markets/market-catalog';

/**
 * Lighter's markets as the built-in Lighter simulator serves them: the
 * committed verbatim entries of Lighter's recorded `orderBookDetails`
 * (sim/lighter/default-markets.json; lighter.md §1.1), converted to
 * {@link Market}s by the Lighter client's own parser (venues/lighter/markets.ts),
 * so tick, step, minimums and status are exactly what a paper account trades
 * with. Reference prices are the simulator's starting mids (`referenceMid`).
 * @throws Error when the committed file does not parse (a broken build).
 */
export function lighterSimulatorMarkets(): CatalogMarkets {
  const loaded = loadMarkets();
  const markets = new LighterMarkets(loaded.map((m) => orderBookDetailSchema.parse(m.raw))).all();
  const referencePrices = new Map<string, Decimal>(loaded.map((m) => [m.spec.symbol, referenceMid(m)]));
  return { venue: 'lighter', source: 'simulator', markets, referencePrices };
}
