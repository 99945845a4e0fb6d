import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../../../clock';
import type { FfiSigner } from './ffi-signer';
import type { SignerClientParams } from './signer-abi';
import { pinnedSignerBuildHint } from './signer-build-hint';
import { LighterSignerError, SignerAbiMismatchError, SignerUnavailableError, type SearchedSignerPath } from './signer-errors';
import { isSharedLibraryPath, sharedLibraryFileName, WASM_EXEC_FILE, WASM_SIGNER_FILE } from './signer-files';
import { defaultSignerSearchEnvironment, signerLocations, type SignerLocation, type SignerSearchEnvironment, type SignerSearchOptions } from './signer-search-paths';
import { loadWasmSigner, type WasmSigner } from './wasm-signer';

/** An official signer as loaded: the shared library or the WASM build, both lighter-go @ 17f2d60. */
export type OfficialLighterSigner = WasmSigner | FfiSigner;

/** Options of `loadOfficialSigner`. */
export interface LoadOfficialSignerOptions extends SignerClientParams, SignerSearchOptions {
  /** Time source: resolves `orderExpiry` −1 and an auth-token deadline of 0. */
  clock: Clock;
  /** A `wasm_exec.js` to use when none lies next to the found `lighter-signer.wasm`. */
  wasmExecPath?: string;
  /** Defaults to this process (`defaultSignerSearchEnvironment()`); tests pass temp dirs. */
  environment?: SignerSearchEnvironment;
}

/** One signer file to try. */
interface Candidate {
  path: string;
  origin: string;
  flavor: 'shared-library' | 'wasm';
}

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

/** The files to try at a location; records what cannot even be tried. */
function candidatesAt(loc: SignerLocation, libraryName: string | undefined, searched: SearchedSignerPath[]): Candidate[] {
  if (loc.kind === 'unmatched') {
    searched.push({ path: loc.path, origin: loc.origin, outcome: 'no such folder' });
    return [];
  }
  if (loc.kind === 'file-or-folder' && !isDirectory(loc.path)) {
    // A path naming a signer file is that file (found or not); another existing file is a mistake; anything else is a folder.
    if (isSharedLibraryPath(loc.path)) return [{ path: loc.path, origin: loc.origin, flavor: 'shared-library' }];
    if (loc.path.endsWith('.wasm')) return [{ path: loc.path, origin: loc.origin, flavor: 'wasm' }];
    if (isFile(loc.path)) {
      searched.push({ path: loc.path, origin: loc.origin, outcome: 'not a signer file (.so, .dylib, .dll or .wasm)' });
      return [];
    }
  }
  const files: Candidate[] = libraryName ? [{ path: join(loc.path, libraryName), origin: loc.origin, flavor: 'shared-library' }] : [];
  files.push({ path: join(loc.path, WASM_SIGNER_FILE), origin: loc.origin, flavor: 'wasm' });
  return files;
}

/** `wasm_exec.js` next to the wasm, then the configured one. */
function wasmExecFor(wasmPath: string, configured: string | undefined): { found?: string; tried: string[] } {
  const tried = [join(dirname(wasmPath), WASM_EXEC_FILE), ...(configured ? [configured] : [])];
  return { found: tried.find(isFile), tried };
}

/**
 * Finds, checks and loads the official Lighter signer (lighter-go @ 17f2d60)
 * for one (account, API key) and registers it with CreateClient (no URL; nonces
 * explicit). Searches the locations of signer-search-paths.ts in order; in each
 * folder it prefers this OS/arch's shared library (lighter.md §5.3 names) over
 * `lighter-signer.wasm` + `wasm_exec.js` (§5.2). A file that exists but fails
 * the ABI check or does not load is noted and the search goes on; the first
 * signer that loads is returned.
 * @throws SignerUnavailableError listing every path searched (and what was wrong with files
 *   that exist) plus where the official file comes from;
 *   LighterSignerError when a good signer rejects the key or indexes in CreateClient.
 */
export async function loadOfficialSigner(opts: LoadOfficialSignerOptions): Promise<OfficialLighterSigner> {
  const env = opts.environment ?? defaultSignerSearchEnvironment();
  const libraryName = sharedLibraryFileName(env.platform, env.arch);
  const params: SignerClientParams = { privateKey: opts.privateKey, chainId: opts.chainId, apiKeyIndex: opts.apiKeyIndex, accountIndex: opts.accountIndex };
  const searched: SearchedSignerPath[] = [];
  for (const loc of signerLocations(opts, env)) {
    for (const c of candidatesAt(loc, libraryName, searched)) {
      const note = (outcome: string) => searched.push({ path: c.path, origin: c.origin, outcome });
      if (!isFile(c.path)) {
        note('not found');
        continue;
      }
      try {
        if (c.flavor === 'shared-library') {
          // koffi (a native module) is loaded only when a library is actually there.
          const { loadFfiSigner } = await import('./ffi-signer');
          return loadFfiSigner(c.path, libraryName, params, opts.clock);
        }
        const exec = wasmExecFor(c.path, opts.wasmExecPath);
        if (!exec.found) {
          note(`found, but no ${WASM_EXEC_FILE} (looked at ${exec.tried.join(', ')})`);
          continue;
        }
        return await loadWasmSigner({ wasmPath: c.path, wasmExecPath: exec.found }, params, opts.clock);
      } catch (err) {
        if (err instanceof LighterSignerError) throw err;
        note(err instanceof SignerAbiMismatchError ? `refused: ${err.details}` : `failed to load: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  const platform = libraryName
    ? `${env.platform}/${env.arch} (shared library ${libraryName})`
    : `${env.platform}/${env.arch} (lighter-go ships no shared library for it: WASM only)`;
  const listing = searched.map((s) => `  - ${s.path} [${s.origin}]: ${s.outcome.replace(/\n/g, '\n      ')}`).join('\n');
  throw new SignerUnavailableError(
    `No usable official Lighter signer for account ${opts.accountIndex} (API key ${opts.apiKeyIndex}) on ${platform}. ` +
      `A live account is never signed with the paper signer. Searched, in order:\n${listing}\n${pinnedSignerBuildHint(libraryName)}`,
    searched,
  );
}
