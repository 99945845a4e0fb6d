import { decode, load, struct, type LibraryHandle, type TypeObject } from 'koffi';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Clock } from '../../../clock';
import { probeSharedLibraryLayout } from './ffi-layout-probe';
import type { SignedTx } from './lighter-signer';
import { OfficialSigner, type LoadedLayout } from './official-signer';
import { createClientArgs, type SignerClientParams } from './signer-abi';
import { signerBuildHint } from './signer-build-hint';
import { LighterSignerError, SignerLayoutError } from './signer-errors';
import { describeLayout, SIGN_FUNCTIONS, type LayoutFunction, type SignFunction } from './signer-layouts';
import { PROBE_CLIENT } from './signer-probe';

/** A declared C function. */
type KoffiFunction = ReturnType<LibraryHandle['func']>;

/** A pointer as koffi 3 returns it: a BigInt address, or null for NULL. */
type Pointer = bigint | null;

/** `SignedTxResponse { uint8_t txType; char* txInfo; char* txHash; char* messageToSign; char* err; }` with raw pointers (lighter.md §5.3). */
interface SignedTxResponse {
  txType: number;
  txInfo: Pointer;
  txHash: Pointer;
  messageToSign: Pointer;
  err: Pointer;
}

/** `StrOrErr { char* str; char* err; }` with raw pointers (lighter.md §5.3). */
interface StrOrErr {
  str: Pointer;
  err: Pointer;
}

/** The C functions HedgeDesk calls, bound to one library, and its recognised layout. */
interface BoundLibrary {
  loaded: LoadedLayout;
  call(name: SignFunction, args: readonly number[]): SignedTx;
  createClient(args: readonly [string, string, number, number, number]): void;
  createAuthToken(args: readonly number[]): string;
}

let structs: { signedTx: TypeObject; strOrErr: TypeObject } | undefined;
/** The two return structs, declared once per process (anonymous, so no global koffi type names are taken). */
function returnStructs(): { signedTx: TypeObject; strOrErr: TypeObject } {
  structs ??= {
    signedTx: struct({ txType: 'uint8_t', txInfo: 'void *', txHash: 'void *', messageToSign: 'void *', err: 'void *' }),
    strOrErr: struct({ str: 'void *', err: 'void *' }),
  };
  return structs;
}

/**
 * Bound libraries by the sha256 of their file: the library keeps one client
 * per (API key, account), so all accounts share it, and the same build found
 * at another path (a copy installed into `<data dir>/signers`) reuses it.
 */
const libraries = new Map<string, BoundLibrary>();

/** The Go-built library loaded in this process, if any, and what it turned out to be: a process holds only one Go runtime (and Go libraries cannot be unloaded). */
let goLibrary: { path: string; what: string } | undefined;

/**
 * Go's build-info magic (`debug/buildinfo` `buildInfoMagic`), in every binary
 * Go ≥ 1.13 links, c-shared libraries included: tells a lighter-go library from
 * any other before it is loaded (loading runs the Go runtime's initialisation).
 */
const GO_BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');

/**
 * Binds an opened library: CreateClient / CreateAuthToken (the same in every
 * layout: `char* CreateClient(char*, char*, int, int, longlong)`,
 * `StrOrErr CreateAuthToken(longlong, int, longlong)`), registers the probe
 * client and recognises the layout by behaviour (ffi-layout-probe.ts), then
 * binds the four signing functions with that layout's C types. Every `char*`
 * the library returns is read and then released with the library's own `Free`
 * (same C heap; lighter.md §5.3).
 * @throws Error when it lacks an export; SignerLayoutError when no known layout fits.
 */
function bindLibrary(lib: LibraryHandle, libraryPath: string, sharedLibraryName: string | undefined): BoundLibrary {
  const { signedTx, strOrErr } = returnStructs();
  const free = lib.func('Free', 'void', ['void *']);
  const createClient = lib.func('CreateClient', 'void *', ['str', 'str', 'int', 'int', 'int64_t']);
  const createAuthToken = lib.func('CreateAuthToken', strOrErr, ['int64_t', 'int', 'int64_t']);

  /** Reads the C strings, then frees every non-NULL one, even when reading fails. */
  const take = <T>(pointers: Pointer[], read: (text: (p: Pointer) => string | undefined) => T): T => {
    try {
      return read((p) => (p === null ? undefined : (decode(p, 'char', -1) as string)));
    } finally {
      for (const p of pointers) if (p !== null) free(p);
    }
  };
  /** One declaration per (function, C parameter list): the probe may try several lists. */
  const declared = new Map<string, KoffiFunction>();
  const declare = (name: SignFunction, f: LayoutFunction): KoffiFunction => {
    const key = `${name}(${f.cTypes.join(',')})`;
    let bound = declared.get(key);
    if (!bound) {
      bound = lib.func(name, signedTx, [...f.cTypes]);
      declared.set(key, bound);
    }
    return bound;
  };
  const sign = (name: SignFunction, f: LayoutFunction, args: readonly number[]): SignedTx => {
    const r = declare(name, f)(...args) as SignedTxResponse;
    return take([r.txInfo, r.txHash, r.messageToSign, r.err], (text) => {
      const err = text(r.err);
      if (err) throw new LighterSignerError(name, err);
      const txInfo = text(r.txInfo);
      const txHash = text(r.txHash);
      if (txInfo === undefined || txHash === undefined) throw new LighterSignerError(name, 'returned no txInfo/txHash and no error');
      return { txType: r.txType, txInfo, txHash };
    });
  };
  const register = (args: readonly [string, string, number, number, number]) => {
    const err = createClient(...args) as Pointer;
    take([err], (text) => {
      const message = text(err);
      if (message !== undefined) throw new LighterSignerError('CreateClient', message);
    });
  };

  register(createClientArgs(PROBE_CLIENT));
  const probe = probeSharedLibraryLayout(sign);
  if (!probe.layout) {
    throw new SignerLayoutError(
      'unknown-layout',
      `Refusing the Lighter signer library ${libraryPath}: no known signer layout signs HedgeDesk's probe transactions correctly (a C library cannot report its argument lists, so HedgeDesk tests them by signing).\n${probe.lines.join('\n')}`,
      libraryPath,
      signerBuildHint(sharedLibraryName),
    );
  }
  const layout = probe.layout;
  const argOrder = Object.fromEntries(SIGN_FUNCTIONS.map((fn) => [fn, layout.functions[fn].names])) as LoadedLayout['argOrder'];
  return {
    loaded: { layout, argOrder },
    call: (name, args) => sign(name, layout.functions[name], args),
    createClient: register,
    createAuthToken(args) {
      const r = createAuthToken(...args) as StrOrErr;
      return take([r.str, r.err], (text) => {
        const err = text(r.err);
        if (err) throw new LighterSignerError('CreateAuthToken', err);
        const token = text(r.str);
        if (token === undefined) throw new LighterSignerError('CreateAuthToken', 'returned no token and no error');
        return token;
      });
    },
  };
}

/**
 * The official signer as a C shared library (cgo c-shared) of any known
 * layout, called through koffi, for one (account, API key). Construct with
 * `loadFfiSigner`. Arguments follow signer-abi.ts in the probed layout's order
 * (`orderExpiry` −1 and an auth-token deadline of 0 resolved from the injected
 * clock); calls are synchronous (signing takes well under a millisecond).
 * Facts: lighter.md §5.3, lighter-go sharedlib/main.go.
 */
export class FfiSigner extends OfficialSigner {
  /** Which official build flavour this is. */
  readonly flavor = 'shared-library' as const;

  /** Use `loadFfiSigner`; `binaryPath` is the library file in use. */
  constructor(private readonly lib: BoundLibrary, params: SignerClientParams, clock: Clock, binaryPath: string) {
    super(params, clock, binaryPath, lib.loaded);
  }

  /** Calls the bound C sign function; its strings are read and freed. */
  protected call(name: SignFunction, args: readonly number[]): SignedTx {
    return this.lib.call(name, args);
  }

  /** Calls the bound `CreateAuthToken` (`StrOrErr`). */
  protected authToken(args: readonly number[]): string {
    return this.lib.createAuthToken(args);
  }
}

/**
 * Loads (or reuses) the shared-library signer — probing its layout on first
 * load — and registers this (account, API key) with `CreateClient("",
 * privateKey, chainId, apiKeyIndex, accountIndex)` (NULL = ok): no URL, so no
 * HTTP and explicit nonces. Whether the layout may sign live orders is the
 * caller's decision (`signer.layout.live`).
 * @param sharedLibraryName this OS/arch's official file name, for the refusal message's build hint.
 * @throws Error when the OS cannot load the file or it lacks an export; SignerLayoutError when no
 *   known layout fits (ffi-layout-probe.ts); LighterSignerError when CreateClient rejects the key or indexes.
 */
export function loadFfiSigner(libraryPath: string, sharedLibraryName: string | undefined, params: SignerClientParams, clock: Clock): FfiSigner {
  const lib = boundLibrary(libraryPath, sharedLibraryName);
  lib.createClient(createClientArgs(params));
  return new FfiSigner(lib, params, clock, libraryPath);
}

/**
 * The bound library of the file at `libraryPath`, binding (and probing) it on
 * first use. Two Go runtimes in one process are not supported by Go (each
 * c-shared library brings its own), so once a Go-built signer library is
 * loaded, another Go-built file — a different build, or the same path replaced
 * by a new build — is refused until restart; the same bytes at another path
 * reuse the loaded library.
 * @throws as {@link loadSharedLibraryBuild}
 */
function boundLibrary(libraryPath: string, sharedLibraryName: string | undefined): BoundLibrary {
  const bytes = readFileSync(libraryPath);
  const key = createHash('sha256').update(bytes).digest('hex');
  const cached = libraries.get(key);
  if (cached) return cached;
  const isGo = bytes.includes(GO_BUILDINFO_MAGIC);
  if (isGo && goLibrary) {
    throw new Error(
      `${libraryPath} was not loaded: another Lighter signer library built with Go is loaded in this process (${goLibrary.path}, ${goLibrary.what}) and one process can hold only one Go runtime — restart HedgeDesk to use this file, or check it alone with \`hedgedesk signer check --path ${libraryPath}\``,
    );
  }
  const handle = load(libraryPath);
  // From here the library's Go runtime runs in this process, whatever the probe finds.
  if (isGo) goLibrary = { path: libraryPath, what: 'not recognised' };
  const lib = bindLibrary(handle, libraryPath, sharedLibraryName);
  libraries.set(key, lib);
  if (isGo) goLibrary = { path: libraryPath, what: describeLayout(lib.loaded.layout) };
  return lib;
}

/**
 * Loads (or reuses) a shared-library signer build without registering any
 * account: probes its layout (for `hedgedesk signer check` and the Settings panel).
 * One Go-built library per process (see {@link boundLibrary}).
 * @throws as {@link loadFfiSigner}, without the CreateClient errors; Error when another Go-built library is loaded.
 */
export function loadSharedLibraryBuild(libraryPath: string, sharedLibraryName: string | undefined): LoadedLayout {
  return boundLibrary(libraryPath, sharedLibraryName).loaded;
}
