import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/config-error';
import { fakeMarket } from '../../engine/testing/fake-venue';
import { parseTriHedgeConfig, unknownConfigKeys, withoutSecrets } from './config-schema';
import { checkTriHedgeMarkets } from './market-checks';
import { ORIGINAL_TRI_HEDGE_CONFIG as ORIGINAL } from './testing/original-config';
import { triHedgeHold } from './tri-hedge-hold';

/** The field paths of the ConfigError `fn` throws. */
function issuePaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('INVALID_REQUEST');
    return (err as ConfigError).issues!.map((i) => i.path);
  }
  throw new Error('expected a ConfigError');
}

describe('tri-hedge-hold config', () => {
  it('accepts the original JSON unchanged', () => {
    const c = parseTriHedgeConfig(ORIGINAL);
    expect(c).toMatchObject({
      holdMinutes: 21,
      sliceDelaySeconds: 3,
      sliceDelayJitterSeconds: 4,
      sliceFillTimeoutSeconds: 8,
      orderPollIntervalSeconds: 2,
      pauseBetweenSymbolsSeconds: 15,
      randomSplitRange: [0.45, 0.55],
      primaryTimeInForce: 'GTC',
      runOnce: false,
      baseUrl: 'https://mainnet.zklighter.elliot.ai',
      telegram: { botToken: 'YOUR_BOT_TOKEN', chatId: 'YOUR_CHAT_ID' },
    });
    expect(c.coins).toHaveLength(1);
    expect(c.coins[0]).toMatchObject({ symbol: 'BTC', holdMinutes: 21, path: 'coinlist.0', defaultTarget: false });
    expect(c.coins[0]!.targetNotional.toString()).toBe('800');
    expect(c.coins[0]!.sliceNotional.toString()).toBe('150');
    expect(c.accounts!.map((a) => a.label)).toEqual(['Maker', 'Hedge-A', 'Hedge-B']);
    expect(unknownConfigKeys(ORIGINAL)).toEqual([]);
  });

  it('fills the defaults: 21 min hold, 0 bps offsets, 3 + 4 s delays, 8 s timeout, 15 s pause, [0.45, 0.55], GTC, 5000 USDC in 50 slices', () => {
    const c = parseTriHedgeConfig({ coinlist: ['eth', { symbol: 'BTC', slice_count: 4, hold_minutes: 5 }] });
    expect(c).toMatchObject({
      holdMinutes: 21,
      entryPriceOffsetBps: 0,
      exitPriceOffsetBps: 0,
      sliceDelaySeconds: 3,
      sliceDelayJitterSeconds: 4,
      sliceFillTimeoutSeconds: 8,
      orderPollIntervalSeconds: 2,
      pauseBetweenSymbolsSeconds: 15,
      randomSplitRange: [0.45, 0.55],
      primaryTimeInForce: 'GTC',
      hedgeSlippageBps: 50,
      runOnce: false,
      accounts: undefined,
    });
    expect(c.coins.map((x) => [x.symbol, x.targetNotional.toString(), x.sliceNotional.toString(), x.holdMinutes, x.defaultTarget])).toEqual([
      ['ETH', '5000', '100', 21, true],
      ['BTC', '5000', '1250', 5, true],
    ]);
  });

  it('takes the coin list as coinlist, symbols or coins, and every time in force spelling', () => {
    expect(parseTriHedgeConfig({ symbols: ['SOL'] }).coins[0]!.path).toBe('symbols.0');
    expect(parseTriHedgeConfig({ coins: [{ symbol: 'SOL' }] }).coins[0]!.path).toBe('coins.0');
    for (const [given, tif] of [['gtc', 'GTC'], ['IOC', 'IOC'], ['FOK', 'FOK'], ['PO', 'POST_ONLY'], ['post_only', 'POST_ONLY']] as const) {
      expect(parseTriHedgeConfig({ coinlist: ['ETH'], primary_time_in_force: given }).primaryTimeInForce).toBe(tif);
    }
  });

  it('reports every bad field by its path', () => {
    expect(issuePaths(() => parseTriHedgeConfig({ coinlist: ['ETH'], random_split_range: [0.4, 1.2] }))).toEqual(['random_split_range.1']);
    expect(issuePaths(() => parseTriHedgeConfig({ coinlist: ['ETH'], random_split_range: [-0.1, 0.5] }))).toEqual(['random_split_range.0']);
    expect(issuePaths(() => parseTriHedgeConfig({ coinlist: ['ETH'], random_split_range: [0.6, 0.4] }))).toEqual(['random_split_range']);
    expect(issuePaths(() => parseTriHedgeConfig({ ...ORIGINAL, accounts: ORIGINAL.accounts.slice(0, 2) }))).toEqual(['accounts']);
    expect(issuePaths(() => parseTriHedgeConfig({ hold_minutes: 21 }))).toEqual(['coinlist']);
    expect(issuePaths(() => parseTriHedgeConfig({ coinlist: ['ETH'], symbols: ['BTC'] }))).toEqual(['symbols']);
    expect(issuePaths(() => parseTriHedgeConfig({ coinlist: [] }))).toEqual(['coinlist']);
    expect(issuePaths(() => parseTriHedgeConfig({ coinlist: ['ETH', { symbol: 'eth' }] }))).toEqual(['coinlist.1']);
    expect(issuePaths(() => parseTriHedgeConfig({ coinlist: ['ETH'], primary_time_in_force: 'GTD' }))).toEqual(['primary_time_in_force']);
    expect(
      issuePaths(() => parseTriHedgeConfig({ coinlist: [{ symbol: 'ETH', slice_count: 0, target_notional: -5 }], hold_minutes: -1, slice_fill_timeout: 0 })).sort(),
    ).toEqual(['coinlist.0.slice_count', 'coinlist.0.target_notional', 'hold_minutes', 'slice_fill_timeout']);
    const accounts = [{ ...ORIGINAL.accounts[0]!, account_address: '0x12' }, { ...ORIGINAL.accounts[1]!, api_key_index: 300 }, { ...ORIGINAL.accounts[2]!, label: 'maker' }];
    expect(issuePaths(() => parseTriHedgeConfig({ ...ORIGINAL, accounts })).sort()).toEqual(['accounts.0.account_address', 'accounts.1.api_key_index', 'accounts.2.label']);
    expect(issuePaths(() => parseTriHedgeConfig('not an object'))).toEqual(['(request)']);
  });

  it('checks the coins against the markets: unknown symbols, targets below the minimum order', () => {
    const markets = [fakeMarket('ETH'), fakeMarket('BTC'), { ...fakeMarket('BTC'), symbol: 'OLD', status: 'inactive' as const }];
    const raw = { default_target_notional: 5, coinlist: ['DOGEX', { symbol: 'PEPE' }, { symbol: 'ETH', target_notional: 9.5 }, 'BTC', 'OLD'] };
    const issues = checkTriHedgeMarkets(parseTriHedgeConfig(raw), markets, raw);
    expect(issues.map((i) => i.path)).toEqual(['coinlist.0', 'coinlist.1.symbol', 'coinlist.2.target_notional', 'default_target_notional', 'coinlist.4', 'default_target_notional']);
    expect(issues[0]!.message).toMatch(/unknown symbol "DOGEX"/);
    expect(issues[2]!.message).toBe('target 9.5 USDC is below the minimum order of 10 USDC on ETH');
    expect(issues[4]!.message).toBe('OLD is inactive on the venue');
    expect(checkTriHedgeMarkets(parseTriHedgeConfig(ORIGINAL), markets, ORIGINAL)).toEqual([]);
  });

  it('prepares a run: symbols, the config to store without secrets, errors as ConfigError', () => {
    const prepared = triHedgeHold.prepare(ORIGINAL);
    expect(prepared.symbols).toEqual(['BTC']);
    const stored = prepared.storableConfig as typeof ORIGINAL;
    expect(JSON.stringify(stored)).not.toMatch(/api_private_key|telegram_bot_token/);
    expect(stored.accounts[0]).toEqual({ label: 'Maker', account_address: '0x1111111111111111111111111111111111111111' });
    expect(withoutSecrets(ORIGINAL)).toEqual(stored);
    expect(() => triHedgeHold.prepare({ coinlist: ['ETH'], random_split_range: [0, 2] })).toThrow(ConfigError);
    expect(unknownConfigKeys({ coinlist: ['ETH'], leverage: 3, proxy: 'x' })).toEqual(['leverage', 'proxy']);
    const strategy = prepared.create([fakeMarket('ETH'), fakeMarket('BTC')]);
    expect(strategy.snapshotIntervalMs).toBe(2000);
    expect(strategy.riskLimits().boundSize('BTC', new Decimal(100_000)).toString()).toBe('0.00011'); // 10 USDC at the 50 bps worse hedge price
    expect(strategy.riskLimits().boundSize('BTC', new Decimal(110_000)).toString()).toBe('0.0001');
    expect(strategy.riskLimits().haltAboveUsdc.toString()).toBe('450');
  });
});
