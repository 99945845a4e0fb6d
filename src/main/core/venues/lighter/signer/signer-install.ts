import { copyFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SignerInstallResult } from '../../../../../shared/schemas/signer';
import { checkSigners } from './signer-check';
import { SignerInstallError } from './signer-errors';
import { isSharedLibraryPath, WASM_EXEC_FILE, WASM_SIGNER_FILE } from './signer-files';
import type { SignerFindOptions } from './signer-loader';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Copies `from` to `to` through a temp file in the same folder, so `to` is either the old or the whole new file. */
function copyAtomically(from: string, to: string): void {
  const tmp = join(dirname(to), `.${basename(to)}.${process.pid}.tmp`);
  try {
    copyFileSync(from, tmp);
    renameSync(tmp, to);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Installs a Lighter signer file the user chose into `<dataDir>/signers`
 * under its official name (this platform's shared-library name, or
 * `lighter-signer.wasm` with its `wasm_exec.js`), where every live account and
 * the CLI (same data directory) find it before any other place but an explicit
 * path. The file is loaded and probed first; only a live layout is installed,
 * and nothing is written otherwise. Returns the files written and the full
 * check afterwards.
 * @throws SignerInstallError naming the field: no such file, not a signer file, no wasm_exec.js,
 *   no shared library for this platform, or the check's verdict (refused layout, older layout, …).
 */
export async function installSigner(
  req: { path: string; wasmExecPath?: string },
  opts: Omit<SignerFindOptions, 'configuredPath' | 'onlyConfiguredPath' | 'wasmExecPath'> & { dataDir: string },
): Promise<SignerInstallResult> {
  if (!isFile(req.path)) throw new SignerInstallError('path', `${req.path} is not a file`);
  const wasm = req.path.toLowerCase().endsWith('.wasm');
  if (!wasm && !isSharedLibraryPath(req.path)) throw new SignerInstallError('path', `${req.path} is not a signer file (.so, .dylib, .dll or .wasm)`);
  const exec = wasm ? [join(dirname(req.path), WASM_EXEC_FILE), ...(req.wasmExecPath ? [req.wasmExecPath] : [])].find(isFile) : undefined;
  if (wasm && !exec) {
    throw new SignerInstallError('wasmExecPath', `${req.path} needs the wasm_exec.js of the Go toolchain that built it: put it next to the .wasm or give its path`);
  }
  const source = await checkSigners({ ...opts, configuredPath: req.path, onlyConfiguredPath: true, wasmExecPath: exec });
  const found = source.files[0];
  if (!wasm && !source.sharedLibraryName) throw new SignerInstallError('path', `lighter-go ships no shared library for ${source.platform}; use its WASM build`);
  if (source.verdict !== 'ready' || !found) {
    throw new SignerInstallError('path', `${req.path} was not installed: ${found?.detail ?? 'not found'}${found?.status === 'simulator-only' ? ` — live accounts need a v1.0.7+ build` : ''}`);
  }
  const dir = join(opts.dataDir, 'signers');
  mkdirSync(dir, { recursive: true });
  const installed: string[] = [];
  if (wasm) {
    copyAtomically(req.path, join(dir, WASM_SIGNER_FILE));
    copyAtomically(exec!, join(dir, WASM_EXEC_FILE));
    installed.push(join(dir, WASM_SIGNER_FILE), join(dir, WASM_EXEC_FILE));
  } else {
    copyAtomically(req.path, join(dir, source.sharedLibraryName!));
    installed.push(join(dir, source.sharedLibraryName!));
  }
  return { installed, check: await checkSigners(opts) };
}
