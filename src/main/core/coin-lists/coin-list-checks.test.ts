import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { lighterSimulatorMarkets } from '../venues/lighter/simulator-markets';
import { paradexSimulatorMarkets } from '../venues/paradex/simulator-markets';
import type { CatalogMarkets } from '../markets/market-catalog';
import { checkCoins, minimumOrder } from './coin-list-checks';

/** Lighter's real specs as the simulator ships them (ETH: min 0.005 ETH / 10 USDC, indicative 3000 USDC → 15 USDC). */
const lighter = lighterSimulatorMarkets();
const backpackUnavailable: CatalogMarkets = { venue: 'backpack', source: 'unavailable', markets: [], referencePrices: new Map() };

describe('coin-list checks against the venue market specs', () => {
  it('loads Lighter specs through the client parser: tick, step, minimums, indicative prices', () => {
    const eth = lighter.markets.find((m) => m.symbol === 'ETH')!;
    expect(lighter.source).toBe('simulator');
    expect(eth.tickSize.toFixed()).toBe('0.01');
    expect(eth.stepSize.toFixed()).toBe('0.0001');
    expect(eth.minBaseAmount.toFixed()).toBe('0.005');
    expect(eth.minNotional.toFixed()).toBe('10');
    expect(lighter.referencePrices.get('ETH')?.toFixed()).toBe('3000');
    expect(minimumOrder(eth, lighter.referencePrices.get('ETH')).notional.toFixed()).toBe('15');
    expect(minimumOrder(eth, undefined).notional.toFixed()).toBe('10');
    expect(minimumOrder(eth, new Decimal('1000')).notional.toFixed()).toBe('10');
  });

  it('accepts a good list with no issue and no warning', () => {
    const coins = [{ symbol: 'eth', targetNotional: '500', sliceCount: 10, holdMinutes: 21 }, { symbol: 'BTC', targetNotional: '800', sliceNotional: '150' }, { symbol: 'SOL' }];
    expect(checkCoins(coins, lighter)).toEqual({ issues: [], warnings: [] });
  });

  it('names the coin of an unknown symbol', () => {
    const { issues } = checkCoins([{ symbol: 'ETH' }, { symbol: 'BTC' }, { symbol: 'XYZ' }], lighter);
    expect(issues).toEqual([{ path: 'coins.2.symbol', message: 'XYZ is not a Lighter market' }]);
  });

  it('refuses a target below the minimum order, naming the coin and both numbers', () => {
    const { issues } = checkCoins([{ symbol: 'ETH', targetNotional: '12' }, { symbol: 'BTC', targetNotional: '9.5' }], lighter);
    expect(issues.map((i) => i.path)).toEqual(['coins.0.targetNotional', 'coins.1.targetNotional']);
    expect(issues[0]!.message).toBe(
      'ETH: target 12 USDC is below the minimum order of 15 USDC (min notional 10 USDC; min size 0.005 ETH × ~3000 USDC = 15 USDC)',
    );
    expect(issues[1]!.message).toMatch(/^BTC: target 9\.5 USDC is below the minimum order of 10 USDC/);
  });

  it('refuses a slice notional below the minimum and a slice count that cuts below it', () => {
    const { issues } = checkCoins(
      [
        { symbol: 'ETH', targetNotional: '100', sliceNotional: '14.99' },
        { symbol: 'SOL', targetNotional: '100', sliceCount: 11 },
        { symbol: 'BTC', targetNotional: '100', sliceCount: 10 },
      ],
      lighter,
    );
    expect(issues).toEqual([
      { path: 'coins.0.sliceNotional', message: expect.stringMatching(/^ETH: slice 14\.99 USDC is below the minimum order of 15 USDC/) },
      { path: 'coins.1.sliceCount', message: 'SOL: 11 slices of 100 USDC are 9.090909 USDC each, below the minimum order of 15 USDC (at most 6 slices)' },
    ]);
  });

  it('reports schema problems by field path without hiding market problems of other rows', () => {
    const { issues } = checkCoins(
      [
        { symbol: 'ETH', targetNotional: '-5' },
        { symbol: 'BTC', targetNotional: '0' },
        { symbol: 'SOL', sliceNotional: '20', sliceCount: 3 },
        { symbol: 'DOGE', targetNotional: 'lots', leverage: 3 },
        { symbol: 'NOPE' },
        { symbol: 'eth' },
      ],
      lighter,
    );
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect([...issues].sort(byPath)).toEqual([
      { path: 'coins.0.targetNotional', message: 'must be greater than 0' },
      { path: 'coins.1.targetNotional', message: 'must be greater than 0' },
      { path: 'coins.2.sliceCount', message: 'give a slice notional or a slice count, not both' },
      { path: 'coins.3.leverage', message: 'is not a known field' },
      { path: 'coins.3.targetNotional', message: 'must be a USDC amount such as "250" or "12.5"' },
      { path: 'coins.4.symbol', message: 'NOPE is not a Lighter market' },
      { path: 'coins.5.symbol', message: 'ETH is listed twice (also coins.0)' },
    ].sort(byPath));
  });

  it('warns about a slice above the target; refuses an empty list', () => {
    expect(checkCoins([{ symbol: 'ETH', targetNotional: '100', sliceNotional: '200' }], lighter)).toEqual({
      issues: [],
      warnings: [{ path: 'coins.0.sliceNotional', message: 'ETH: slice 200 USDC is above the target 100 USDC; the target is traded as one slice' }],
    });
    expect(checkCoins([], lighter).issues).toEqual([{ path: 'coins', message: 'must list at least one coin' }]);
  });

  it('checks only the schema, with a warning, when the venue has no specs', () => {
    expect(checkCoins([{ symbol: 'WHATEVER_USDC_PERP', targetNotional: '1' }, { symbol: 'ETH', targetNotional: '0' }], backpackUnavailable)).toEqual({
      issues: [{ path: 'coins.1.targetNotional', message: 'must be greater than 0' }],
      warnings: [{ path: 'venue', message: 'market specs unavailable for Backpack: symbols and minimum orders are not checked' }],
    });
  });

  it('uses the patch prefix for updates', () => {
    expect(checkCoins([{ symbol: 'XYZ' }], lighter, 'patch.coins').issues).toEqual([{ path: 'patch.coins.0.symbol', message: 'XYZ is not a Lighter market' }]);
  });

  it('checks Paradex lists on the Paradex simulator specs (app symbols are base assets, min notional from /markets)', () => {
    const paradex = paradexSimulatorMarkets();
    expect(paradex.markets.map((m) => m.symbol)).toEqual(['BTC', 'ETH', 'SOL']);
    expect(checkCoins([{ symbol: 'ETH', targetNotional: '150' }, { symbol: 'BTC', targetNotional: '400' }, { symbol: 'ETH-USD-PERP' }], paradex).issues).toEqual([
      { path: 'coins.1.targetNotional', message: expect.stringMatching(/^BTC: target 400 USDC is below the minimum order of 500 USDC/) },
      { path: 'coins.2.symbol', message: 'ETH-USD-PERP is not a Paradex market (write ETH: HedgeDesk names Paradex perps by their base asset)' },
    ]);
  });
});
