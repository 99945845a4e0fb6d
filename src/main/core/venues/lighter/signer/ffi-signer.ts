import { decode, load, struct, type LibraryHandle, type TypeObject } from 'koffi';
import { resolve } from 'node:path';
import type { Clock } from '../../../clock';
import type { SignedTx } from './lighter-signer';
import { checkSharedLibraryExports } from './ffi-abi-check';
import { OfficialSigner, type PinnedSignFunction } from './official-signer';
import { createClientArgs, type PinnedSignerFunction, type SignerClientParams } from './signer-abi';
import { LighterSignerError } from './signer-errors';

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

/** The C functions HedgeDesk calls, bound to one library. */
interface BoundLibrary {
  call(name: PinnedSignFunction, args: readonly number[]): SignedTx;
  createClient(args: readonly [string, string, number, number, number]): void;
  createAuthToken(args: readonly number[]): string;
}

/**
 * C parameter types of the pinned exports (`sharedlib/main.go` @ 17f2d60,
 * lighter.md §5.3: `int` = 32-bit C int, `longlong` = int64, `uint8_t`).
 * uint32 values (price, trigger price) go through C `int`; koffi passes the
 * low 32 bits, which Go reads back as the same uint32.
 */
const C_PARAMS = {
  CreateClient: ['str', 'str', 'int', 'int', 'int64_t'],
  CreateAuthToken: ['int64_t', 'int', 'int64_t'],
  SignCreateOrder: [
    'int', // marketIndex
    'int64_t', // clientOrderIndex
    'int64_t', // baseAmount
    'int', // price
    'int', // isAsk
    'int', // orderType
    'int', // timeInForce
    'int', // reduceOnly
    'int', // triggerPrice
    'int64_t', // orderExpiry
    'int64_t', // integratorAccountIndex
    'int', // integratorTakerFee
    'int', // integratorMakerFee
    'uint8_t', // selfTradeBehaviorMode
    'uint8_t', // selfTradeEqualityMode
    'uint8_t', // skipNonce
    'int64_t', // nonce
    'int', // apiKeyIndex
    'int64_t', // accountIndex
  ],
  SignCancelOrder: ['int', 'int64_t', 'uint8_t', 'int64_t', 'int', 'int64_t'],
  SignCancelAllOrders: ['int', 'int64_t', 'int', 'uint8_t', 'int64_t', 'int', 'int64_t'],
  SignModifyOrder: ['int', 'int64_t', 'int64_t', 'int64_t', 'int64_t', 'int64_t', 'int', 'int', 'uint8_t', 'uint8_t', 'uint8_t', 'int64_t', 'int', 'int64_t'],
} as const satisfies Record<PinnedSignerFunction, readonly string[]>;

let structs: { signedTx: TypeObject; strOrErr: TypeObject } | undefined;
/** The two return structs, declared once per process (anonymous, so no global koffi type names are taken). */
function returnStructs(): { signedTx: TypeObject; strOrErr: TypeObject } {
  structs ??= {
    signedTx: struct({ txType: 'uint8_t', txInfo: 'void *', txHash: 'void *', messageToSign: 'void *', err: 'void *' }),
    strOrErr: struct({ str: 'void *', err: 'void *' }),
  };
  return structs;
}

/** Bound libraries by resolved path: the library keeps one client per (API key, account), so all accounts share it. */
const libraries = new Map<string, BoundLibrary>();

/** Whether `lib` exports `name`: declares (never calls) a function of that name. */
function exportsSymbol(lib: LibraryHandle, name: string): boolean {
  try {
    lib.func(name, 'void', []);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the library, checks its export set against the pinned build and binds
 * the functions. Every `char*` the library returns is read and then released
 * with the library's own `Free` (same C heap; lighter.md §5.3).
 * @throws Error when the OS cannot load it; SignerAbiMismatchError when its exports are not the pinned build's.
 */
function bindLibrary(libraryPath: string, sharedLibraryName: string | undefined): BoundLibrary {
  const lib = load(libraryPath);
  checkSharedLibraryExports((name) => exportsSymbol(lib, name), libraryPath, sharedLibraryName);
  const { signedTx, strOrErr } = returnStructs();
  const free = lib.func('Free', 'void', ['void *']);
  const fn = (name: PinnedSignerFunction, result: TypeObject | string) => lib.func(name, result, [...C_PARAMS[name]]);
  const sign = {
    SignCreateOrder: fn('SignCreateOrder', signedTx),
    SignCancelOrder: fn('SignCancelOrder', signedTx),
    SignCancelAllOrders: fn('SignCancelAllOrders', signedTx),
    SignModifyOrder: fn('SignModifyOrder', signedTx),
  };
  const createClient = fn('CreateClient', 'void *');
  const createAuthToken = fn('CreateAuthToken', strOrErr);

  /** Reads the C strings, then frees every non-NULL one, even when reading fails. */
  const take = <T>(pointers: Pointer[], read: (text: (p: Pointer) => string | undefined) => T): T => {
    try {
      return read((p) => (p === null ? undefined : (decode(p, 'char', -1) as string)));
    } finally {
      for (const p of pointers) if (p !== null) free(p);
    }
  };

  return {
    call(name, args) {
      const r = sign[name](...args) as SignedTxResponse;
      return take([r.txInfo, r.txHash, r.messageToSign, r.err], (text) => {
        const err = text(r.err);
        if (err) throw new LighterSignerError(name, err);
        const txInfo = text(r.txInfo);
        const txHash = text(r.txHash);
        if (txInfo === undefined || txHash === undefined) throw new LighterSignerError(name, 'returned no txInfo/txHash and no error');
        return { txType: r.txType, txInfo, txHash };
      });
    },
    createClient(args) {
      const err = createClient(...args) as Pointer;
      take([err], (text) => {
        const message = text(err);
        if (message !== undefined) throw new LighterSignerError('CreateClient', message);
      });
    },
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
 * The official signer as the C shared library (cgo c-shared) of lighter-go @
 * 17f2d60, called through koffi, for one (account, API key). Construct with
 * `loadFfiSigner`. Arguments follow signer-abi.ts (`orderExpiry` −1 and an
 * auth-token deadline of 0 resolved from the injected clock); calls are synchronous
 * (signing takes well under a millisecond). Facts: lighter.md §5.3,
 * lighter-go sharedlib/main.go.
 */
export class FfiSigner extends OfficialSigner {
  /** Which official build flavour this is. */
  readonly flavor = 'shared-library' as const;

  /** Use `loadFfiSigner`; `binaryPath` is the library file in use. */
  constructor(private readonly lib: BoundLibrary, params: SignerClientParams, clock: Clock, binaryPath: string) {
    super(params, clock, binaryPath);
  }

  /** Calls the bound C sign function; its strings are read and freed. */
  protected sign(name: PinnedSignFunction, args: readonly number[]): SignedTx {
    return this.lib.call(name, args);
  }

  /** Calls the bound `CreateAuthToken` (`StrOrErr`). */
  protected authToken(args: readonly number[]): string {
    return this.lib.createAuthToken(args);
  }
}

/**
 * Loads (or reuses) the shared-library signer and registers this (account, API
 * key) with `CreateClient("", privateKey, chainId, apiKeyIndex, accountIndex)`
 * (NULL = ok) — no URL, so no HTTP and explicit nonces.
 * @param sharedLibraryName this OS/arch's official file name, for the refusal message's build hint.
 * @throws Error when the OS cannot load the file; SignerAbiMismatchError when its export set is not
 *   the pinned build's (ffi-abi-check.ts); LighterSignerError when CreateClient rejects the key or indexes.
 */
export function loadFfiSigner(libraryPath: string, sharedLibraryName: string | undefined, params: SignerClientParams, clock: Clock): FfiSigner {
  const key = resolve(libraryPath);
  let lib = libraries.get(key);
  if (!lib) {
    lib = bindLibrary(libraryPath, sharedLibraryName);
    libraries.set(key, lib);
  }
  lib.createClient(createClientArgs(params));
  return new FfiSigner(lib, params, clock, libraryPath);
}
