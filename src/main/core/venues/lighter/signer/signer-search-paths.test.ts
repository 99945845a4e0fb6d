import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../package-root';
import { defaultSignerSearchEnvironment, signerLocations, type SignerSearchEnvironment } from './signer-search-paths';

let t: string;
beforeAll(() => {
  t = mkdtempSync(join(tmpdir(), 'hedgedesk-signer-paths-'));
});
afterAll(() => rmSync(t, { recursive: true, force: true }));

function env(overrides: Partial<SignerSearchEnvironment>): SignerSearchEnvironment {
  return { env: {}, homeDir: join(t, 'home'), platform: 'linux', arch: 'x64', rootDir: join(t, 'root'), packageRoot: undefined, resourcesPath: undefined, ...overrides };
}

describe('signerLocations', () => {
  it('expands python3.* to the installed versions, in sorted order, and keeps the rest as unmatched patterns', () => {
    for (const v of ['python3.12', 'python3.10', 'python2.7']) mkdirSync(join(t, 'root', 'usr', 'local', 'lib', v, 'site-packages', 'lighter', 'signers'), { recursive: true });
    mkdirSync(join(t, 'root', 'usr', 'local', 'lib', 'python3.11', 'site-packages'), { recursive: true }); // no lighter package
    const sdk = signerLocations({}, env({})).filter((l) => l.origin === 'lighter-python SDK');
    const usrLocal = join(t, 'root', 'usr', 'local', 'lib');
    expect(sdk).toContainEqual({ path: join(usrLocal, 'python3.10', 'site-packages', 'lighter', 'signers'), origin: 'lighter-python SDK', kind: 'folder' });
    expect(sdk.map((l) => l.path).filter((p) => p.startsWith(usrLocal))).toEqual([
      join(usrLocal, 'python3.10', 'site-packages', 'lighter', 'signers'),
      join(usrLocal, 'python3.12', 'site-packages', 'lighter', 'signers'),
      join(usrLocal, 'python3.*', 'dist-packages', 'lighter', 'signers'),
    ]);
    expect(sdk.find((l) => l.path.includes('.local'))).toMatchObject({ kind: 'unmatched' });
  });

  it('searches the active virtualenv first among Python locations, and macOS user/Homebrew/framework installs', () => {
    const locations = signerLocations({}, env({ platform: 'darwin', env: { VIRTUAL_ENV: join(t, 'venv') } })).map((l) => l.path);
    expect(locations[0]).toBe(join(t, 'venv', 'lib', 'python3.*', 'site-packages', 'lighter', 'signers'));
    expect(locations).toContain(join(t, 'home', 'Library', 'Python', '3.*', 'lib', 'python', 'site-packages', 'lighter', 'signers'));
    expect(locations).toContain(join(t, 'root', 'opt', 'homebrew', 'lib', 'python3.*', 'site-packages', 'lighter', 'signers'));
    expect(locations).toContain(join(t, 'root', 'Library', 'Frameworks', 'Python.framework', 'Versions', '3.*', 'lib', 'python3.*', 'site-packages', 'lighter', 'signers'));
  });

  it('uses APPDATA / LOCALAPPDATA Python installs on Windows', () => {
    const locations = signerLocations({}, env({ platform: 'win32', env: { APPDATA: join(t, 'roaming'), LOCALAPPDATA: join(t, 'local') } })).map((l) => l.path);
    expect(locations).toEqual([
      join(t, 'roaming', 'Python', 'Python3*', 'site-packages', 'lighter', 'signers'),
      join(t, 'local', 'Programs', 'Python', 'Python3*', 'Lib', 'site-packages', 'lighter', 'signers'),
    ]);
  });

  it('puts caller and app locations first, in order, without duplicates; a packaged app also searches app.asar.unpacked', () => {
    const e = env({ env: { HEDGEDESK_LIGHTER_SIGNER: join(t, 'x') }, packageRoot: join(t, 'Resources', 'app.asar'), resourcesPath: join(t, 'Resources') });
    const head = signerLocations({ configuredPath: join(t, 'x'), dataDir: join(t, 'data'), signerLibDir: join(t, 'seed'), searchDirs: [join(t, 'seed'), join(t, 'more')] }, e).slice(0, 7);
    expect(head).toEqual([
      { path: join(t, 'x'), origin: 'configured signer path', kind: 'file-or-folder' },
      { path: join(t, 'data', 'signers'), origin: 'data directory', kind: 'folder' },
      { path: join(t, 'Resources', 'app.asar.unpacked', 'resources', 'signers'), origin: 'app resources (unpacked)', kind: 'folder' },
      { path: join(t, 'Resources', 'app.asar', 'resources', 'signers'), origin: 'app resources', kind: 'folder' },
      { path: join(t, 'Resources', 'signers'), origin: 'packaged app resources', kind: 'folder' },
      { path: join(t, 'seed'), origin: 'signer_lib_dir', kind: 'folder' },
      { path: join(t, 'more'), origin: 'search directory', kind: 'folder' },
    ]);
  });

  it('searches the configured path alone when asked (signer check --path)', () => {
    expect(signerLocations({ configuredPath: join(t, 'x.so'), dataDir: join(t, 'data'), onlyConfiguredPath: true }, env({ env: { HEDGEDESK_LIGHTER_SIGNER: join(t, 'y') } }))).toEqual([
      { path: join(t, 'x.so'), origin: 'configured signer path', kind: 'file-or-folder' },
    ]);
  });

  it('defaults to this process: env, home, platform and the package root', () => {
    const d = defaultSignerSearchEnvironment();
    expect(d).toMatchObject({ env: process.env, platform: process.platform, arch: process.arch, rootDir: '/', packageRoot: packageRoot() });
  });
});
