import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LighterOrderFields } from './lighter-signer';
import { LighterSignerError, LighterTxValidationError, SignerLayoutError } from './signer-errors';
import { parseArityAnswer } from './wasm-layout-check';
import { loadWasmSigner } from './wasm-signer';
import { writeWasmStandIn, type WasmStandIn } from './test-fixtures/stand-in-signers';
import { FIXED_CLOCK as clock, txInfoOf } from './test-helpers';

// The Go runtime here is a STAND-IN (test-fixtures/wasm-exec-standin.js with a minimal
// 8-byte WASM module) written from lighter-go's wasm/main.go, not Go's wasm_exec.js and an
// official lighter-signer.wasm. The real npm build runs in npm-wasm-signer.test.ts.

const params = { privateKey: '0x' + 'cd'.repeat(40), chainId: 300 as const, apiKeyIndex: 4, accountIndex: 12 };
const order: LighterOrderFields = {
  marketIndex: 1,
  clientOrderIndex: 99,
  baseAmount: 20,
  price: 3000,
  isAsk: false,
  orderType: 1,
  timeInForce: 0,
  reduceOnly: true,
  triggerPrice: 0,
  orderExpiry: 0,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hedgedesk-wasm-signer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(build: WasmStandIn, sub: string = build) {
  const wasmPath = writeWasmStandIn(join(dir, sub), build);
  return { wasmPath, wasmExecPath: join(dir, sub, 'wasm_exec.js') };
}

async function refusal(build: WasmStandIn): Promise<SignerLayoutError> {
  const err = await loadWasmSigner(files(build), params, clock).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SignerLayoutError);
  return err as SignerLayoutError;
}

describe('WasmSigner on a v1.0.7 stand-in', () => {
  it('recognises the layout by the names it reports and signs with every field in place, self-trade modes as attributes', async () => {
    const signer = await loadWasmSigner(files('v1.0.7'), params, clock);
    expect(signer).toMatchObject({ kind: 'official', flavor: 'wasm', accountIndex: 12, apiKeyIndex: 4 });
    expect(signer.layout.id).toBe('v1.0.7');
    const signed = await signer.signCreateOrder({ ...order, selfTradeBehaviorMode: 2, selfTradeEqualityMode: 1 }, 5);
    expect(signed.txType).toBe(14);
    expect(txInfoOf(signed)).toEqual({
      AccountIndex: 12,
      ApiKeyIndex: 4,
      MarketIndex: 1,
      ClientOrderIndex: 99,
      BaseAmount: 20,
      Price: 3000,
      IsAsk: 0,
      Type: 1,
      TimeInForce: 0,
      ReduceOnly: 1,
      TriggerPrice: 0,
      OrderExpiry: 0,
      ExpiredAt: expect.any(Number),
      Nonce: 5,
      Sig: expect.any(String),
      L2TxAttributes: { '6': 2, '7': 1 },
    });
  });

  it('signs cancel, cancel-all and modify, makes auth tokens, and refuses an order version', async () => {
    const signer = await loadWasmSigner(files('v1.0.7'), params, clock);
    expect(txInfoOf(await signer.signCancelOrder(1, 281474976710700, 6))).toMatchObject({ MarketIndex: 1, Index: 281474976710700, Nonce: 6, L2TxAttributes: null });
    expect(txInfoOf(await signer.signCancelAllOrders(2, 0, 7))).toMatchObject({ TimeInForce: 2, Time: 0, Nonce: 7, L2TxAttributes: null });
    expect(txInfoOf(await signer.signModifyOrder(1, 99, 30, 3100, 0, 8))).toMatchObject({ Index: 99, BaseAmount: 30, Price: 3100, Nonce: 8 });
    expect(await signer.createAuthToken(1_700_003_600)).toBe('1700003600:12:4:7374616e642d696e');
    expect(await signer.createAuthToken(0)).toBe('1700025200:12:4:7374616e642d696e');
    await expect(signer.signModifyOrder(1, 99, 30, 3100, 0, 9, { orderVersion: 4 })).rejects.toThrow(LighterTxValidationError);
  });

  it('turns {error} into LighterSignerError', async () => {
    await expect(loadWasmSigner(files('v1.0.7'), { ...params, privateKey: '0x12' }, clock)).rejects.toThrow(LighterSignerError);
    await expect(loadWasmSigner(files('v1.0.7'), { ...params, privateKey: '0x12' }, clock)).rejects.toThrow(/CreateClient failed: invalid private key length/);
  });

  it('serves several accounts from one runtime', async () => {
    const f = files('v1.0.7', 'shared');
    const a = await loadWasmSigner(f, { ...params, accountIndex: 21 }, clock);
    const b = await loadWasmSigner(f, { ...params, accountIndex: 22 }, clock);
    expect(txInfoOf(await a.signCancelOrder(1, 5, 1))).toMatchObject({ AccountIndex: 21 });
    expect(txInfoOf(await b.signCancelOrder(1, 5, 1))).toMatchObject({ AccountIndex: 22 });
  });
});

describe('WasmSigner on a v1.0.9 stand-in', () => {
  it('maps the order version by name (after the nonce) and signs it as attribute 8', async () => {
    const signer = await loadWasmSigner(files('v1.0.9'), params, clock);
    expect(signer.layout.id).toBe('v1.0.9');
    const modify = await signer.signModifyOrder(1, 99, 30, 3100, 0, 8, { orderVersion: 6 });
    expect(txInfoOf(modify)).toMatchObject({ AccountIndex: 12, ApiKeyIndex: 4, Index: 99, Nonce: 8, L2TxAttributes: { '8': 6 } });
  });
});

describe('WASM layout check and probe at load', () => {
  it('refuses a build that reports a known layout but signs with arguments elsewhere (the probe)', async () => {
    const err = await refusal('lying');
    expect(err.refusal).toBe('probe-failed');
    expect(err.message).toContain('it reports the v1.0.7 layout (create 19, cancel 6, cancel-all 7, modify 14) but its probe transactions have fields out of place');
    expect(err.message).toMatch(/SignCreateOrder\(19 args: .*\): the signer answered an error: .*client is not created/);
  });

  it('refuses argument lists no known layout has, listing what the build reported and the known layouts', async () => {
    const err = await refusal('unknown');
    expect(err.refusal).toBe('unknown-layout');
    expect(err.message).toContain('its argument lists match no signer layout HedgeDesk knows');
    expect(err.message).toContain('found: SignModifyOrder(15 args: marketIndex, index, baseAmount, price, triggerPrice, integratorAccountIndex, integratorTakerFee, integratorMakerFee, selfTradeBehaviorMode, selfTradeEqualityMode, skipNonce, nonce, orderTag, apiKeyIndex, accountIndex)');
    expect(err.message).toContain('known: v1.0.9 layout (create 19, cancel 6, cancel-all 7, modify 15); v1.0.7 layout');
    expect(err.message).toContain('GOOS=js GOARCH=wasm go build -trimpath -o lighter-signer.wasm ./wasm');
  });

  it('refuses a wasm_exec.js that defines no Go class', async () => {
    const wasmPath = writeWasmStandIn(join(dir, 'nogo'), 'v1.0.7', false);
    const execPath = join(dir, 'nogo', 'wasm_exec.js');
    writeFileSync(execPath, 'globalThis.NotGo = 1;\n');
    await expect(loadWasmSigner({ wasmPath, wasmExecPath: execPath }, params, clock)).rejects.toThrow(/did not define globalThis.Go/);
  });

  it('parses the official arity message and rejects anything else', () => {
    expect(parseArityAnswer('SignCancelOrder', { error: 'SignCancelOrder expects 6 args: marketIndex, orderIndex, skipNonce, nonce, apiKeyIndex, accountIndex' })).toEqual({
      count: 6,
      names: ['marketIndex', 'orderIndex', 'skipNonce', 'nonce', 'apiKeyIndex', 'accountIndex'],
    });
    expect(parseArityAnswer('SignCancelOrder', { error: 'SignCreateOrder expects 19 args: a' })).toBeUndefined();
    expect(parseArityAnswer('SignCancelOrder', { error: 'argument 0 is undefined' })).toBeUndefined();
    expect(parseArityAnswer('SignCancelOrder', 'nope')).toBeUndefined();
  });
});
