import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualSimClock } from '../engine/sim-clock';
import type { RunningLighterSim } from './lighter-sim';
import { authToken, createOrderInfo, getJson, postTx, startTestSim, txEnvelope } from './testing';

/** A resting ask of one account met by a buy of a sub-account of the same master. */
describe('Lighter simulator: self-trade attributes 6 / 7 and ChangePubKey', () => {
  let clock: ManualSimClock, sim: RunningLighterSim, url: string, master: number, sub: number;
  beforeEach(async () => {
    ({ clock, sim, url, A: master } = await startTestSim({ seed: 1, liquidity: false }));
    sub = sim.admin.createAccount({ l1Address: sim.admin.state().accounts.find((a) => a.account_index === master)!.l1_address, collateral: '10000' }).accountIndex;
  });
  afterEach(() => sim.close());

  const ask = (account: number, nonce: number) => postTx(url, 14, createOrderInfo({ AccountIndex: account, Nonce: nonce, IsAsk: 1, Price: 300_000 }, clock.now()));
  const buy = (account: number, nonce: number, attributes: Record<string, number> | null) =>
    postTx(url, 14, { ...createOrderInfo({ AccountIndex: account, Nonce: nonce, Price: 300_000 }, clock.now()), L2TxAttributes: attributes });
  const statuses = async (account: number) => {
    const auth = { Authorization: authToken(account, clock.now()) };
    const active = (await getJson(url, `/api/v1/accountActiveOrders?account_index=${account}`, auth)).body.orders;
    const inactive = (await getJson(url, `/api/v1/accountInactiveOrders?account_index=${account}&limit=50`, auth)).body.orders;
    return [...active, ...inactive].map((o: { status: string }) => o.status);
  };
  const settle = () => new Promise((r) => setImmediate(r));

  it('default attributes (expire maker, same account): the master and its sub-account trade with each other', async () => {
    expect((await ask(master, 0)).status).toBe(200);
    expect((await buy(sub, 0, null)).status).toBe(200);
    await settle();
    expect(await statuses(master)).toEqual(['filled']);
    expect(await statuses(sub)).toEqual(['filled']);
  });

  it('equality "same master" (7 = 1): the sub-account’s buy expires the master’s ask', async () => {
    await ask(master, 0);
    expect((await buy(sub, 0, { '7': 1 })).status).toBe(200);
    await settle();
    expect(await statuses(master)).toEqual(['canceled-self-trade']);
    expect(await statuses(sub)).toEqual(['open']);
  });

  it('expire taker (6 = 1) with same master: the buy is cancelled, the ask rests', async () => {
    await ask(master, 0);
    await buy(sub, 0, { '6': 1, '7': 1 });
    await settle();
    expect(await statuses(master)).toEqual(['open']);
    expect(await statuses(sub)).toEqual(['canceled-self-trade']);
  });

  it('cancel both (6 = 2) on the same account; reduce with same master is refused (21501, nonce kept)', async () => {
    await ask(master, 0);
    await buy(master, 1, { '6': 2 });
    await settle();
    expect(await statuses(master)).toEqual(['canceled-self-trade', 'canceled-self-trade']);
    const refused = await buy(sub, 0, { '6': 3, '7': 1 });
    expect(refused.body).toEqual({ code: 21501, message: "invalid tx info: Reduce self-trade behavior mode isn't allowed with master account index equality mode" });
    expect((await getJson(url, `/api/v1/nextNonce?account_index=${sub}&api_key_index=4`)).body.nonce).toBe(0);
  });

  it('ChangePubKey (tx type 8) registers the key on its slot and consumes the nonce', async () => {
    const key = Buffer.alloc(40, 0xab);
    const r = await postTx(url, 8, { ...txEnvelope(master, 0, clock.now()), PubKey: key.toString('base64'), L1Sig: `0x${'11'.repeat(65)}`, L2TxAttributes: null });
    expect(r.body).toMatchObject({ code: 200, tx_hash: expect.any(String) });
    await settle();
    expect((await getJson(url, `/api/v1/nextNonce?account_index=${master}&api_key_index=4`)).body.nonce).toBe(1);
    const keys = (await getJson(url, `/api/v1/apikeys?account_index=${master}&api_key_index=4`)).body.api_keys;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ account_index: master, api_key_index: 4, nonce: 1, public_key: key.toString('hex') });
  });
});
