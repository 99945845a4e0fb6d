import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import type { Clock } from '../../../clock';
import type { SignedTx } from './lighter-signer';
import { OfficialSigner, type PinnedSignFunction } from './official-signer';
import { createClientArgs, PINNED_SIGNER_ARGS, type PinnedSignerFunction, type SignerClientParams } from './signer-abi';
import { LighterSignerError } from './signer-errors';
import { checkWasmAbi, type WasmExport } from './wasm-abi-check';

/** The two files of a WASM signer. */
export interface WasmSignerFiles {
  /** `lighter-signer.wasm` built from lighter-go `wasm/` (lighter.md §5.2). */
  wasmPath: string;
  /** `wasm_exec.js` of the Go toolchain that built it. */
  wasmExecPath: string;
}

/** The part of Go's `wasm_exec.js` class HedgeDesk uses (lighter-go examples/wasm/test_wasm.mjs loading pattern). */
interface GoInstance {
  importObject: object;
  run(instance: object): Promise<void>;
}

/** The slice of the WebAssembly JS API used here (a Node/V8 global; the `node` lib types do not declare it). */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: object }>;
}

/** One started Go program: the signer functions it installed, captured right after `go.run`. */
interface WasmRuntime {
  call(name: PinnedSignerFunction, args: readonly unknown[]): Record<string, unknown>;
}

/** Runtimes by file pair: one Go program serves every (account, API key) registered with CreateClient. */
const runtimes = new Map<string, Promise<WasmRuntime>>();

/**
 * Evaluates `wasm_exec.js` as a classic script (as a browser `<script>` would;
 * it assigns `globalThis.Go`), instantiates the module, starts it with
 * `go.run(instance)` without awaiting (the Go `main` registers the functions
 * and then blocks forever), captures the functions from `globalThis`, and runs
 * the ABI check.
 * @throws Error when wasm_exec.js defines no `Go` class or the module does not instantiate;
 *   SignerAbiMismatchError when the build is not the pinned one.
 */
async function startRuntime(files: WasmSignerFiles): Promise<WasmRuntime> {
  const glue = await readFile(files.wasmExecPath, 'utf8');
  const bytes = await readFile(files.wasmPath);
  const global = globalThis as Record<string, unknown>;
  delete global.Go;
  runInThisContext(glue, { filename: files.wasmExecPath });
  const Go = global.Go;
  if (typeof Go !== 'function') throw new Error(`${files.wasmExecPath} did not define globalThis.Go — is it Go's wasm_exec.js?`);
  const go = new (Go as new () => GoInstance)();
  const { instance } = await (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly.instantiate(bytes, go.importObject);

  const names = Object.keys(PINNED_SIGNER_ARGS) as PinnedSignerFunction[];
  for (const name of names) delete global[name];
  let exit: string | undefined;
  void go.run(instance).then(
    () => {
      exit = 'the Go program exited';
    },
    (err: unknown) => {
      exit = `the Go program crashed: ${err instanceof Error ? err.message : String(err)}`;
    },
  );
  const fns = new Map<PinnedSignerFunction, WasmExport>();
  for (const name of names) {
    const fn = global[name];
    if (typeof fn === 'function') fns.set(name, fn as WasmExport);
  }
  checkWasmAbi((name) => fns.get(name), files.wasmPath);

  return {
    call(name, args) {
      const fn = fns.get(name);
      if (exit !== undefined || !fn) throw new LighterSignerError(name, `the WASM signer ${files.wasmPath} is no longer running (${exit ?? 'missing export'})`);
      const out = fn(...args);
      if (typeof out !== 'object' || out === null) throw new LighterSignerError(name, `unexpected answer ${JSON.stringify(out)}`);
      const { error } = out as { error?: unknown };
      if (typeof error === 'string' && error !== '') throw new LighterSignerError(name, error);
      return out as Record<string, unknown>;
    },
  };
}

/** The shared runtime of a file pair, started on first use; a failed start is not cached. */
function runtimeFor(files: WasmSignerFiles): Promise<WasmRuntime> {
  const key = `${resolve(files.wasmPath)}\0${resolve(files.wasmExecPath)}`;
  let started = runtimes.get(key);
  if (!started) {
    started = startRuntime(files);
    runtimes.set(key, started);
    started.catch(() => runtimes.delete(key));
  }
  return started;
}

/** `{txType, txInfo, txHash}` of a sign function's answer (lighter.md §5.2). */
function signedTx(name: PinnedSignerFunction, out: Record<string, unknown>): SignedTx {
  const { txType, txInfo, txHash } = out;
  if (typeof txType !== 'number' || typeof txInfo !== 'string' || typeof txHash !== 'string') {
    throw new LighterSignerError(name, `unexpected answer without txType/txInfo/txHash: ${JSON.stringify(out)}`);
  }
  return { txType, txInfo, txHash };
}

/**
 * The official signer as the Go WASM build (`lighter-signer.wasm` + `wasm_exec.js`)
 * of lighter-go @ 17f2d60, for one (account, API key). Construct with
 * `loadWasmSigner`. Arguments follow signer-abi.ts; `orderExpiry` −1 and an
 * auth-token deadline of 0 are resolved from the injected clock. Facts: lighter.md §5.2, lighter-go
 * wasm/main.go.
 */
export class WasmSigner extends OfficialSigner {
  /** Which official build flavour this is. */
  readonly flavor = 'wasm' as const;

  /** Use `loadWasmSigner`; `binaryPath` is the `.wasm` file in use. */
  constructor(private readonly runtime: WasmRuntime, params: SignerClientParams, clock: Clock, binaryPath: string) {
    super(params, clock, binaryPath);
  }

  /** Calls the Go function and reads `{txType, txInfo, txHash}` from its answer. */
  protected sign(name: PinnedSignFunction, args: readonly number[]): SignedTx {
    return signedTx(name, this.runtime.call(name, args));
  }

  /** Calls the Go `CreateAuthToken` and reads `authToken` from its answer. */
  protected authToken(args: readonly number[]): string {
    const out = this.runtime.call('CreateAuthToken', args);
    if (typeof out.authToken !== 'string') throw new LighterSignerError('CreateAuthToken', `unexpected answer without authToken: ${JSON.stringify(out)}`);
    return out.authToken;
  }
}

/**
 * Loads (or reuses) the Go WASM signer and registers this (account, API key)
 * with `CreateClient('', privateKey, chainId, apiKeyIndex, accountIndex)` — no
 * URL, so the signer never does HTTP and nonces are always explicit.
 * @throws Error when a file is unreadable or not a Go wasm_exec.js / WASM module;
 *   SignerAbiMismatchError when the build is not lighter-go @ 17f2d60;
 *   LighterSignerError when CreateClient rejects the key or indexes.
 */
export async function loadWasmSigner(files: WasmSignerFiles, params: SignerClientParams, clock: Clock): Promise<WasmSigner> {
  const runtime = await runtimeFor(files);
  runtime.call('CreateClient', createClientArgs(params));
  return new WasmSigner(runtime, params, clock, files.wasmPath);
}
