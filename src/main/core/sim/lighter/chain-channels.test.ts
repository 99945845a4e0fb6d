import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualSimClock } from '../engine/sim-clock';
import type { RunningLighterSim } from './lighter-sim';
import { authToken, createOrderInfo, getJson, postTx, startTestSim, WsProbe } from './testing';

describe('Lighter simulator WebSocket: height, account_tx, account_all_assets', () => {
  let clock: ManualSimClock, sim: RunningLighterSim, url: string, A: number, ws: WsProbe;
  beforeEach(async () => {
    ({ clock, sim, url, A } = await startTestSim({ seed: 1, liquidity: false }));
    ws = await WsProbe.open(sim.wsUrl);
  });
  afterEach(async () => {
    ws.close();
    await sim.close();
  });

  it('height: the current height on subscribe, then an update per executed block', async () => {
    ws.send({ type: 'subscribe', channel: 'height' });
    const first = await ws.next((m) => m.type === 'subscribed/height');
    expect(first).toEqual({ channel: 'height', height: expect.any(Number), timestamp: clock.now(), type: 'subscribed/height' });
    await postTx(url, 14, createOrderInfo({ AccountIndex: A, Nonce: 0 }, clock.now()));
    const next = await ws.next((m) => m.type === 'update/height');
    expect(next.height).toBe(first.height + 1);
    expect((await getJson(url, '/api/v1/currentHeight')).body.height).toBe(next.height);
  });

  it('account_tx (auth): the account’s transactions, then each executed one (Transaction JSON, status 3)', async () => {
    const r = await postTx(url, 14, createOrderInfo({ AccountIndex: A, Nonce: 0 }, clock.now()));
    ws.send({ type: 'subscribe', channel: `account_tx/${A}` });
    expect((await ws.next((m) => m.error)).error.code).toBe(20001);
    ws.send({ type: 'subscribe', channel: `account_tx/${A}`, auth: authToken(A, clock.now()) });
    const snap = await ws.next((m) => m.type === 'subscribed/account_tx');
    expect(snap).toMatchObject({ account: A, channel: `account_tx:${A}` });
    expect(snap.txs.map((t: { hash: string; status: number }) => [t.hash, t.status])).toEqual([[r.body.tx_hash, 3]]);
    const cancel = await postTx(url, 16, { AccountIndex: A, ApiKeyIndex: 4, TimeInForce: 0, Time: 0, ExpiredAt: clock.now() + 60_000, Nonce: 1, Sig: 'AAAA' });
    const upd = await ws.next((m) => m.type === 'update/account_tx');
    expect(upd.txs).toHaveLength(1);
    expect(upd.txs[0]).toMatchObject({ hash: cancel.body.tx_hash, type: 16, status: 3, account_index: A, nonce: 1, executed_at: clock.now() });
  });

  it('account_all_assets (auth): the sim has no spot assets, so the recorded envelope with assets {}', async () => {
    ws.send({ type: 'subscribe', channel: `account_all_assets/${A}`, auth: authToken(A, clock.now()) });
    expect(await ws.next((m) => m.type === 'subscribed/account_all_assets')).toEqual({
      assets: {},
      channel: `account_all_assets:${A}`,
      timestamp: clock.now(),
      type: 'subscribed/account_all_assets',
    });
    ws.send({ type: 'subscribe', channel: 'account_all_assets/abc' });
    expect((await ws.next((m) => m.error)).error.code).toBe(30005);
  });
});
