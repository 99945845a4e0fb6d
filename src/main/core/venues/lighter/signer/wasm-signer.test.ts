import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LighterOrderFields } from './lighter-signer';
import { LighterSignerError, SignerAbiMismatchError } from './signer-errors';
import { parseArityAnswer } from './wasm-abi-check';
import { loadWasmSigner } from './wasm-signer';
import { writeWasmStandIn } from './test-fixtures/stand-in-signers';
import { echoedArgs as echoed, FIXED_CLOCK as clock, NIL_ORDER_ATTRIBUTE_ARGS } from './test-helpers';

// The Go runtime here is a STAND-IN (test-fixtures/wasm-exec-standin*.js with a minimal
// 8-byte WASM module), not Go's wasm_exec.js and the official lighter-signer.wasm.

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

function files(sub: string, fixture: 'wasm-exec-standin.js' | 'wasm-exec-standin-13-args.js') {
  const wasmPath = writeWasmStandIn(join(dir, sub), fixture);
  return { wasmPath, wasmExecPath: join(dir, sub, 'wasm_exec.js') };
}

describe('WasmSigner with a stand-in Go runtime answering the pinned ABI', () => {
  it('loads, registers the client without a URL and signs with the 19 pinned args', async () => {
    const signer = await loadWasmSigner(files('pinned', 'wasm-exec-standin.js'), params, clock);
    expect(signer.kind).toBe('official');
    expect(signer.flavor).toBe('wasm');
    expect([signer.accountIndex, signer.apiKeyIndex]).toEqual([12, 4]);
    const signed = await signer.signCreateOrder(order, 5);
    expect(signed).toMatchObject({ txType: 14, txHash: 'standin-SignCreateOrder-5' });
    expect(echoed(signed.txInfo, 'SignCreateOrder')).toEqual({
      marketIndex: 1,
      clientOrderIndex: 99,
      baseAmount: 20,
      price: 3000,
      isAsk: 0,
      orderType: 1,
      timeInForce: 0,
      reduceOnly: 1,
      triggerPrice: 0,
      orderExpiry: 0,
      ...NIL_ORDER_ATTRIBUTE_ARGS,
      nonce: 5,
      apiKeyIndex: 4,
      accountIndex: 12,
    });
  });

  it('signs cancel, cancel-all and modify, and makes auth tokens', async () => {
    const signer = await loadWasmSigner(files('pinned', 'wasm-exec-standin.js'), params, clock);
    expect(echoed((await signer.signCancelOrder(1, 281474976710700, 6)).txInfo, 'SignCancelOrder')).toEqual({
      marketIndex: 1,
      orderIndex: 281474976710700,
      skipNonce: 0,
      nonce: 6,
      apiKeyIndex: 4,
      accountIndex: 12,
    });
    expect(echoed((await signer.signCancelAllOrders(0, 0, 7)).txInfo, 'SignCancelAllOrders')).toMatchObject({ cancelAllMarketIndex: 255, nonce: 7 });
    expect(echoed((await signer.signModifyOrder(1, 99, 30, 3100, 0, 8)).txInfo, 'SignModifyOrder')).toMatchObject({ index: 99, baseAmount: 30, price: 3100, nonce: 8 });
    expect(await signer.createAuthToken(1_700_003_600)).toBe('1700003600:12:4:standin');
    expect(await signer.createAuthToken(0)).toBe('1700025200:12:4:standin');
  });

  it('turns {error} into LighterSignerError', async () => {
    const signer = await loadWasmSigner(files('pinned', 'wasm-exec-standin.js'), params, clock);
    await expect(signer.signCancelOrder(1, 5, 424242)).rejects.toThrow(LighterSignerError);
    await expect(signer.signCancelOrder(1, 5, 424242)).rejects.toThrow('Lighter signer SignCancelOrder failed: stand-in: invalid nonce');
    await expect(loadWasmSigner(files('pinned', 'wasm-exec-standin.js'), { ...params, privateKey: '' }, clock)).rejects.toThrow(/CreateClient failed: stand-in: empty private key/);
  });

  it('serves several accounts from one runtime', async () => {
    const f = files('shared', 'wasm-exec-standin.js');
    const a = await loadWasmSigner(f, { ...params, accountIndex: 21 }, clock);
    const b = await loadWasmSigner(f, { ...params, accountIndex: 22 }, clock);
    expect(echoed((await a.signCancelOrder(1, 5, 1)).txInfo, 'SignCancelOrder')).toMatchObject({ accountIndex: 21 });
    expect(echoed((await b.signCancelOrder(1, 5, 1)).txInfo, 'SignCancelOrder')).toMatchObject({ accountIndex: 22 });
  });
});

describe('WASM ABI check at load', () => {
  it('refuses a build that reports 13 SignCreateOrder args, naming loaded vs supported and the commit to use', async () => {
    const f = files('old', 'wasm-exec-standin-13-args.js');
    const err = await loadWasmSigner(f, params, clock).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignerAbiMismatchError);
    const message = (err as Error).message;
    expect(message).toContain(`Refusing the Lighter WASM signer ${f.wasmPath}`);
    expect(message).toContain('loaded:    SignCreateOrder(13 args: marketIndex, clientOrderIndex, baseAmount, price, isAsk, orderType, timeInForce, reduceOnly, triggerPrice, orderExpiry, nonce, apiKeyIndex, accountIndex)');
    expect(message).toContain('supported: SignCreateOrder(19 args: marketIndex,');
    expect(message).toContain('loaded:    SignCancelOrder(5 args');
    expect(message).toContain('github.com/elliottech/lighter-go at commit 17f2d60');
    expect(message).toContain('GOOS=js GOARCH=wasm go build -o lighter-signer.wasm ./wasm');
  });

  it('refuses a wasm_exec.js that defines no Go class', async () => {
    const wasmPath = writeWasmStandIn(join(dir, 'nogo'), 'wasm-exec-standin.js', false);
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
