import { describe, expect, it } from 'vitest';
import defaultMarkets from './default-markets.json';
import { buildMarkets, loadMarkets } from './markets';

describe('Paradex sim markets', () => {
  it('loads the committed markets: BTC verbatim from the recording, engine specs in human units', () => {
    const markets = loadMarkets();
    expect(markets.map((m) => m.spec.symbol)).toEqual(['BTC-USD-PERP', 'ETH-USD-PERP', 'SOL-USD-PERP']);
    const btc = markets[0]!;
    expect(btc.engine).toMatchObject({ id: 0, symbol: 'BTC-USD-PERP', status: 'active' });
    expect(btc.engine.tickSize.toFixed()).toBe('0.1');
    expect(btc.engine.stepSize.toFixed()).toBe('0.001');
    expect(btc.engine.defaultInitialMarginFraction.toFixed()).toBe('0.02');
    expect(btc.engine.maintenanceMarginFraction.toFixed()).toBe('0.01');
    expect(btc.minNotional.toFixed()).toBe('500');
    expect(btc.referenceMid.toFixed()).toBe('100000');
  });

  it('names the entry and field of a bad market, and refuses duplicates', () => {
    const [btc] = defaultMarkets.results;
    expect(() => buildMarkets([btc, { ...btc, symbol: 'ETH-USD-PERP', price_tick_size: 'ten' }])).toThrow(/^markets\[1\]\.price_tick_size: /);
    expect(() => buildMarkets([{ ...btc, delta1_cross_margin_params: {} }])).toThrow(/^markets\[0\]\.delta1_cross_margin_params\.imf_base: /);
    expect(() => buildMarkets([btc, btc])).toThrow('markets[1].symbol: BTC-USD-PERP appears twice');
    expect(() => loadMarkets('/nonexistent/markets.json')).toThrow(/^markets file \/nonexistent\/markets\.json: /);
  });
});
