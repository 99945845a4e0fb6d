/**
 * What `npm run dist` packages, read through electron-builder's own
 * configuration loader and file matchers (app-builder-lib; no Electron or
 * tool download): fuses, native modules unpacked, the signer folder, one icon
 * source, the app name behind userData, and every module the built main
 * bundle requires shipped as a production dependency (`npm run build` first).
 */
import { FuseV1Options } from '@electron/fuses';
import { PlatformPackager, type Configuration } from 'app-builder-lib';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  productName: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
  // electron-builder's schema check: an unknown or misspelt key (a fuse name too) fails here as it would in `npm run dist`.
  await validateConfiguration(config, { isEnabled: false, add: () => undefined } as never);
});

/** Whether electron-builder's `files` / `asarUnpack` patterns take `relPath` (a path under the project). */
function matches(kind: 'files' | 'asarUnpack', relPath: string): boolean {
  const matchers = getFileMatchers(config, kind, '/packaged-app', { macroExpander: (p) => p, customBuildOptions: config.linux ?? {}, globalOutDir: join(ROOT, 'dist'), defaultSrc: ROOT });
  if (!matchers?.[0]) return false;
  const abs = join(ROOT, relPath);
  return matchers[0].createFilter()(abs, statSync(abs));
}

/** The PNG's width and height from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('packaging (electron-builder.yml as electron-builder resolves it)', () => {
  it('flips the fuses: no run-as-node, NODE_OPTIONS or --inspect; cookie encryption; ASAR integrity and only app.asar; no file:// privileges', async () => {
    expect(config.electronFuses).toBeDefined();
    // The exact wire electron-builder flips (its own translation of the config to @electron/fuses).
    const generate = (PlatformPackager.prototype as unknown as { generateFuseConfig(f: unknown): Promise<Record<number, boolean>> }).generateFuseConfig;
    const wire = await generate.call(null, config.electronFuses);
    expect(wire[FuseV1Options.RunAsNode]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    // Only-from-ASAR needs the app in an asar.
    expect(config.asar).not.toBe(false);
  });

  it('unpacks the native modules and ships them as production dependencies', () => {
    for (const name of ['better-sqlite3', 'keytar', 'koffi']) {
      expect(pkg.dependencies[name], name).toBeDefined();
      expect(matches('asarUnpack', `node_modules/${name}/package.json`), name).toBe(true);
    }
    const sqliteBinary = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    if (existsSync(join(ROOT, sqliteBinary))) expect(matches('asarUnpack', sqliteBinary)).toBe(true);
    expect(matches('asarUnpack', 'out/main/index.js')).toBe(false);
    expect(config.npmRebuild).toBe(true);
  });

  it('ships every module the built main bundle requires (electron and Node built-ins aside) as a dependency', () => {
    const bundle = join(ROOT, 'out/main/index.js');
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
    const required = new Set([...readFileSync(bundle, 'utf8').matchAll(/\brequire(?:\$\d+)?\("([^"]+)"\)/g)].map((m) => m[1]!));
    const external = [...required].filter((id) => id !== 'electron' && !id.startsWith('node:') && !builtinModules.includes(id));
    expect(external).toEqual(expect.arrayContaining(['better-sqlite3', 'keytar', 'koffi']));
    for (const id of external) {
      const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]!;
      expect(pkg.dependencies[name], `${id} is required by out/main/index.js but is not in dependencies`).toBeDefined();
    }
    for (const file of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'package.json']) expect(matches('files', file), file).toBe(true);
    expect(matches('files', 'src/main/index.ts')).toBe(false);
  });

  it('packages resources/signers unpacked, documented when no signer is bundled', () => {
    expect(matches('files', 'resources/signers/README.md')).toBe(true);
    expect(matches('asarUnpack', 'resources/signers/README.md')).toBe(true);
    const signers = readdirSync(join(ROOT, 'resources/signers')).filter((f) => /\.(so|dylib|dll|wasm)$/.test(f));
    for (const file of signers) expect(matches('asarUnpack', `resources/signers/${file}`), file).toBe(true);
    if (signers.length === 0) {
      // None bundled: the folder's README says which files go here and where a user's own file goes.
      const readme = readFileSync(join(ROOT, 'resources/signers/README.md'), 'utf8');
      expect(readme).toContain('lighter-signer-linux-amd64.so');
      expect(readme).toContain('<data dir>/signers');
    }
    // The tray icons the shell loads from <app>/resources.
    for (const state of ['idle', 'running', 'attention']) expect(matches('files', `resources/tray-${state}.png`), state).toBe(true);
  });

  it('builds the Linux, macOS and Windows icons from one 512x512 source, the app icon itself', () => {
    const icons = [config.linux?.icon, config.mac?.icon, config.win?.icon];
    expect(new Set(icons)).toEqual(new Set(['build/icon.png']));
    expect(config.directories?.buildResources).toBe('build');
    const source = join(ROOT, 'build/icon.png');
    // electron-builder's minimum for .icns is 512x512 (256x256 for .ico).
    expect(pngSize(source)).toEqual({ width: 512, height: 512 });
    expect(readFileSync(source).equals(readFileSync(join(ROOT, 'resources/icon.png')))).toBe(true);
  });

  it('names the app HedgeDesk everywhere, so data and logs live in <platform userData>/HedgeDesk', () => {
    expect(config.productName).toBe('HedgeDesk');
    // Electron derives userData (app name) from package.json's productName, in `npm start` and packaged alike.
    expect(pkg.productName).toBe(config.productName);
    expect(config.appId).toBe('app.hedgedesk.desktop');
    expect(readFileSync(join(ROOT, 'src/main/shell/app.ts'), 'utf8')).toContain(`setAppUserModelId('${config.appId}')`);
    expect(config.deb?.depends).toContain('libsecret-1-0');
  });
});
