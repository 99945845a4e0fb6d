import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/errors';
import { lighterSimulatorMarkets } from '../venues/lighter/simulator-markets';
import { ORIGINAL_TRI_HEDGE_CONFIG as ORIGINAL } from '../strategies/tri-hedge-hold/testing/original-config';
import { checkCoins } from './coin-list-checks';
import { coinsFromTriHedgeConfig } from './tri-hedge-import';

function issueOf(fn: () => unknown): { path: string; message: string } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('INVALID_REQUEST');
    return (err as ContractError).issues![0]!;
  }
  throw new Error('expected a ContractError');
}

describe('coin list from an original tri-hedge JSON config', () => {
  it('maps the original example: its coin, the explicit hold, no secrets or accounts', () => {
    const r = coinsFromTriHedgeConfig(ORIGINAL);
    expect(r.key).toBe('coinlist');
    expect(r.coins).toEqual([{ symbol: 'BTC', targetNotional: '800', sliceNotional: '150', holdMinutes: 21 }]);
    expect(r.notes).toEqual([{ path: 'config.hold_minutes', message: '21 written into 1 coin without their own' }]);
    expect(JSON.stringify(r)).not.toContain('YOUR_BOT_TOKEN');
    expect(checkCoins(r.coins, lighterSimulatorMarkets())).toEqual({ issues: [], warnings: [] });
  });

  it('fills the config-level defaults into plain symbols, from its text too', () => {
    const text = JSON.stringify({ default_target_notional: 300, default_slice_count: 6, symbols: ['eth', ' sol ', { symbol: 'btc', slice_count: 3, hold_minutes: 5 }] });
    const r = coinsFromTriHedgeConfig(text);
    expect(r.key).toBe('symbols');
    expect(r.coins).toEqual([
      { symbol: 'ETH', targetNotional: '300', sliceCount: 6 },
      { symbol: 'SOL', targetNotional: '300', sliceCount: 6 },
      { symbol: 'BTC', targetNotional: '300', sliceCount: 3, holdMinutes: 5 },
    ]);
    expect(r.notes.map((n) => n.path)).toEqual(['config.default_target_notional', 'config.default_slice_count']);
  });

  it('takes odd configs: numbers as strings, both slice forms, unknown fields, two list keys, a symbol map, a comma list', () => {
    const odd = coinsFromTriHedgeConfig({
      coins: [],
      coinlist: [{ symbol: 'ETH', target_notional: '1200.50', slice_notional: '100', slice_count: '12', hold_minutes: '30', leverage: 5 }],
    });
    expect(odd.key).toBe('coinlist');
    expect(odd.coins).toEqual([{ symbol: 'ETH', targetNotional: '1200.5', sliceNotional: '100', holdMinutes: 30 }]);
    expect(odd.notes).toEqual([
      { path: 'config.coins', message: 'ignored: the coin list was taken from coinlist' },
      { path: 'coins.0', message: 'ignored: leverage' },
      { path: 'coins.0.sliceCount', message: 'slice_count 12 dropped: slice_notional wins when both are given' },
    ]);
    expect(coinsFromTriHedgeConfig({ coins: { ETH: { target_notional: 100 }, BTC: null } }).coins).toEqual([{ symbol: 'ETH', targetNotional: '100' }, { symbol: 'BTC' }]);
    expect(coinsFromTriHedgeConfig({ symbols: 'ETH, BTC,SOL' }).coins.map((c) => c.symbol)).toEqual(['ETH', 'BTC', 'SOL']);
  });

  it('leaves bad values for the schema to name by coin path', () => {
    const r = coinsFromTriHedgeConfig({ coinlist: [{ symbol: 'ETH', target_notional: -50 }, { symbol: 'DOGE', slice_count: 2.5 }, 'XYZ'] });
    expect(checkCoins(r.coins, lighterSimulatorMarkets()).issues).toEqual([
      { path: 'coins.0.targetNotional', message: 'must be greater than 0' },
      { path: 'coins.1.sliceCount', message: 'must be a whole number' },
      { path: 'coins.2.symbol', message: 'XYZ is not a Lighter market' },
    ]);
  });

  it('refuses text that is not JSON, a non-object and a config without a coin list', () => {
    expect(issueOf(() => coinsFromTriHedgeConfig('{"coinlist": [')).path).toBe('config');
    const broken = issueOf(() => coinsFromTriHedgeConfig('{"api_private_key": "f3f3f3f3f3" "coinlist": []}'));
    expect(broken.message).toMatch(/^is not valid JSON/);
    expect(broken.message).not.toContain('f3f3');
    expect(issueOf(() => coinsFromTriHedgeConfig('[1, 2]'))).toEqual({ path: 'config', message: 'must be a tri-hedge JSON object with a coinlist' });
    expect(issueOf(() => coinsFromTriHedgeConfig({ hold_minutes: 5 }))).toEqual({ path: 'config.coinlist', message: 'no coin list: expected coinlist, symbols or coins' });
    expect(issueOf(() => coinsFromTriHedgeConfig({ symbols: [] }))).toEqual({ path: 'config.symbols', message: 'lists no coins' });
  });
});
