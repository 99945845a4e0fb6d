import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { lighterSimulatorMarkets } from '../venues/lighter/simulator-markets';
import { MarketCatalog, toVenueMarkets, type CatalogMarkets } from './market-catalog';

describe('MarketCatalog', () => {
  it('gives the simulator specs (loaded once), a live venue’s when one answers, and says when a venue has none', async () => {
    let loads = 0;
    const sim = () => {
      loads++;
      return lighterSimulatorMarkets();
    };
    let live: CatalogMarkets | null = null;
    const catalog = new MarketCatalog({ lighter: sim }, async (venue) => (venue === 'lighter' ? live : null));

    expect((await catalog.markets('lighter')).source).toBe('simulator');
    expect((await catalog.markets('lighter')).source).toBe('simulator');
    expect(loads).toBe(1);

    const eth = lighterSimulatorMarkets().markets.find((m) => m.symbol === 'ETH')!;
    live = { venue: 'lighter', source: 'live', markets: [{ ...eth, minNotional: new Decimal('25') }], referencePrices: new Map() };
    const fromLive = toVenueMarkets(await catalog.markets('lighter'));
    expect(fromLive).toEqual({ venue: 'lighter', source: 'live', markets: [expect.objectContaining({ symbol: 'ETH', minNotional: '25', referencePrice: null })] });

    expect(await catalog.markets('backpack')).toEqual({ venue: 'backpack', source: 'unavailable', markets: [], referencePrices: new Map() });
  });
});
