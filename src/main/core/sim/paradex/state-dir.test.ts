import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, login, settle, signedOrder, startTestSim, type TestOrder, type TestSim } from './testing';

describe('Paradex simulator with a state directory', () => {
  let dir: string;
  const running: TestSim[] = [];
  const start = async () => {
    const t = await startTestSim({ seed: 4, stateDir: dir });
    running.push(t);
    return t;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hd-psim-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((t) => t.sim.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores positions, open orders and fills; old JWTs are refused; new fill and order ids are new', async () => {
    const first = await start();
    let jwt = await login(first.url, first.A, first.clock.now());
    const place = (t: TestSim, order: TestOrder) => call(t.url, 'POST', '/v1/orders', jwt, signedOrder(t.A, order, t.clock.now()));
    const resting = await place(first, { market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2900', client_id: 'rest-1' });
    const taken = await place(first, { market: 'ETH-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.2', price: undefined });
    expect([resting.status, taken.status]).toEqual([201, 201]);
    await settle();
    const fillsBefore = (await call(first.url, 'GET', '/v1/fills', jwt)).body.results as { id: string }[];
    expect(fillsBefore.length).toBeGreaterThan(0);
    const openBefore = (await call(first.url, 'GET', '/v1/orders', jwt)).body.results;
    expect(openBefore).toHaveLength(1);
    const accountBefore = first.sim.admin.account(first.A.address);
    expect(accountBefore.positions[0]).toMatchObject({ market: 'ETH-USD-PERP', size: '0.2' });
    await first.sim.close();
    running.length = 0;

    const second = await start();
    expect((await call(second.url, 'GET', '/v1/orders', jwt)).status).toBe(401);
    jwt = await login(second.url, second.A, second.clock.now());
    expect(second.sim.admin.account(second.A.address)).toEqual(accountBefore);
    expect((await call(second.url, 'GET', '/v1/orders', jwt)).body.results).toEqual(openBefore);
    expect((await call(second.url, 'GET', '/v1/fills', jwt)).body.results).toEqual(fillsBefore);
    const again = await place(second, { market: 'ETH-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.1', price: undefined });
    expect(again.status).toBe(201);
    expect([resting.body.id, taken.body.id]).not.toContain(again.body.id);
    await settle();
    const fills = (await call(second.url, 'GET', '/v1/fills', jwt)).body.results as { id: string }[];
    expect(new Set(fills.map((f) => f.id)).size).toBe(fills.length);
    expect(fills.length).toBeGreaterThan(fillsBefore.length);
    expect(second.sim.admin.account(second.A.address).positions[0]).toMatchObject({ size: '0.3' });
  });

  it('refuses a corrupted state file with a clear error', async () => {
    await (await start()).sim.close();
    running.length = 0;
    writeFileSync(join(dir, 'state.json'), 'garbage');
    await expect(start()).rejects.toThrow(/state\.json is corrupted \(not JSON/);
  });
});
