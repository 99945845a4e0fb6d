import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractClient } from '../helpers/contract-client';
import { clearKeychainService } from '../helpers/keychain';
import { startHarness, type Harness } from '../helpers/server-harness';

describe('strategies.describe: the tri-hedge-hold parameters from its config schema (real core)', () => {
  let h: Harness;
  let c: ContractClient;
  const frames: string[] = [];

  beforeAll(async () => {
    h = await startHarness(process.env);
    c = await ContractClient.connect(h.server.port, h.server.token, frames);
  });

  afterAll(async () => {
    c?.close();
    await clearKeychainService(h.keychainService);
    await h.close();
  });

  it('lists the scalar parameters with kind, default, bounds and help text', async () => {
    const { parameters } = await c.invoke('strategies.describe', { strategy: 'tri-hedge-hold' });
    const byKey = new Map(parameters.map((p) => [p.key, p]));

    const hold = byKey.get('hold_minutes');
    expect(hold).toMatchObject({ kind: 'number', default: 21, min: 0 });
    expect(hold?.help?.trim()).toBeTruthy();

    expect(byKey.get('primary_time_in_force')).toMatchObject({ kind: 'enum', default: 'GTC', options: ['GTC', 'IOC', 'FOK', 'PO'] });
    expect(byKey.get('primary_time_in_force')?.help).toMatch(/post-only/);
    expect(byKey.get('random_split_range')).toMatchObject({ kind: 'range', default: [0.45, 0.55], min: 0, max: 1 });
    expect(byKey.get('run_once')).toMatchObject({ kind: 'boolean', default: false });
    expect(byKey.get('default_slice_count')).toMatchObject({ kind: 'integer', default: 50, min: 1 });
    expect(byKey.get('default_slice_count')).not.toHaveProperty('max');

    // The coin list, accounts and Telegram have editors of their own (or none).
    for (const key of ['accounts', 'coinlist', 'symbols', 'coins', 'telegram_bot_token', 'telegram_chat_id', 'base_url']) {
      expect(byKey.has(key), key).toBe(false);
    }
    expect(parameters.every((p) => p.help !== null)).toBe(true);
  });

  it('rejects another strategy and unknown fields by path', async () => {
    const other = await c.raw('strategies.describe', { strategy: 'grid' });
    expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'strategy' }] } });
    const extra = await c.raw('strategies.describe', { strategy: 'tri-hedge-hold', x: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});
