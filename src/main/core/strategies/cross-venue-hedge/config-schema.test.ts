import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/config-error';
import { parseCrossVenueHedgeConfig } from './config-schema';

function issues(raw: unknown): Record<string, string> {
  try {
    parseCrossVenueHedgeConfig(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return Object.fromEntries((err as ConfigError).issues!.map((i) => [i.path, i.message]));
  }
  throw new Error('expected a ConfigError');
}

describe('cross-venue-hedge config', () => {
  it('applies the defaults and normalises units', () => {
    const c = parseCrossVenueHedgeConfig({ ticker: ' eth ', margin: 150.5 });
    expect(c.ticker).toBe('ETH');
    expect(c.margin.toString()).toBe('150.5');
    expect([c.holdMs, c.cooldownMs, c.slippageBps, c.maxFailures, c.reverse, c.closeOnStop]).toEqual([600_000, 20_000, 50, 3, false, true]);
    expect([c.takeProfitPct.toString(), c.stopLossPct.toString()]).toEqual(['2', '2']);
  });

  it('takes every field', () => {
    const c = parseCrossVenueHedgeConfig({ ticker: 'BTC', margin: 100, hold_time: 1.5, take_profit: 0.5, stop_loss: 0.25, reverse: true, cooldown: 0, close_on_stop: false, slippage_bps: 20, max_failures: 5 });
    expect([c.holdMs, c.cooldownMs, c.reverse, c.closeOnStop, c.takeProfitPct.toString(), c.stopLossPct.toString(), c.maxFailures]).toEqual([1500, 0, true, false, '0.5', '0.25', 5]);
  });

  it('names every bad, zero, negative or unknown field by path', () => {
    expect(issues({ margin: 0, hold_time: -1, take_profit: 0, stop_loss: -2, cooldown: -1, reverse: 'yes', hold_tme: 3 })).toEqual({
      ticker: expect.stringMatching(/symbol/),
      margin: 'must be greater than 0',
      hold_time: 'must be greater than 0',
      take_profit: 'must be greater than 0',
      stop_loss: 'must be greater than 0',
      cooldown: 'must not be negative',
      reverse: 'must be true or false',
      hold_tme: 'is not a known field',
    });
    expect(issues({ ticker: 'ETH', margin: '100' })).toEqual({ margin: 'must be a number (USDC)' });
    expect(issues(null)).toHaveProperty(['(request)']);
  });
});
