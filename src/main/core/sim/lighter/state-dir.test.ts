import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualSimClock } from '../engine/sim-clock';
import { CorruptStateFileError } from '../../store/atomic-json-file';
import { SimStateLockedError } from '../engine/sim-state-store';
import { startLighterSim, type RunningLighterSim } from './lighter-sim';
import { authToken, createOrderInfo, getJson, postTx } from './testing';

describe('Lighter simulator with a state directory', () => {
  let dir: string;
  let clock: ManualSimClock;
  const running: RunningLighterSim[] = [];
  const start = async () => {
    const sim = await startLighterSim({ clock, stateDir: dir, accounts: 1 });
    running.push(sim);
    return sim;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hd-lsim-'));
    clock = new ManualSimClock();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const settle = () => new Promise((r) => setTimeout(r, 20));

  it('restores accounts, positions, open orders, trades, nonces and prices, and issues only new ids', async () => {
    const first = await start();
    const A = first.accounts[0]!;
    expect((await postTx(first.url, 14, createOrderInfo({ AccountIndex: A, Nonce: 0, Price: 290_000, ClientOrderIndex: 7 }, clock.now()))).status).toBe(200);
    expect((await postTx(first.url, 14, createOrderInfo({ AccountIndex: A, Nonce: 1, Price: 301_000, TimeInForce: 0, OrderExpiry: 0 }, clock.now()))).status).toBe(200);
    await settle();
    clock.advance(3_000);
    const auth = authToken(A, clock.now());
    const tradesPath = `/api/v1/trades?sort_by=block_height&limit=100&account_index=${A}&auth=${auth}`;
    const tradesBefore = (await getJson(first.url, tradesPath)).body.trades as { trade_id: number }[];
    expect(tradesBefore.length).toBeGreaterThan(0);
    const stateBefore = first.admin.state().accounts.find((a) => a.account_index === A)!;
    expect(stateBefore.positions[0]!.size).toBe('0.1000');
    const ordersBefore = (await getJson(first.url, `/api/v1/accountActiveOrders?account_index=${A}&market_id=0&auth=${auth}`)).body.orders;
    expect(ordersBefore).toHaveLength(1);
    const ethMid = first.admin.state().markets[0]!.mid;
    await first.close();
    running.length = 0;

    const second = await start();
    expect(second.accounts).toEqual([A]);
    const after = second.admin.state().accounts.find((a) => a.account_index === A)!;
    expect(after).toMatchObject({ collateral: stateBefore.collateral, open_orders: 1, positions: stateBefore.positions, api_keys: [{ api_key_index: 4, next_nonce: 2 }] });
    expect(second.admin.state().markets[0]!.mid).toBe(ethMid);
    const ordersAfter = (await getJson(second.url, `/api/v1/accountActiveOrders?account_index=${A}&market_id=0&auth=${auth}`)).body.orders;
    expect(ordersAfter).toEqual(ordersBefore);
    expect((await getJson(second.url, tradesPath)).body.trades).toEqual(tradesBefore);
    // a new fill gets a trade id above every earlier one
    expect((await postTx(second.url, 14, createOrderInfo({ AccountIndex: A, Nonce: 2, Price: 301_000, TimeInForce: 0, OrderExpiry: 0 }, clock.now()))).status).toBe(200);
    await settle();
    const trades = (await getJson(second.url, tradesPath)).body.trades as { trade_id: number }[];
    const fresh = trades.filter((t) => !tradesBefore.some((b) => b.trade_id === t.trade_id));
    expect(fresh.length).toBeGreaterThan(0);
    expect(Math.min(...fresh.map((t) => t.trade_id))).toBeGreaterThan(Math.max(...tradesBefore.map((t) => t.trade_id)));
  });

  it('refuses a corrupted state file with a clear error and leaves it untouched', async () => {
    await (await start()).close();
    running.length = 0;
    writeFileSync(join(dir, 'state.json'), '{"version":1,"state":{"venue":"lighter","engine":');
    await expect(start()).rejects.toThrow(CorruptStateFileError);
    await expect(start()).rejects.toThrow(/state\.json is corrupted \(not JSON/);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe('{"version":1,"state":{"venue":"lighter","engine":');
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ version: 1, state: { venue: 'paradex' } }));
    await expect(start()).rejects.toThrow(/cannot be restored: it is a paradex simulator's state/);
  });

  it('refuses a second simulator on the same state directory', async () => {
    await start();
    await expect(start()).rejects.toThrow(SimStateLockedError);
  });
});
