import { load } from 'koffi';
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFfiSigner, loadSharedLibraryBuild } from './ffi-signer';
import type { LighterOrderFields } from './lighter-signer';
import { LighterSignerError, LighterTxValidationError, SignerLayoutError } from './signer-errors';
import { compileFakeSignerLibrary, type FakeLibraryLayout } from './test-fixtures/stand-in-signers';
import { FIXED_CLOCK as clock, txInfoOf } from './test-helpers';

// The libraries here are STAND-INS compiled from test-fixtures/fake-lighter-signer.c
// (lighter-go's C ABI per layout, tx_info shaped like lighter-go's), not the
// official signer: no Go toolchain able to build lighter-go is available.

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
const lib = {} as Record<FakeLibraryLayout, string>;
const outstanding = (path: string) => Number(load(path).func('FakeOutstandingStrings', 'int64_t', [])());

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hedgedesk-ffi-signer-'));
  for (const layout of [102, 106, 107, 109] as const) lib[layout] = compileFakeSignerLibrary(join(dir, `lib${layout}.so`), layout);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('shared-library layout probe', () => {
  it('recognises each layout by behaviour — v1.0.6 and v1.0.7 export the very same names', () => {
    expect(loadSharedLibraryBuild(lib[102], undefined).layout.id).toBe('v1.0.2');
    expect(loadSharedLibraryBuild(lib[106], undefined).layout.id).toBe('v1.0.6');
    expect(loadSharedLibraryBuild(lib[107], undefined).layout.id).toBe('v1.0.7');
    expect(loadSharedLibraryBuild(lib[109], undefined).layout.id).toBe('v1.0.9');
    const names = (path: string) => execFileSync('nm', ['-D', '--defined-only', path], { encoding: 'utf8' }).split('\n').filter((l) => / T Sign/.test(l)).map((l) => l.split(' ').at(-1)).sort();
    expect(names(lib[106])).toEqual(names(lib[107]));
    for (const layout of [102, 106, 107, 109] as const) expect(outstanding(lib[layout])).toBe(0);
  });

  it('refuses a library whose functions sign no known layout, naming what each list produced', () => {
    const src = join(dir, 'odd.c');
    // SignCancelOrder that swaps market and index: no known argument list signs the probe correctly.
    writeFileSync(
      src,
      [
        '#define SignCancelOrder SignCancelOrderReal',
        `#include "${join(__dirname, 'test-fixtures', 'fake-lighter-signer.c')}"`,
        '#undef SignCancelOrder',
        'SignedTxResponse SignCancelOrder(int m, long long i, uint8_t s, long long n, int k, long long a) { return SignCancelOrderReal((int)i, m, s, n, k, a); }',
        '',
      ].join('\n'),
    );
    const odd = join(dir, 'odd.so');
    execFileSync('gcc', ['-shared', '-fPIC', '-DLAYOUT=107', '-o', odd, src]);
    const err = (() => {
      try {
        loadSharedLibraryBuild(odd, 'lighter-signer-linux-amd64.so');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(SignerLayoutError);
    const e = err as SignerLayoutError;
    expect(e.refusal).toBe('unknown-layout');
    expect(e.message).toContain(`Refusing the Lighter signer library ${odd}: no known signer layout signs HedgeDesk's probe transactions correctly`);
    expect(e.message).toContain('found: SignCreateOrder(19 args');
    expect(e.message).toMatch(/SignCancelOrder: no known argument list signs the probe correctly:\n {4}as SignCancelOrder\(6 args: .*MarketIndex: expected 37, got 723/);
    expect(e.message).toContain('Live accounts need one of: v1.0.9 layout');
    expect(e.message).toContain('go build -buildmode=c-shared -trimpath -o build/lighter-signer-linux-amd64.so ./sharedlib');
  });

  it('holds one Go-built library per process: the same bytes elsewhere reuse it, another Go-built file is refused until restart', () => {
    const first = compileFakeSignerLibrary(join(dir, 'go-a.so'), 107, true);
    expect(loadSharedLibraryBuild(first, undefined).layout.id).toBe('v1.0.7');
    mkdirSync(join(dir, 'installed'));
    const copy = join(dir, 'installed', 'lighter-signer-linux-amd64.so');
    copyFileSync(first, copy);
    expect(loadSharedLibraryBuild(copy, undefined).layout.id).toBe('v1.0.7');
    const other = compileFakeSignerLibrary(join(dir, 'go-b.so'), 109, true);
    expect(() => loadSharedLibraryBuild(other, undefined)).toThrow(
      `${other} was not loaded: another Lighter signer library built with Go is loaded in this process (${first}, v1.0.7 layout (create 19, cancel 6, cancel-all 7, modify 14)) and one process can hold only one Go runtime — restart HedgeDesk`,
    );
    // Replacing the loaded file with another build is the same case.
    renameSync(other, copy);
    expect(() => loadSharedLibraryBuild(copy, undefined)).toThrow(/was not loaded: another Lighter signer library built with Go/);
  });

  it('fails to load a file that is not a signer library', () => {
    const empty = join(dir, 'empty.so');
    writeFileSync(join(dir, 'empty.c'), 'int nothing(void) { return 0; }\n');
    execFileSync('gcc', ['-shared', '-fPIC', '-o', empty, join(dir, 'empty.c')]);
    expect(() => loadSharedLibraryBuild(empty, undefined)).toThrow(/Cannot find function 'Free'/);
  });
});

describe('FfiSigner on a v1.0.9 stand-in', () => {
  it('signs a create order with every field in place and the self-trade modes as attributes, freeing every string', async () => {
    const signer = loadFfiSigner(lib[109], undefined, params, clock);
    expect(signer).toMatchObject({ kind: 'official', flavor: 'shared-library' });
    expect(signer.layout.id).toBe('v1.0.9');
    const signed = await signer.signCreateOrder({ ...order, selfTradeBehaviorMode: 3, selfTradeEqualityMode: 0 }, 41);
    expect(signed.txType).toBe(14);
    expect(txInfoOf(signed)).toEqual({
      AccountIndex: 281474976710654,
      ApiKeyIndex: 4,
      MarketIndex: 35,
      ClientOrderIndex: 281474976710655,
      BaseAmount: 1000,
      Price: 4294967295,
      IsAsk: 1,
      Type: 0,
      TimeInForce: 2,
      ReduceOnly: 0,
      TriggerPrice: 0,
      OrderExpiry: 1_700_000_000_000 + 28 * 86_400_000,
      ExpiredAt: expect.any(Number),
      Nonce: 41,
      Sig: expect.any(String),
      L2TxAttributes: { '6': 3 },
    });
    expect(txInfoOf(await signer.signCreateOrder(order, 42)).L2TxAttributes).toBeNull();
    expect(outstanding(lib[109])).toBe(0);
  });

  it('signs cancel, cancel-all over all markets and modify with an order version', async () => {
    const signer = loadFfiSigner(lib[109], undefined, params, clock);
    expect(txInfoOf(await signer.signCancelOrder(35, 281474976710656, 42))).toMatchObject({ MarketIndex: 35, Index: 281474976710656, Nonce: 42, L2TxAttributes: null });
    expect(txInfoOf(await signer.signCancelAllOrders(1, 1_700_000_600_000, 43))).toMatchObject({ TimeInForce: 1, Time: 1_700_000_600_000, Nonce: 43, L2TxAttributes: null });
    const modify = await signer.signModifyOrder(35, 77, 500, 41000, 0, 44, { orderVersion: 9, selfTradeBehaviorMode: 1 });
    expect(modify.txType).toBe(17);
    expect(txInfoOf(modify)).toMatchObject({ MarketIndex: 35, Index: 77, BaseAmount: 500, Price: 41000, TriggerPrice: 0, Nonce: 44, ApiKeyIndex: 4, L2TxAttributes: { '6': 1, '8': 9 } });
    expect(await signer.createAuthToken(1_700_003_600)).toBe('1700003600:281474976710654:4:7374616e642d696e');
    expect(outstanding(lib[109])).toBe(0);
  });

  it('serves several accounts from one library (one client per account/key)', async () => {
    const a = loadFfiSigner(lib[109], undefined, { ...params, accountIndex: 11 }, clock);
    const b = loadFfiSigner(lib[109], undefined, { ...params, accountIndex: 12, apiKeyIndex: 7 }, clock);
    expect(txInfoOf(await a.signCancelOrder(1, 5, 1))).toMatchObject({ AccountIndex: 11, ApiKeyIndex: 4 });
    expect(txInfoOf(await b.signCancelOrder(1, 5, 1))).toMatchObject({ AccountIndex: 12, ApiKeyIndex: 7 });
  });

  it('reports a CreateClient error (non-NULL char*) and frees it', () => {
    expect(() => loadFfiSigner(lib[109], undefined, { ...params, privateKey: '0x12' }, clock)).toThrow(LighterSignerError);
    expect(() => loadFfiSigner(lib[109], undefined, { ...params, privateKey: '0x12' }, clock)).toThrow(/CreateClient failed: invalid private key length/);
    expect(outstanding(lib[109])).toBe(0);
  });

  it('refuses a missing nonce before calling the library', async () => {
    const signer = loadFfiSigner(lib[109], undefined, params, clock);
    await expect(signer.signCancelOrder(1, 5, -1)).rejects.toThrow(/Nonce must be an explicit integer/);
  });
});

describe('FfiSigner on older layouts', () => {
  it('v1.0.7: self-trade modes yes, an order version no (refused before signing)', async () => {
    const signer = loadFfiSigner(lib[107], undefined, params, clock);
    expect(txInfoOf(await signer.signModifyOrder(35, 77, 500, 41000, 0, 5, { selfTradeEqualityMode: 1 }))).toMatchObject({ Nonce: 5, L2TxAttributes: { '7': 1 } });
    const err = await signer.signModifyOrder(35, 77, 500, 41000, 0, 6, { orderVersion: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LighterTxValidationError);
    expect((err as LighterTxValidationError).field).toBe('orderVersion');
  });

  it('v1.0.6 (same exports as v1.0.7): arguments land in place, self-trade modes are refused', async () => {
    const signer = loadFfiSigner(lib[106], undefined, params, clock);
    expect(txInfoOf(await signer.signCreateOrder(order, 7))).toMatchObject({ Nonce: 7, ApiKeyIndex: 4, AccountIndex: 281474976710654, L2TxAttributes: null });
    await expect(signer.signCreateOrder({ ...order, selfTradeEqualityMode: 1 }, 8)).rejects.toThrow(/selfTradeEqualityMode = 1 cannot be signed by this signer build \(v1\.0\.6 layout/);
  });

  it('v1.0.2: no L2TxAttributes key, cancel-all over all markets still signs', async () => {
    const signer = loadFfiSigner(lib[102], undefined, params, clock);
    const all = txInfoOf(await signer.signCancelAllOrders(0, 0, 3));
    expect(all).toMatchObject({ TimeInForce: 0, Time: 0, Nonce: 3 });
    expect('L2TxAttributes' in all).toBe(false);
  });
});
