/**
 * Test support: builds the STAND-IN signers of this folder (not the official
 * Lighter signer) into temp dirs — the C library (fake-lighter-signer.c,
 * compiled with gcc for one layout) and the WASM pair (a minimal valid module
 * plus wasm-exec-standin.js for one layout). Both are written from lighter-go's
 * source (see their headers) because no Go toolchain able to build lighter-go
 * is available; the real npm build covers the real Go runtime (npm-wasm-signer.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASM_EXEC_FILE, WASM_SIGNER_FILE } from '../signer-files';

/** Layouts the C stand-in compiles to (fake-lighter-signer.c `LAYOUT`). */
export type FakeLibraryLayout = 102 | 106 | 107 | 109;

/**
 * Compiles fake-lighter-signer.c with `gcc -shared -fPIC -DLAYOUT=<layout>` to
 * `outPath`; `goMarker` embeds Go's build-info magic so it counts as Go-built.
 * @throws Error with install instructions when gcc is not available, or gcc's output when it fails.
 */
export function compileFakeSignerLibrary(outPath: string, layout: FakeLibraryLayout, goMarker = false): string {
  try {
    const defines = [`-DLAYOUT=${layout}`, ...(goMarker ? ['-DGO_BUILDINFO'] : [])];
    execFileSync('gcc', ['-shared', '-fPIC', '-O1', '-Wall', ...defines, '-o', outPath, join(__dirname, 'fake-lighter-signer.c')], { stdio: 'pipe' });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error('The FFI signer tests need gcc to compile their stand-in shared library (fake-lighter-signer.c); install gcc (e.g. apt-get install gcc).');
    throw new Error(`gcc failed to compile the stand-in signer library: ${e.stderr?.toString() ?? e.message}`);
  }
  return outPath;
}

/** The smallest valid WebAssembly module: magic `\0asm` and version 1. */
export const MINIMAL_WASM = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** Builds the WASM stand-in can play (wasm-exec-standin.js `STANDIN_LAYOUT`). */
export type WasmStandIn = 'v1.0.7' | 'v1.0.9' | 'lying' | 'unknown';

/**
 * Writes `lighter-signer.wasm` (the minimal module) and, unless `withExec` is
 * false, the stand-in `wasm_exec.js` playing `build` into `dir`; returns the wasm path.
 */
export function writeWasmStandIn(dir: string, build: WasmStandIn, withExec = true): string {
  mkdirSync(dir, { recursive: true });
  const wasmPath = join(dir, WASM_SIGNER_FILE);
  writeFileSync(wasmPath, MINIMAL_WASM);
  if (withExec) {
    const body = readFileSync(join(__dirname, 'wasm-exec-standin.js'), 'utf8');
    writeFileSync(join(dir, WASM_EXEC_FILE), `var STANDIN_LAYOUT = ${JSON.stringify(build)};\n${body}`);
  }
  return wasmPath;
}
