import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LighterSignerError, SignerUnavailableError } from './signer-errors';
import { loadOfficialSigner, type LoadOfficialSignerOptions } from './signer-loader';
import type { SignerSearchEnvironment } from './signer-search-paths';
import { compileFakeSignerLibrary, writeWasmStandIn } from './test-fixtures/stand-in-signers';
import { FIXED_CLOCK as clock } from './test-helpers';

// Signer files here are STAND-INS (test-fixtures/), not the official Lighter signer.

const LIB = 'lighter-signer-linux-amd64.so';

let base: string;
let lib109: string;
let lib102: string;
let n = 0;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'hedgedesk-signer-loader-'));
  lib109 = compileFakeSignerLibrary(join(base, 'lib109.so'), 109);
  lib102 = compileFakeSignerLibrary(join(base, 'lib102.so'), 102);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A fresh temp world: every location the loader knows, under one temp dir, none existing yet. */
function world() {
  const t = join(base, `world-${++n}`);
  mkdirSync(t);
  const p = {
    t,
    configured: join(t, 'configured'),
    envDir: join(t, 'env-dir'),
    pkg: join(t, 'pkg'),
    res: join(t, 'res'),
    data: join(t, 'data'),
    seed: join(t, 'seed'),
    extra: join(t, 'extra'),
    home: join(t, 'home'),
    root: join(t, 'root'),
  };
  const environment: SignerSearchEnvironment = {
    env: { HEDGEDESK_LIGHTER_SIGNER: p.envDir },
    homeDir: p.home,
    platform: 'linux',
    arch: 'x64',
    rootDir: p.root,
    packageRoot: p.pkg,
    resourcesPath: p.res,
  };
  const options: LoadOfficialSignerOptions = {
    privateKey: '0x' + '11'.repeat(40),
    chainId: 304,
    accountIndex: 12,
    apiKeyIndex: 4,
    clock,
    configuredPath: p.configured,
    dataDir: p.data,
    signerLibDir: p.seed,
    searchDirs: [p.extra],
    environment,
  };
  return { p, options };
}

function place(file: string, dir: string, name = LIB): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(file, join(dir, name));
  return join(dir, name);
}

async function failure(options: LoadOfficialSignerOptions): Promise<SignerUnavailableError> {
  const err = await loadOfficialSigner(options).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SignerUnavailableError);
  return err as SignerUnavailableError;
}

describe('loadOfficialSigner when nothing is there', () => {
  it('throws SignerUnavailableError listing every path searched, in order, and where the official file comes from', async () => {
    const { p, options } = world();
    const err = await failure(options);
    const expected = [
      join(p.configured, LIB),
      join(p.configured, 'lighter-signer.wasm'),
      join(p.envDir, LIB),
      join(p.envDir, 'lighter-signer.wasm'),
      join(p.data, 'signers', LIB),
      join(p.data, 'signers', 'lighter-signer.wasm'),
      join(p.pkg, 'resources', 'signers', LIB),
      join(p.pkg, 'resources', 'signers', 'lighter-signer.wasm'),
      join(p.res, 'signers', LIB),
      join(p.res, 'signers', 'lighter-signer.wasm'),
      join(p.seed, LIB),
      join(p.seed, 'lighter-signer.wasm'),
      join(p.extra, LIB),
      join(p.extra, 'lighter-signer.wasm'),
      join(p.home, '.local', 'lib', 'python3.*', 'site-packages', 'lighter', 'signers'),
      join(p.root, 'usr', 'local', 'lib', 'python3.*', 'site-packages', 'lighter', 'signers'),
      join(p.root, 'usr', 'local', 'lib', 'python3.*', 'dist-packages', 'lighter', 'signers'),
      join(p.root, 'usr', 'lib', 'python3', 'dist-packages', 'lighter', 'signers'),
      join(p.root, 'usr', 'lib', 'python3.*', 'site-packages', 'lighter', 'signers'),
    ];
    expect(err.searched.map((s) => s.path)).toEqual(expected);
    for (const path of expected) expect(err.message).toContain(path);
    expect(err.searched[0]).toEqual({ path: join(p.configured, LIB), origin: 'configured signer path', outcome: 'not found' });
    expect(err.searched[2]?.origin).toBe('HEDGEDESK_LIGHTER_SIGNER');
    expect(err.searched.at(-1)).toMatchObject({ origin: 'lighter-python SDK', outcome: 'no such folder' });
    expect(err.message).toContain('No usable official Lighter signer for account 12 (API key 4) on linux/x64');
    expect(err.message).toContain('never signed with the paper signer');
    expect(err.message).toContain('https://github.com/elliottech/lighter-go (a release tag v1.0.7 or later');
    expect(err.message).toContain(`go build -buildmode=c-shared -trimpath -o build/${LIB} ./sharedlib`);
    expect(err.message).toContain('GOOS=js GOARCH=wasm go build -trimpath -o lighter-signer.wasm ./wasm');
    expect(err.message).toContain('$(go env GOROOT)/lib/wasm/wasm_exec.js');
    expect(err.message).toContain('misc/wasm/wasm_exec.js');
    expect(err.message).toContain('`lighter/signers/` folder of a lighter-python release');
    expect(err.message).toContain('Put the file(s) in <data dir>/signers');
    expect(err.message).not.toContain('11'.repeat(40));
  });

  it('treats a configured path that names a file as that file', async () => {
    const { p, options } = world();
    const err = await failure({ ...options, configuredPath: join(p.t, 'mine.wasm') });
    expect(err.searched[0]).toEqual({ path: join(p.t, 'mine.wasm'), origin: 'configured signer path', outcome: 'not found' });
  });

  it('searches only for the WASM build where lighter-go ships no shared library', async () => {
    const { options } = world();
    const err = await failure({ ...options, environment: { ...options.environment!, platform: 'win32', arch: 'arm64', env: {} } });
    expect(err.searched.some((s) => s.path.endsWith('.dll') || s.path.endsWith('.so'))).toBe(false);
    expect(err.message).toContain('win32/arm64 (lighter-go ships no shared library for it: WASM only)');
  });
});

describe('loadOfficialSigner finding a signer', () => {
  it('finds the lighter-python SDK install in ~/.local/lib/python3.*/site-packages/lighter/signers', async () => {
    const { p, options } = world();
    const lib = place(lib109, join(p.home, '.local', 'lib', 'python3.12', 'site-packages', 'lighter', 'signers'));
    const signer = await loadOfficialSigner(options);
    expect(signer).toMatchObject({ kind: 'official', flavor: 'shared-library', binaryPath: lib, accountIndex: 12, apiKeyIndex: 4 });
    expect(signer.layout.id).toBe('v1.0.9');
    expect(JSON.parse((await signer.signCancelOrder(1, 5, 3)).txInfo)).toMatchObject({ AccountIndex: 12, ApiKeyIndex: 4, MarketIndex: 1, Index: 5, Nonce: 3 });
  });

  it('takes the first location in order: the configured folder beats resources and the Python SDK', async () => {
    const { p, options } = world();
    writeWasmStandIn(p.configured, 'v1.0.7');
    place(lib109, join(p.pkg, 'resources', 'signers'));
    place(lib109, join(p.root, 'usr', 'lib', 'python3', 'dist-packages', 'lighter', 'signers'));
    const signer = await loadOfficialSigner(options);
    expect(signer.flavor).toBe('wasm');
    expect(signer.binaryPath).toBe(join(p.configured, 'lighter-signer.wasm'));
  });

  it('prefers the shared library over the WASM build in the same folder', async () => {
    const { p, options } = world();
    writeWasmStandIn(join(p.data, 'signers'), 'v1.0.9');
    const lib = place(lib109, join(p.data, 'signers'));
    expect((await loadOfficialSigner(options)).binaryPath).toBe(lib);
  });

  it('notes refused builds and keeps searching', async () => {
    const { p, options } = world();
    place(lib102, p.envDir);
    writeWasmStandIn(p.seed, 'lying');
    const lib = place(lib109, p.extra);
    expect((await loadOfficialSigner(options)).binaryPath).toBe(lib);
  });

  it('lists why each found file was unusable when none is usable', async () => {
    const { p, options } = world();
    place(lib102, p.envDir);
    writeWasmStandIn(p.seed, 'unknown');
    writeWasmStandIn(p.extra, 'v1.0.7', false);
    mkdirSync(join(p.data, 'signers'), { recursive: true });
    writeFileSync(join(p.data, 'signers', LIB), 'not a library');
    const err = await failure(options);
    const outcome = (path: string) => err.searched.find((s) => s.path === path)?.outcome ?? '';
    expect(outcome(join(p.envDir, LIB))).toMatch(/^refused: Refusing .* for live accounts: it is the v1\.0\.2 layout \(create 13, cancel 5, cancel-all 5, modify 8\)/);
    expect(outcome(join(p.seed, 'lighter-signer.wasm'))).toMatch(/^refused: .*match no signer layout HedgeDesk knows.*found: SignModifyOrder\(15 args: .*orderTag/s);
    expect(outcome(join(p.extra, 'lighter-signer.wasm'))).toBe(`found, but no wasm_exec.js (looked at ${join(p.extra, 'wasm_exec.js')})`);
    expect(outcome(join(p.data, 'signers', LIB))).toMatch(/^failed to load: /);
  });

  it('uses the configured wasm_exec.js when none lies next to the wasm', async () => {
    const { p, options } = world();
    writeWasmStandIn(p.extra, 'v1.0.7', false);
    writeWasmStandIn(join(p.t, 'go'), 'v1.0.7');
    const signer = await loadOfficialSigner({ ...options, wasmExecPath: join(p.t, 'go', 'wasm_exec.js') });
    expect(signer.binaryPath).toBe(join(p.extra, 'lighter-signer.wasm'));
  });

  it('does not hide a rejected key behind "unavailable": CreateClient errors propagate', async () => {
    const { p, options } = world();
    place(lib109, p.seed);
    await expect(loadOfficialSigner({ ...options, privateKey: '' })).rejects.toThrow(LighterSignerError);
  });

  it('accepts an older layout only when live is not required (simulator use)', async () => {
    const { p, options } = world();
    place(lib102, p.seed);
    await failure(options);
    const signer = await loadOfficialSigner({ ...options, requireLive: false });
    expect(signer.layout).toMatchObject({ id: 'v1.0.2', live: false });
  });
});
