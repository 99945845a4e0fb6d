import type Decimal from 'decimal.js';
import type { MarketSource, MarketSpec, VenueMarkets } from '../../../shared/schemas/markets';
import type { Venue } from '../../../shared/schemas/venues';
import type { Market } from '../venues/venue';

/**
 * The markets of one venue, known without an account: the venue's
 * {@link Market} limits and, per symbol, an indicative price (USDC) that turns
 * a minimum base amount into a notional. `source` says where they came from
 * (`simulator`: the real specs the venue's simulator ships; `live`: a
 * connected client; `unavailable`: none in this build).
 */
export interface CatalogMarkets {
  venue: Venue;
  source: MarketSource;
  markets: readonly Market[];
  /** Indicative price per symbol, USDC per base unit; a symbol without one is checked on min notional only. */
  referencePrices: ReadonlyMap<string, Decimal>;
}

/** Gives one venue's markets; may be asynchronous (a live client's). Throws when it cannot. */
export type MarketSpecProvider = () => CatalogMarkets | Promise<CatalogMarkets>;

/** A venue's markets as `markets.list` sends them: decimal strings, venue order. */
export function toVenueMarkets(c: CatalogMarkets): VenueMarkets {
  return {
    venue: c.venue,
    source: c.source,
    markets: c.markets.map((m): MarketSpec => {
      const ref = c.referencePrices.get(m.symbol);
      return {
        symbol: m.symbol,
        tickSize: m.tickSize.toFixed(),
        stepSize: m.stepSize.toFixed(),
        minBaseAmount: m.minBaseAmount.toFixed(),
        minNotional: m.minNotional.toFixed(),
        maxNotional: m.maxNotional?.toFixed() ?? null,
        priceDecimals: m.priceDecimals,
        sizeDecimals: m.sizeDecimals,
        referencePrice: ref?.toFixed() ?? null,
        status: m.status,
      };
    }),
  };
}

/**
 * Every venue's market specs without needing an account, for checking coin
 * lists and for the renderer's symbol pickers (`markets.list`). For each
 * venue the `live` provider wins when it answers (a connected venue's
 * markets), else the `simulator` one; a venue with neither is `unavailable`
 * (no markets). Simulator answers are cached: they are committed files.
 */
export class MarketCatalog {
  private readonly cache = new Map<Venue, CatalogMarkets>();

  /**
   * @param simulator per venue, the specs its simulator ships (e.g. Lighter's recorded `orderBookDetails`).
   * @param live per venue, a connected client's markets, when one is open; returns null when none is.
   */
  constructor(
    private readonly simulator: Partial<Record<Venue, MarketSpecProvider>>,
    private readonly live: (venue: Venue) => Promise<CatalogMarkets | null> = async () => null,
  ) {}

  /**
   * The markets of `venue`.
   * @throws Error when the simulator specs of the venue cannot be loaded (a broken build).
   */
  async markets(venue: Venue): Promise<CatalogMarkets> {
    const live = await this.live(venue).catch(() => null);
    if (live) return live;
    const cached = this.cache.get(venue);
    if (cached) return cached;
    const provider = this.simulator[venue];
    if (!provider) return { venue, source: 'unavailable', markets: [], referencePrices: new Map() };
    const loaded = await provider();
    this.cache.set(venue, loaded);
    return loaded;
  }
}
