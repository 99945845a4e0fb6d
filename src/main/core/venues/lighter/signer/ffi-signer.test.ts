import { load } from 'koffi';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFfiSigner } from './ffi-signer';
import type { LighterOrderFields } from './lighter-signer';
import { LighterSignerError, SignerAbiMismatchError } from './signer-errors';
import { compileFakeSignerLibrary } from './test-fixtures/stand-in-signers';
import { echoedArgs as echoed, FIXED_CLOCK as clock, NIL_ORDER_ATTRIBUTE_ARGS } from './test-helpers';

// The library used here is a STAND-IN compiled from test-fixtures/fake-lighter-signer.c,
// not the official signer: it echoes the arguments it receives as JSON.

const params = { privateKey: '0x' + 'ab'.repeat(40), chainId: 304 as const, apiKeyIndex: 4, accountIndex: 281474976710654 };
const order: LighterOrderFields = {
  marketIndex: 35,
  clientOrderIndex: 281474976710655,
  baseAmount: 1000,
  price: 4294967295,
  isAsk: true,
  orderType: 0,
  timeInForce: 2,
  reduceOnly: false,
  triggerPrice: 0,
  orderExpiry: -1,
};

let dir: string;
const lib = { pinned: '', missing: '', newer: '' };
let outstanding: () => number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hedgedesk-ffi-signer-'));
  lib.pinned = compileFakeSignerLibrary(join(dir, 'pinned.so'), 'pinned');
  lib.missing = compileFakeSignerLibrary(join(dir, 'missing.so'), 'missing-export');
  lib.newer = compileFakeSignerLibrary(join(dir, 'newer.so'), 'newer-export');
  const f = load(lib.pinned).func('FakeOutstandingStrings', 'int64_t', []);
  outstanding = () => Number(f());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FfiSigner against a stand-in C library with the pinned ABI', () => {
  it('passes all 19 SignCreateOrder args in place, with C int / int64 / uint8 types intact, and frees every string', async () => {
    const signer = loadFfiSigner(lib.pinned, undefined, params, clock);
    expect(signer.kind).toBe('official');
    expect(signer.flavor).toBe('shared-library');
    const signed = await signer.signCreateOrder(order, 41);
    expect(signed.txType).toBe(14);
    expect(signed.txHash).toBe('standin-SignCreateOrder-41');
    expect(echoed(signed.txInfo, 'SignCreateOrder')).toEqual({
      marketIndex: 35,
      clientOrderIndex: 281474976710655,
      baseAmount: 1000,
      price: 4294967295,
      isAsk: 1,
      orderType: 0,
      timeInForce: 2,
      reduceOnly: 0,
      triggerPrice: 0,
      orderExpiry: 1_700_000_000_000 + 28 * 86_400_000,
      ...NIL_ORDER_ATTRIBUTE_ARGS,
      nonce: 41,
      apiKeyIndex: 4,
      accountIndex: 281474976710654,
    });
    expect(outstanding()).toBe(0);
  });

  it('signs cancel, cancel-all (all markets) and modify with the pinned argument lists', async () => {
    const signer = loadFfiSigner(lib.pinned, undefined, params, clock);
    const cancel = await signer.signCancelOrder(35, 281474976710656, 42);
    expect(cancel.txType).toBe(15);
    expect(echoed(cancel.txInfo, 'SignCancelOrder')).toEqual({ marketIndex: 35, orderIndex: 281474976710656, skipNonce: 0, nonce: 42, apiKeyIndex: 4, accountIndex: 281474976710654 });
    const all = await signer.signCancelAllOrders(1, 1_700_000_600_000, 43);
    expect(all.txType).toBe(16);
    expect(echoed(all.txInfo, 'SignCancelAllOrders')).toMatchObject({ timeInForce: 1, time: 1_700_000_600_000, cancelAllMarketIndex: 255, skipNonce: 0, nonce: 43 });
    const modify = await signer.signModifyOrder(35, 77, 500, 41000, 0, 44);
    expect(modify.txType).toBe(17);
    expect(echoed(modify.txInfo, 'SignModifyOrder')).toMatchObject({ marketIndex: 35, index: 77, baseAmount: 500, price: 41000, triggerPrice: 0, integratorAccountIndex: 0, nonce: 44 });
    expect(outstanding()).toBe(0);
  });

  it('reads the auth token from StrOrErr', async () => {
    const signer = loadFfiSigner(lib.pinned, undefined, params, clock);
    expect(await signer.createAuthToken(1_700_003_600)).toBe('1700003600:281474976710654:4:standin');
    expect(outstanding()).toBe(0);
  });

  it('turns err into LighterSignerError and still frees the string', async () => {
    const signer = loadFfiSigner(lib.pinned, undefined, params, clock);
    const err = await signer.signCreateOrder({ ...order, orderExpiry: 1_800_000_000_000 }, 424242).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LighterSignerError);
    expect((err as LighterSignerError).signerFunction).toBe('SignCreateOrder');
    expect((err as Error).message).toBe('Lighter signer SignCreateOrder failed: stand-in: invalid nonce');
    expect(outstanding()).toBe(0);
  });

  it('reports a CreateClient error (non-NULL char*) and frees it', () => {
    expect(() => loadFfiSigner(lib.pinned, undefined, { ...params, privateKey: '' }, clock)).toThrow(/CreateClient failed: stand-in: empty private key/);
    expect(outstanding()).toBe(0);
  });

  it('serves several accounts from one library (one client per account/key)', async () => {
    const a = loadFfiSigner(lib.pinned, undefined, { ...params, accountIndex: 11 }, clock);
    const b = loadFfiSigner(lib.pinned, undefined, { ...params, accountIndex: 12, apiKeyIndex: 7 }, clock);
    expect(echoed((await a.signCancelOrder(1, 5, 1)).txInfo, 'SignCancelOrder')).toMatchObject({ accountIndex: 11, apiKeyIndex: 4 });
    expect(echoed((await b.signCancelOrder(1, 5, 1)).txInfo, 'SignCancelOrder')).toMatchObject({ accountIndex: 12, apiKeyIndex: 7 });
  });

  it('refuses a missing nonce before calling the library', async () => {
    const signer = loadFfiSigner(lib.pinned, undefined, params, clock);
    await expect(signer.signCancelOrder(1, 5, -1)).rejects.toThrow(/Nonce must be an explicit integer/);
  });
});

describe('FfiSigner export-set check', () => {
  it('refuses a library that lacks an export the pinned build has', () => {
    const err = (() => {
      try {
        loadFfiSigner(lib.missing, 'lighter-signer-linux-amd64.so', params, clock);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(SignerAbiMismatchError);
    const message = (err as Error).message;
    expect(message).toContain(`Refusing the Lighter signer library ${lib.missing}`);
    expect(message).toContain('missing exports the pinned build has: SignStakeAssets');
    expect(message).toContain('lighter-go @ 17f2d60 (June 2026)');
    expect(message).toContain('lighter-signer-linux-amd64.so');
    expect(message).toContain('cannot report its argument lists');
  });

  it('refuses a newer library (an export only newer builds have)', () => {
    expect(() => loadFfiSigner(lib.newer, undefined, params, clock)).toThrow(SignerAbiMismatchError);
    expect(() => loadFfiSigner(lib.newer, undefined, params, clock)).toThrow(/exports only newer builds have: SignCreateOrdersBatch .*15 arguments/);
  });
});
