import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/config-error';
import { modeOf, parseMakerTakerConfig, rolesForMode, withoutSecrets } from './config-schema';
import { parseFillMessage } from './fill-message';

function issues(raw: unknown): string[] {
  try {
    parseMakerTakerConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return (err.issues ?? []).map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('maker-taker-hedge config', () => {
  it('applies the defaults of the originals and converts durations to ms', () => {
    const c = parseMakerTakerConfig({ market: 'eth', quantity: 100000 });
    expect(c).toMatchObject({ symbol: 'ETH', depth: 1, mode: 'both', quantityUnit: 'integer', redisUrl: null, retryTimes: 3, pollIntervalMs: 1000, orderTimeoutMs: 30_000, slippageBps: 50, maxCycles: 0 });
    expect(c.quantity!.toString()).toBe('100000');
  });

  it('reads the originals\' nested config.yaml keys; flat keys win', () => {
    const c = parseMakerTakerConfig({ market: 'BTC', quantity: 50000, depth: 2, strategy: { retry_times: 5, poll_interval: 2 }, lighter: { maker_order_time_out: 60 }, redis: { host: 'localhost', port: 6388, db: 0 } });
    expect(c).toMatchObject({ retryTimes: 5, pollIntervalMs: 2000, orderTimeoutMs: 60_000, redisUrl: 'redis://localhost:6388/0', depth: 2 });
    expect(parseMakerTakerConfig({ market: 'BTC', quantity: 1, retry_times: 1, strategy: { retry_times: 5 } }).retryTimes).toBe(1);
  });

  it('names every bad field', () => {
    expect(issues({ market: '', quantity: 1.5, depth: 0, mode: 'c', retry_times: -1, redis_url: 'http://x' })).toEqual([
      'market: must not be empty',
      'depth: must be at least 1 (1 = best bid)',
      'mode: must be both, a or b',
      'redis_url: must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0',
      'retry_times: must not be negative',
    ]);
    expect(issues({ market: 'ETH', quantity: 1.5 })).toEqual(['quantity: 1.5 is not a whole venue base amount (use quantity_unit "base" for base units)']);
    expect(issues({ market: 'ETH', quantity: 0.01, quantity_unit: 'base' })).toEqual([]);
    expect(issues({ market: 'ETH' })).toEqual(["quantity: the size of A's maker orders is required (mode both and a)"]);
    expect(issues({ market: 'ETH', mode: 'b' })).toEqual(['redis_url: B-only mode hedges the fills of an A elsewhere: give the Redis URL they come through']);
  });

  it('maps modes to roles, even for a stored or bad config', () => {
    expect(rolesForMode('both')).toEqual(['A', 'B']);
    expect(rolesForMode(modeOf({ mode: 'a' }))).toEqual(['A']);
    expect(rolesForMode(modeOf({ mode: 'b' }))).toEqual(['B']);
    expect(modeOf(null)).toBe('both');
  });

  it('masks the Redis password before the config is stored', () => {
    expect(withoutSecrets({ market: 'ETH', redis_url: 'redis://user:s3cret@host:6379/0' })).toEqual({ market: 'ETH', redis_url: 'redis://***@host:6379/0' });
  });
});

describe('fill messages', () => {
  it('parses the originals\' JSON, deriving an id when the message has none; names bad fields', () => {
    const original = { account_index: 280459, market_index: 1, order_index: 844424550251264, filled_base_amount: '0.00020', filled_quote_amount: '21.89', avg_price: '109450.0', timestamp: 1761215567, side: 'buy' };
    const m = parseFillMessage(JSON.stringify(original));
    expect(m.id).toMatch(/^orig-[0-9a-f]{24}$/);
    expect(parseFillMessage(JSON.stringify(original)).id).toBe(m.id);
    expect(parseFillMessage(JSON.stringify({ ...original, timestamp: 1761215568 })).id).not.toBe(m.id);
    expect(parseFillMessage(JSON.stringify({ ...original, id: 'x1', filled_base_amount: 0.5 }))).toMatchObject({ id: 'x1', filled_base_amount: '0.5' });
    expect(() => parseFillMessage(JSON.stringify({ ...original, filled_base_amount: 'lots' }))).toThrow('filled_base_amount: must be a decimal amount');
    expect(() => parseFillMessage('{oops')).toThrow('not JSON');
  });
});
