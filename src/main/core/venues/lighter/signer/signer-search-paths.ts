import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../package-root';

/** Environment variable that points at the signer file or its folder. */
export const SIGNER_PATH_ENV = 'HEDGEDESK_LIGHTER_SIGNER';

/** What the search depends on besides the caller's options; injectable so tests run against temp dirs. */
export interface SignerSearchEnvironment {
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  /** Node's `process.arch`. */
  arch: string;
  /** Prefix of absolute system locations (`/usr/lib/…`): `/` normally, a temp dir in tests. */
  rootDir: string;
  /** The HedgeDesk package root (where `resources/` lives), if found. */
  packageRoot: string | undefined;
  /** Electron's `process.resourcesPath` in a packaged app; undefined under plain Node. */
  resourcesPath: string | undefined;
}

/** Caller options that add places to search. */
export interface SignerSearchOptions {
  /** The configured signer path: a signer file or a folder holding one. Searched first. */
  configuredPath?: string;
  /** Search only `configuredPath` (`hedgedesk signer check --path`). */
  onlyConfiguredPath?: boolean;
  /** HedgeDesk's data directory; `<dataDir>/signers` is searched. */
  dataDir?: string;
  /** The seeds' `signer_lib_dir` (the folder the Python scripts loaded the signer from). */
  signerLibDir?: string;
  /** More folders to search, after `signerLibDir`. */
  searchDirs?: readonly string[];
}

/** A place to look. */
export interface SignerLocation {
  path: string;
  /** Why it is searched, for the error listing. */
  origin: string;
  /**
   * `folder`: look for the signer files inside; `file-or-folder`: a signer file
   * or a folder, decided by what is there; `unmatched`: a wildcard location
   * (e.g. `python3.<n>`) that matched no folder, listed as searched.
   */
  kind: 'folder' | 'file-or-folder' | 'unmatched';
}

/** The search environment of this process. */
export function defaultSignerSearchEnvironment(): SignerSearchEnvironment {
  let root: string | undefined;
  try {
    root = packageRoot();
  } catch {
    root = undefined;
  }
  return {
    env: process.env,
    homeDir: homedir(),
    platform: process.platform,
    arch: process.arch,
    rootDir: '/',
    packageRoot: root,
    resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
  };
}

/** A path pattern: a literal base folder, then segments that may contain `*`. */
interface Pattern {
  base: string;
  segments: string[];
}

const LIGHTER_SIGNERS = ['lighter', 'signers'];

/**
 * Where pip puts packages on common Python installs, each followed by
 * `lighter/signers` — the folder the lighter-python SDK loads its signer from
 * (lighter.md §5.3). Only per-user, system and the active virtualenv's
 * site-packages; no Python is spawned.
 */
function pythonSdkPatterns(e: SignerSearchEnvironment): Pattern[] {
  const sys = (...p: string[]) => join(e.rootDir, ...p);
  const patterns: Pattern[] = [];
  const venv = e.env.VIRTUAL_ENV;
  if (e.platform === 'win32') {
    if (venv) patterns.push({ base: join(venv, 'Lib', 'site-packages'), segments: [] });
    if (e.env.APPDATA) patterns.push({ base: join(e.env.APPDATA, 'Python'), segments: ['Python3*', 'site-packages'] });
    if (e.env.LOCALAPPDATA) patterns.push({ base: join(e.env.LOCALAPPDATA, 'Programs', 'Python'), segments: ['Python3*', 'Lib', 'site-packages'] });
  } else {
    if (venv) patterns.push({ base: join(venv, 'lib'), segments: ['python3.*', 'site-packages'] });
    patterns.push(
      { base: join(e.homeDir, '.local', 'lib'), segments: ['python3.*', 'site-packages'] },
      { base: sys('usr', 'local', 'lib'), segments: ['python3.*', 'site-packages'] },
      { base: sys('usr', 'local', 'lib'), segments: ['python3.*', 'dist-packages'] },
      { base: sys('usr', 'lib', 'python3', 'dist-packages'), segments: [] },
      { base: sys('usr', 'lib'), segments: ['python3.*', 'site-packages'] },
    );
    if (e.platform === 'darwin') {
      patterns.push(
        { base: join(e.homeDir, 'Library', 'Python'), segments: ['3.*', 'lib', 'python', 'site-packages'] },
        { base: sys('opt', 'homebrew', 'lib'), segments: ['python3.*', 'site-packages'] },
        { base: sys('Library', 'Frameworks', 'Python.framework', 'Versions'), segments: ['3.*', 'lib', 'python3.*', 'site-packages'] },
      );
    }
  }
  return patterns.map((p) => ({ base: p.base, segments: [...p.segments, ...LIGHTER_SIGNERS] }));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Existing folders matching the pattern, sorted (a `*` matches any run of characters within one name). */
function expand(pattern: Pattern): string[] {
  let dirs = isDirectory(pattern.base) ? [pattern.base] : [];
  for (const segment of pattern.segments) {
    if (!segment.includes('*')) {
      dirs = dirs.map((d) => join(d, segment)).filter(isDirectory);
      continue;
    }
    const re = new RegExp(`^${segment.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    dirs = dirs.flatMap((d) =>
      readdirSync(d)
        .filter((name) => re.test(name))
        .sort()
        .map((name) => join(d, name))
        .filter(isDirectory),
    );
  }
  return dirs;
}

/**
 * The places to look for the official signer, in order: the configured path,
 * `HEDGEDESK_LIGHTER_SIGNER`, `<dataDir>/signers` (where Settings → Lighter
 * signer installs the user's file, so it wins over a bundled one), the app's
 * `resources/signers` (package root, its `app.asar.unpacked` twin in a
 * packaged app, and `process.resourcesPath`), the seeds' `signer_lib_dir`,
 * extra `searchDirs`, then the lighter-python SDK's `lighter/signers/` in
 * common site-packages folders (wildcards that match nothing stay in the list
 * as `unmatched`). With `onlyConfiguredPath`, the configured path alone.
 */
export function signerLocations(opts: SignerSearchOptions, e: SignerSearchEnvironment): SignerLocation[] {
  const locations: SignerLocation[] = [];
  const add = (path: string | undefined, origin: string, kind: SignerLocation['kind'] = 'folder') => {
    if (path && !locations.some((l) => l.path === path)) locations.push({ path, origin, kind });
  };
  add(opts.configuredPath, 'configured signer path', 'file-or-folder');
  if (opts.onlyConfiguredPath) return locations;
  add(e.env[SIGNER_PATH_ENV], SIGNER_PATH_ENV, 'file-or-folder');
  add(opts.dataDir && join(opts.dataDir, 'signers'), 'data directory');
  if (e.packageRoot) {
    if (/\.asar$/.test(e.packageRoot)) add(join(`${e.packageRoot}.unpacked`, 'resources', 'signers'), 'app resources (unpacked)');
    add(join(e.packageRoot, 'resources', 'signers'), 'app resources');
  }
  add(e.resourcesPath && join(e.resourcesPath, 'signers'), 'packaged app resources');
  add(opts.signerLibDir, 'signer_lib_dir');
  for (const dir of opts.searchDirs ?? []) add(dir, 'search directory');
  for (const pattern of pythonSdkPatterns(e)) {
    const found = expand(pattern);
    if (found.length === 0) add(join(pattern.base, ...pattern.segments), 'lighter-python SDK', 'unmatched');
    for (const dir of found) add(dir, 'lighter-python SDK');
  }
  return locations;
}
