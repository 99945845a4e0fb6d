/**
 * File names of the official Lighter signer, as lighter-go's build recipes and
 * the lighter-python SDK's `lighter/signers/` folder name them (lighter.md §5.3
 * table, §5.2).
 */

/** The WASM build (`GOOS=js GOARCH=wasm go build -o lighter-signer.wasm ./wasm`). */
export const WASM_SIGNER_FILE = 'lighter-signer.wasm';
/** Go's JS glue for the WASM build; must come from the same Go toolchain (lighter.md §5.2). */
export const WASM_EXEC_FILE = 'wasm_exec.js';

/**
 * The shared-library file name for an OS/arch (Node's `process.platform` /
 * `process.arch`), or undefined where lighter-go ships none (e.g. Windows arm64).
 */
export function sharedLibraryFileName(platform: NodeJS.Platform, arch: string): string | undefined {
  const goArch = arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : undefined;
  if (!goArch) return undefined;
  if (platform === 'linux') return `lighter-signer-linux-${goArch}.so`;
  if (platform === 'darwin') return `lighter-signer-darwin-${goArch}.dylib`;
  if (platform === 'win32' && goArch === 'amd64') return 'lighter-signer-windows-amd64.dll';
  return undefined;
}

/** True for a path that names a shared library (`.so`, `.dylib`, `.dll`). */
export function isSharedLibraryPath(path: string): boolean {
  return /\.(so|dylib|dll)$/i.test(path);
}
