import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import type { Clock } from '../../../clock';
import type { SignedTx } from './lighter-signer';
import { OfficialSigner, type LoadedLayout } from './official-signer';
import { createClientArgs, type SignerClientParams } from './signer-abi';
import { signerBuildHint } from './signer-build-hint';
import { LighterSignerError, SignerLayoutError } from './signer-errors';
import { SIGN_FUNCTIONS, describeLayout, type SignFunction } from './signer-layouts';
import { PROBE_CLIENT, probeKnownLayout } from './signer-probe';
import { identifyWasmLayout, UnknownWasmLayout, type WasmExport } from './wasm-layout-check';

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

/** The functions HedgeDesk calls on a WASM build. */
type WasmFunction = 'CreateClient' | 'CreateAuthToken' | SignFunction;
const WASM_FUNCTIONS: readonly WasmFunction[] = ['CreateClient', 'CreateAuthToken', ...SIGN_FUNCTIONS];

/** One started Go program: the signer functions it installed (captured right after `go.run`) and its recognised layout. */
interface WasmRuntime {
  loaded: LoadedLayout;
  call(name: WasmFunction, args: readonly unknown[]): Record<string, unknown>;
}

/** Runtimes by file pair: one Go program serves every (account, API key) registered with CreateClient. */
const runtimes = new Map<string, Promise<WasmRuntime>>();

/**
 * Evaluates `wasm_exec.js` as a classic script (as a browser `<script>` would;
 * it assigns `globalThis.Go`), instantiates the module, starts it with
 * `go.run(instance)` without awaiting (the Go `main` registers the functions
 * and then blocks forever), captures the functions from `globalThis`,
 * recognises the layout by the argument names the build reports
 * (wasm-layout-check.ts) and runs the behavioural probe (signer-probe.ts).
 * @throws Error when wasm_exec.js defines no `Go` class or the module does not instantiate;
 *   SignerLayoutError when the layout is unknown or the probe finds fields out of place.
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

  for (const name of WASM_FUNCTIONS) delete global[name];
  let exit: string | undefined;
  void go.run(instance).then(
    () => {
      exit = 'the Go program exited';
    },
    (err: unknown) => {
      exit = `the Go program crashed: ${err instanceof Error ? err.message : String(err)}`;
    },
  );
  const fns = new Map<WasmFunction, WasmExport>();
  for (const name of WASM_FUNCTIONS) {
    const fn = global[name];
    if (typeof fn === 'function') fns.set(name, fn as WasmExport);
  }
  const identified = identifyWasmLayout((name) => fns.get(name));
  if (identified instanceof UnknownWasmLayout) {
    throw new SignerLayoutError(
      'unknown-layout',
      `Refusing the Lighter WASM signer ${files.wasmPath}: its argument lists match no signer layout HedgeDesk knows.\n${identified.lines.join('\n')}`,
      files.wasmPath,
      signerBuildHint(undefined),
    );
  }
  const runtime: WasmRuntime = {
    loaded: identified,
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
  runtime.call('CreateClient', createClientArgs(PROBE_CLIENT));
  const problems = probeKnownLayout(identified, (fn, _variant, args) => signedTx(fn, runtime.call(fn, args)));
  if (problems.length > 0) {
    throw new SignerLayoutError(
      'probe-failed',
      `Refusing the Lighter WASM signer ${files.wasmPath}: it reports the ${describeLayout(identified.layout)} but its probe transactions have fields out of place.\n${problems.join('\n')}`,
      files.wasmPath,
      signerBuildHint(undefined),
    );
  }
  return runtime;
}

/** The shared runtime of a file pair (as it is now: a replaced file gets a new runtime), started on first use; a failed start is not cached. */
function runtimeFor(files: WasmSignerFiles): Promise<WasmRuntime> {
  const identity = (path: string) => {
    const st = statSync(path);
    return `${resolve(path)}:${st.size}:${st.mtimeMs}`;
  };
  const key = `${identity(files.wasmPath)}\0${identity(files.wasmExecPath)}`;
  let started = runtimes.get(key);
  if (!started) {
    started = startRuntime(files);
    runtimes.set(key, started);
    started.catch(() => runtimes.delete(key));
  }
  return started;
}

/** `{txType, txInfo, txHash}` of a sign function's answer (lighter.md §5.2). */
function signedTx(name: SignFunction, out: Record<string, unknown>): SignedTx {
  const { txType, txInfo, txHash } = out;
  if (typeof txType !== 'number' || typeof txInfo !== 'string' || typeof txHash !== 'string') {
    throw new LighterSignerError(name, `unexpected answer without txType/txInfo/txHash: ${JSON.stringify(out)}`);
  }
  return { txType, txInfo, txHash };
}

/**
 * The official signer as a Go WASM build (`lighter-signer.wasm` +
 * `wasm_exec.js`) of any known layout, for one (account, API key). Construct
 * with `loadWasmSigner`. Arguments are mapped by the names the build reported
 * (signer-abi.ts); `orderExpiry` −1 and an auth-token deadline of 0 are
 * resolved from the injected clock. Facts: lighter.md §5.2, lighter-go wasm/main.go.
 */
export class WasmSigner extends OfficialSigner {
  /** Which official build flavour this is. */
  readonly flavor = 'wasm' as const;

  /** Use `loadWasmSigner`; `binaryPath` is the `.wasm` file in use. */
  constructor(private readonly runtime: WasmRuntime, params: SignerClientParams, clock: Clock, binaryPath: string) {
    super(params, clock, binaryPath, runtime.loaded);
  }

  /** Calls the Go function and reads `{txType, txInfo, txHash}` from its answer. */
  protected call(name: SignFunction, args: readonly number[]): SignedTx {
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
 * Loads (or reuses) the Go WASM signer — recognising its layout and probing it
 * on first load — and registers this (account, API key) with
 * `CreateClient('', privateKey, chainId, apiKeyIndex, accountIndex)`: no URL,
 * so the signer never does HTTP and nonces are always explicit. Whether the
 * layout may sign live orders is the caller's decision (`signer.layout.live`).
 * @throws Error when a file is unreadable or not a Go wasm_exec.js / WASM module;
 *   SignerLayoutError when the layout is unknown or the probe fails;
 *   LighterSignerError when CreateClient rejects the key or indexes.
 */
export async function loadWasmSigner(files: WasmSignerFiles, params: SignerClientParams, clock: Clock): Promise<WasmSigner> {
  const runtime = await runtimeFor(files);
  runtime.call('CreateClient', createClientArgs(params));
  return new WasmSigner(runtime, params, clock, files.wasmPath);
}

/**
 * Loads (or reuses) a Go WASM signer build without registering any account:
 * recognises its layout and probes it (for `hedgedesk signer check` and the
 * Settings panel).
 * @throws as {@link loadWasmSigner}, without the CreateClient errors.
 */
export async function loadWasmBuild(files: WasmSignerFiles): Promise<LoadedLayout> {
  return (await runtimeFor(files)).loaded;
}
