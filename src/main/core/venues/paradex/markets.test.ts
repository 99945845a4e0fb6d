import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidOrderError } from '../venue-errors';
import { DEFAULT_PARADEX_FEES, MarketCatalog } from './markets';
import { marketsResponseSchema, type ParadexMarket } from './wire';

const ccxt = JSON.parse(readFileSync(join(__dirname, 'testdata', 'ccxt_static_response.json'), 'utf8')) as { methods: { fetchMarkets: { httpResponse: unknown }[] } };
const [btc] = marketsResponseSchema.parse(ccxt.methods.fetchMarkets[0]!.httpResponse).results as [ParadexMarket];

describe('Paradex markets (paradex.md §7)', () => {
  it('the app symbol is the base asset; tick, step, min notional from the recorded BTC-USD-PERP', () => {
    const catalog = new MarketCatalog([btc, { ...btc, symbol: 'BTC-USD-96000-C', asset_kind: 'PERP_OPTION' }], DEFAULT_PARADEX_FEES, 1_800_000_000_000);
    const m = catalog.get('BTC');
    expect(m).toMatchObject({ symbol: 'BTC', venueMarketId: 'BTC-USD-PERP', priceDecimals: 1, sizeDecimals: 3, status: 'active', maxNotional: null });
    expect([m.tickSize.toString(), m.stepSize.toString(), m.minNotional.toString()]).toEqual(['0.1', '0.001', '500']);
    expect(catalog.get('BTC-USD-PERP')).toBe(m);
    expect(catalog.all()).toHaveLength(1);
    expect(catalog.maxOrderSize('BTC-USD-PERP')?.toString()).toBe('100');
    expect(() => catalog.get('DOGE')).toThrow(InvalidOrderError);
  });

  it('fees from fee_config when present, else the configured fallback; closed before open_at', () => {
    const withFees = { ...btc, fee_config: { api_fee: { maker_fee: { fee: '-0.00005' }, taker_fee: { fee: '0.0003' } } } };
    const m = new MarketCatalog([withFees], DEFAULT_PARADEX_FEES, 1_800_000_000_000).get('BTC');
    expect([m.makerFee.toString(), m.takerFee.toString()]).toEqual(['-0.00005', '0.0003']);
    expect(new MarketCatalog([btc], DEFAULT_PARADEX_FEES, 1).get('BTC').status).toBe('inactive');
  });
});
