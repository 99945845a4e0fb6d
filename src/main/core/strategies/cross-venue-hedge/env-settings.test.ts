import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/config-error';
import { parseCrossVenueHedgeConfig } from './config-schema';
import { parseCrossHedgeEnv } from './env-settings';

describe('the original env-style settings', () => {
  it('maps every CROSS_HEDGE_* setting to its config field and lists the other variables without keeping them', () => {
    const text = [
      '# cross hedge',
      'CROSS_HEDGE_MARGIN=150.5',
      'export CROSS_HEDGE_POSITION_HOLD_TIME = 1800',
      'CROSS_HEDGE_TAKE_PROFIT="1.5"',
      "CROSS_HEDGE_STOP_LOSS='0.8'",
      'CROSS_HEDGE_REVERSE=yes # swap',
      'CROSS_HEDGE_TICKER=btc',
      'PARADEX_L2_PRIVATE_KEY=0xsecret',
      '',
    ].join('\n');
    const env = parseCrossHedgeEnv(text, '.env');
    expect(env.config).toEqual({ margin: 150.5, hold_time: 1800, take_profit: 1.5, stop_loss: 0.8, reverse: true, ticker: 'btc' });
    expect(env.ignored).toEqual(['PARADEX_L2_PRIVATE_KEY']);
    expect(JSON.stringify(env)).not.toContain('0xsecret');
    const config = parseCrossVenueHedgeConfig(env.config);
    expect([config.ticker, config.holdMs, config.reverse]).toEqual(['BTC', 1_800_000, true]);
  });

  it('reads false spellings', () => {
    for (const v of ['false', '0', 'no', 'off', 'FALSE']) expect(parseCrossHedgeEnv(`CROSS_HEDGE_REVERSE=${v}`, 'f').config.reverse).toBe(false);
  });

  it('names each bad line by file, line and variable', () => {
    try {
      parseCrossHedgeEnv('CROSS_HEDGE_MARGIN=lots\nCROSS_HEDGE_REVERSE=maybe\nnot a setting\nCROSS_HEDGE_STOP_LOSS=1e3', 'my.env');
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues).toEqual([
        { path: 'my.env:1 CROSS_HEDGE_MARGIN', message: '"lots" is not a number' },
        { path: 'my.env:2 CROSS_HEDGE_REVERSE', message: '"maybe" is not true or false' },
        { path: 'my.env:3', message: 'is not KEY=value' },
        { path: 'my.env:4 CROSS_HEDGE_STOP_LOSS', message: '"1e3" is not a number' },
      ]);
    }
  });
});
