/**
 * Test support: builds the STAND-IN signers of this folder (not the official
 * Lighter signer) into temp dirs — the fake C library (fake-lighter-signer.c,
 * compiled with gcc) and the fake WASM pair (a minimal valid module plus a
 * stand-in wasm_exec.js).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASM_EXEC_FILE, WASM_SIGNER_FILE } from '../signer-files';

/** Which export set the fake library gets: the pinned one, one pinned export missing, or a newer-only export added. */
export type FakeLibraryVariant = 'pinned' | 'missing-export' | 'newer-export';

const DEFINES: Record<FakeLibraryVariant, string[]> = {
  pinned: [],
  'missing-export': ['-DOMIT_SIGN_STAKE_ASSETS'],
  'newer-export': ['-DWITH_NEWER_EXPORTS'],
};

/**
 * Compiles fake-lighter-signer.c with `gcc -shared -fPIC` to `outPath`.
 * @throws Error with install instructions when gcc is not available, or gcc's output when it fails.
 */
export function compileFakeSignerLibrary(outPath: string, variant: FakeLibraryVariant): string {
  try {
    execFileSync('gcc', ['-shared', '-fPIC', '-O1', ...DEFINES[variant], '-o', outPath, join(__dirname, 'fake-lighter-signer.c')], { stdio: 'pipe' });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error('The FFI signer tests need gcc to compile their stand-in shared library (fake-lighter-signer.c); install gcc (e.g. apt-get install gcc).');
    throw new Error(`gcc failed to compile the stand-in signer library: ${e.stderr?.toString() ?? e.message}`);
  }
  return outPath;
}

/** The smallest valid WebAssembly module: magic `\0asm` and version 1. */
export const MINIMAL_WASM = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * Writes `lighter-signer.wasm` (the minimal module) and, unless `withExec` is
 * false, the chosen stand-in as `wasm_exec.js` into `dir`; returns the wasm path.
 */
export function writeWasmStandIn(dir: string, fixture: 'wasm-exec-standin.js' | 'wasm-exec-standin-13-args.js', withExec = true): string {
  mkdirSync(dir, { recursive: true });
  const wasmPath = join(dir, WASM_SIGNER_FILE);
  writeFileSync(wasmPath, MINIMAL_WASM);
  if (withExec) copyFileSync(join(__dirname, fixture), join(dir, WASM_EXEC_FILE));
  return wasmPath;
}
