import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../../../clock';
import { loadFfiSigner, loadSharedLibraryBuild, type FfiSigner } from './ffi-signer';
import type { LoadedLayout } from './official-signer';
import type { SignerClientParams } from './signer-abi';
import { signerBuildHint } from './signer-build-hint';
import { LighterSignerError, SignerLayoutError, SignerUnavailableError, type SearchedSignerPath } from './signer-errors';
import { isSharedLibraryPath, sharedLibraryFileName, WASM_EXEC_FILE, WASM_SIGNER_FILE } from './signer-files';
import { describeLayout } from './signer-layouts';
import { defaultSignerSearchEnvironment, signerLocations, type SignerLocation, type SignerSearchEnvironment, type SignerSearchOptions } from './signer-search-paths';
import { loadWasmBuild, loadWasmSigner, type WasmSigner } from './wasm-signer';

/** An official signer as loaded: the shared library or the WASM build, of a known layout. */
export type OfficialLighterSigner = WasmSigner | FfiSigner;

/** Where to search, besides the account: the search options, a fallback wasm_exec.js and the environment. */
export interface SignerFindOptions extends SignerSearchOptions {
  /** A `wasm_exec.js` to use when none lies next to the found `lighter-signer.wasm`. */
  wasmExecPath?: string;
  /** Defaults to this process (`defaultSignerSearchEnvironment()`); tests pass temp dirs. */
  environment?: SignerSearchEnvironment;
}

/** Options of `loadOfficialSigner`. */
export interface LoadOfficialSignerOptions extends SignerClientParams, SignerFindOptions {
  /** Time source: resolves `orderExpiry` −1 and an auth-token deadline of 0. */
  clock: Clock;
  /**
   * Accept only layouts that may sign live orders (signer-layouts.ts), the
   * default. `false` accepts every known layout — for the simulator only
   * (tests), never for a live account.
   */
  requireLive?: boolean;
}

/** One place in the search, in order: a file to try, or why nothing can be tried there. */
export type SignerCandidate =
  | { path: string; origin: string; flavor: 'shared-library'; outcome?: undefined }
  | { path: string; origin: string; flavor: 'wasm'; wasmExecPath: string; outcome?: undefined }
  | { path: string; origin: string; flavor?: undefined; outcome: string };

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The files at a location (found or not), or why it cannot even be looked into. */
function filesAt(loc: SignerLocation, libraryName: string | undefined): { path: string; flavor?: 'shared-library' | 'wasm'; outcome?: string }[] {
  if (loc.kind === 'unmatched') return [{ path: loc.path, outcome: 'no such folder' }];
  if (loc.kind === 'file-or-folder' && !isDirectory(loc.path)) {
    // A path naming a signer file is that file (found or not); another existing file is a mistake; anything else is a folder.
    if (isSharedLibraryPath(loc.path)) return [{ path: loc.path, flavor: 'shared-library' }];
    if (loc.path.endsWith('.wasm')) return [{ path: loc.path, flavor: 'wasm' }];
    if (isFile(loc.path)) return [{ path: loc.path, outcome: 'not a signer file (.so, .dylib, .dll or .wasm)' }];
  }
  const files: { path: string; flavor: 'shared-library' | 'wasm' }[] = libraryName ? [{ path: join(loc.path, libraryName), flavor: 'shared-library' }] : [];
  files.push({ path: join(loc.path, WASM_SIGNER_FILE), flavor: 'wasm' });
  return files;
}

/**
 * Every place the official signer is searched for, in order (signer-search-paths.ts):
 * in each folder this OS/arch's shared library (lighter.md §5.3 names) before
 * `lighter-signer.wasm` + `wasm_exec.js` (§5.2; the wasm_exec.js next to it,
 * else `wasmExecPath`). Files that exist come back to be tried; the rest with
 * the reason (`not found`, `no such folder`, …).
 */
export function signerCandidates(opts: SignerFindOptions): { candidates: SignerCandidate[]; libraryName: string | undefined; environment: SignerSearchEnvironment } {
  const environment = opts.environment ?? defaultSignerSearchEnvironment();
  const libraryName = sharedLibraryFileName(environment.platform, environment.arch);
  const candidates: SignerCandidate[] = [];
  for (const loc of signerLocations(opts, environment)) {
    for (const f of filesAt(loc, libraryName)) {
      const origin = loc.origin;
      if (f.outcome !== undefined) candidates.push({ path: f.path, origin, outcome: f.outcome });
      else if (!isFile(f.path)) candidates.push({ path: f.path, origin, outcome: 'not found' });
      else if (f.flavor === 'shared-library') candidates.push({ path: f.path, origin, flavor: 'shared-library' });
      else {
        const tried = [join(dirname(f.path), WASM_EXEC_FILE), ...(opts.wasmExecPath ? [opts.wasmExecPath] : [])];
        const exec = tried.find(isFile);
        if (exec) candidates.push({ path: f.path, origin, flavor: 'wasm', wasmExecPath: exec });
        else candidates.push({ path: f.path, origin, outcome: `found, but no ${WASM_EXEC_FILE} (looked at ${tried.join(', ')})` });
      }
    }
  }
  return { candidates, libraryName, environment };
}

/**
 * Loads one found build and recognises its layout (probe included), without registering an account.
 * @throws SignerLayoutError, or Error when it does not load.
 */
export async function loadSignerBuild(c: SignerCandidate & { flavor: 'shared-library' | 'wasm' }, libraryName: string | undefined): Promise<LoadedLayout> {
  if (c.flavor === 'shared-library') return loadSharedLibraryBuild(c.path, libraryName);
  return loadWasmBuild({ wasmPath: c.path, wasmExecPath: c.wasmExecPath });
}

/** The refusal of a known layout for live accounts. */
export function notForLive(path: string, loaded: LoadedLayout, libraryName: string | undefined): SignerLayoutError {
  return new SignerLayoutError(
    'not-for-live',
    `Refusing ${path} for live accounts: it is the ${describeLayout(loaded.layout)} (${loaded.layout.builds}), which may sign for the simulator only — it cannot carry self-trade settings and the venue is not known to accept it.`,
    path,
    signerBuildHint(libraryName),
  );
}

/**
 * Finds, checks and loads the official Lighter signer for one (account, API
 * key) and registers it with CreateClient (no URL; nonces explicit). Tries
 * the places of {@link signerCandidates} in order; a file that exists but has
 * an unknown layout, fails the probe, does not load, or (with `requireLive`,
 * the default) has a layout not allowed for live orders is noted and the
 * search goes on; the first signer that passes is returned.
 * @throws SignerUnavailableError listing every path searched (and what was wrong with files
 *   that exist) plus where a supported file comes from;
 *   LighterSignerError when a good signer rejects the key or indexes in CreateClient.
 */
export async function loadOfficialSigner(opts: LoadOfficialSignerOptions): Promise<OfficialLighterSigner> {
  const { candidates, libraryName, environment: env } = signerCandidates(opts);
  const params: SignerClientParams = { privateKey: opts.privateKey, chainId: opts.chainId, apiKeyIndex: opts.apiKeyIndex, accountIndex: opts.accountIndex };
  const requireLive = opts.requireLive ?? true;
  const searched: SearchedSignerPath[] = [];
  for (const c of candidates) {
    if (c.flavor === undefined) {
      searched.push({ path: c.path, origin: c.origin, outcome: c.outcome });
      continue;
    }
    try {
      const loaded = await loadSignerBuild(c, libraryName);
      if (requireLive && !loaded.layout.live) throw notForLive(c.path, loaded, libraryName);
      if (c.flavor === 'shared-library') return loadFfiSigner(c.path, libraryName, params, opts.clock);
      return await loadWasmSigner({ wasmPath: c.path, wasmExecPath: c.wasmExecPath }, params, opts.clock);
    } catch (err) {
      if (err instanceof LighterSignerError) throw err;
      const outcome = err instanceof SignerLayoutError ? `refused: ${err.details}` : `failed to load: ${err instanceof Error ? err.message : String(err)}`;
      searched.push({ path: c.path, origin: c.origin, outcome });
    }
  }
  const platform = libraryName
    ? `${env.platform}/${env.arch} (shared library ${libraryName})`
    : `${env.platform}/${env.arch} (lighter-go ships no shared library for it: WASM only)`;
  const listing = searched.map((s) => `  - ${s.path} [${s.origin}]: ${s.outcome.replace(/\n/g, '\n      ')}`).join('\n');
  throw new SignerUnavailableError(
    `No usable official Lighter signer for account ${opts.accountIndex} (API key ${opts.apiKeyIndex}) on ${platform}. ` +
      `A live account is never signed with the paper signer. Searched, in order:\n${listing}\n${signerBuildHint(libraryName)}`,
    searched,
  );
}
