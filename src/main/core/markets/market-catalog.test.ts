import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { lighterSimulatorMarkets } from '../venues/lighter/simulator-markets';
import type { Market } from '../venues/venue';
import { builtInMarketCatalog } from './built-in-market-catalog';
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

  it('built-in: every venue of the registry — live markets of a connected live account when there is one (recorded reference prices kept), else the recorded specs', async () => {
    let liveEth: Market[] | null = null;
    const catalog = builtInMarketCatalog(async (venue) => (venue === 'lighter' ? liveEth : null));
    const recorded = await catalog.markets('lighter');
    expect(recorded.source).toBe('simulator');
    expect((await catalog.markets('paradex')).source).toBe('simulator');
    expect((await catalog.markets('aster')).source).toBe('unavailable');

    const eth = recorded.markets.find((m) => m.symbol === 'ETH')!;
    liveEth = [{ ...eth, minNotional: new Decimal('25') }];
    const live = await catalog.markets('lighter');
    expect(live).toMatchObject({ venue: 'lighter', source: 'live', markets: [{ symbol: 'ETH' }] });
    expect(live.referencePrices.get('ETH')?.toFixed()).toBe(recorded.referencePrices.get('ETH')?.toFixed());
  });
});

