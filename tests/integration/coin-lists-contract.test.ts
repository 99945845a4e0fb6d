import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoinList } from '../../src/shared/schemas/coin-lists';
import { ContractClient } from '../helpers/contract-client';
import { clearKeychainService } from '../helpers/keychain';
import { startHarness, type Harness } from '../helpers/server-harness';

describe('coin lists and markets over the headless server (real core and SQLite)', () => {
  let h: Harness;
  let c: ContractClient;
  let other: ContractClient;

  beforeAll(async () => {
    h = await startHarness();
    c = await ContractClient.connect(h.server.port, h.server.token);
    other = await ContractClient.connect(h.server.port, h.server.token);
  });

  afterAll(async () => {
    c?.close();
    other?.close();
    await clearKeychainService(h.keychainService);
    await h.close();
  });

  it('markets.list gives Lighter specs from the simulator and says when a venue has none', async () => {
    const lighter = await c.invoke('markets.list', { venue: 'lighter' });
    expect(lighter.source).toBe('simulator');
    expect(lighter.markets.find((m) => m.symbol === 'ETH')).toEqual({
      symbol: 'ETH',
      tickSize: '0.01',
      stepSize: '0.0001',
      minBaseAmount: '0.005',
      minNotional: '10',
      maxNotional: '281474976.710655',
      priceDecimals: 2,
      sizeDecimals: 4,
      referencePrice: '3000',
      status: 'active',
    });
    const paradex = await c.invoke('markets.list', { venue: 'paradex' });
    expect(paradex.source).toBe('simulator');
    expect(paradex.markets.find((m) => m.symbol === 'ETH')).toMatchObject({ tickSize: '0.01', stepSize: '0.001', minNotional: '100', referencePrice: '3000' });
    expect(await c.invoke('markets.list', { venue: 'aster' })).toEqual({ venue: 'aster', source: 'unavailable', markets: [] });
    const unchecked = await c.invoke('coinLists.validate', { venue: 'aster', coins: [{ symbol: 'ANYTHING' }] });
    expect(unchecked).toEqual({ issues: [], warnings: [{ path: 'venue', message: 'market specs unavailable for Aster: symbols and minimum orders are not checked' }] });
  });

  it('validate returns issues naming the coin without saving anything', async () => {
    const check = await c.invoke('coinLists.validate', { venue: 'lighter', coins: [{ symbol: 'ETH', targetNotional: '12' }, { symbol: 'XYZ' }, { symbol: 'SOL', targetNotional: '0' }] });
    expect(check.warnings).toEqual([]);
    expect(check.issues.map((i) => i.path)).toEqual(['coins.0.targetNotional', 'coins.1.symbol', 'coins.2.targetNotional']);
    expect(check.issues[0]!.message).toContain('ETH: target 12 USDC is below the minimum order of 15 USDC');
    expect(check.issues[1]!.message).toBe('XYZ is not a Lighter market');
    expect(await c.invoke('coinLists.list', {})).toEqual([]);
  });

  it('refuses to save a list with market or schema errors (INVALID_REQUEST by field path, nothing written)', async () => {
    const market = await c.raw('coinLists.create', { name: 'Bad', venue: 'lighter', coins: [{ symbol: 'ETH' }, { symbol: 'BTC' }, { symbol: 'XYZ' }] });
    expect(market).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'invalid coin list: coins.2.symbol: XYZ is not a Lighter market', issues: [{ path: 'coins.2.symbol', message: 'XYZ is not a Lighter market' }] },
    });
    const schema = await c.raw('coinLists.create', { name: 'Bad', venue: 'lighter', coins: [{ symbol: 'ETH' }, { symbol: 'BTC' }, { symbol: 'SOL' }, { symbol: 'LINK', targetNotional: '-1', sliceNotional: '20', sliceCount: 2 }] });
    expect(schema.ok).toBe(false);
    if (!schema.ok) {
      expect(schema.error.issues).toEqual([
        { path: 'coins.3.targetNotional', message: 'must be greater than 0' },
        { path: 'coins.3.sliceCount', message: 'give a slice notional or a slice count, not both' },
      ]);
    }
    expect(await c.invoke('coinLists.list', {})).toEqual([]);
  });

  it('creates, updates, gets and deletes, pushing coinLists.changed to every client', async () => {
    const list = await c.invoke('coinLists.create', { name: 'Majors', venue: 'lighter', coins: [{ symbol: 'eth', targetNotional: '500', sliceCount: 10 }, { symbol: 'BTC' }] });
    expect(list).toMatchObject({ name: 'Majors', venue: 'lighter', coins: [{ symbol: 'ETH', targetNotional: '500', sliceCount: 10 }, { symbol: 'BTC' }] });
    await other.waitForEvent((e) => e.name === 'coinLists.changed' && (e.payload as CoinList[]).some((l) => l.id === list.id));

    const conflict = await c.raw('coinLists.create', { name: 'MAJORS', venue: 'lighter', coins: [{ symbol: 'SOL' }] });
    expect(conflict).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'name' }] } });

    const badPatch = await c.raw('coinLists.update', { id: list.id, patch: { coins: [{ symbol: 'ETH', targetNotional: '5' }] } });
    expect(badPatch).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'patch.coins.0.targetNotional' }] } });
    expect((await c.invoke('coinLists.get', { id: list.id })).coins).toHaveLength(2);

    const updated = await c.invoke('coinLists.update', { id: list.id, patch: { name: 'Majors 2', coins: [{ symbol: 'SOL', holdMinutes: 5 }] } });
    expect(updated).toMatchObject({ id: list.id, name: 'Majors 2', coins: [{ symbol: 'SOL', holdMinutes: 5 }] });
    expect(await c.invoke('coinLists.get', { id: list.id })).toEqual(updated);

    expect(await c.invoke('coinLists.delete', { id: list.id })).toEqual({ id: list.id });
    expect(await c.raw('coinLists.get', { id: list.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('imports the coin list of an original tri-hedge config, and refuses one with market errors', async () => {
    const config = JSON.stringify({ hold_minutes: 10, default_target_notional: 200, coinlist: ['eth', { symbol: 'BTC', target_notional: 800, slice_notional: 150 }], accounts: [] });
    const { list, warnings } = await c.invoke('coinLists.import', { name: 'From tri-hedge', config });
    expect(list).toMatchObject({
      name: 'From tri-hedge',
      venue: 'lighter',
      coins: [
        { symbol: 'ETH', targetNotional: '200', holdMinutes: 10 },
        { symbol: 'BTC', targetNotional: '800', sliceNotional: '150', holdMinutes: 10 },
      ],
    });
    expect(warnings.map((w) => w.path)).toEqual(['config.default_target_notional', 'config.hold_minutes']);

    const bad = await c.raw('coinLists.import', { name: 'Bad import', config: { symbols: ['ETH', 'NOPE'] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'coins.1.symbol', message: 'NOPE is not a Lighter market' }] } });
    expect((await c.invoke('coinLists.list', {})).map((l) => l.name)).toEqual(['From tri-hedge']);
  });
});
