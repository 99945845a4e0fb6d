import { NEWER_ONLY_C_EXPORTS, PINNED_C_EXPORTS, PINNED_SIGNER_BUILD } from './signer-abi';
import { pinnedSignerBuildHint } from './signer-build-hint';
import { SignerAbiMismatchError } from './signer-errors';

/**
 * The load-time ABI check of a C shared-library signer — a **heuristic**.
 *
 * A C library cannot be asked for its argument lists: calling a function with
 * fewer arguments than it takes is undefined behaviour, and the symbol table
 * carries names only. So the check identifies the build by its export set:
 * every export the pinned build (lighter-go @ 17f2d60 `sharedlib/main.go`,
 * lighter.md §5.3) has must be present — this rules out older builds, which
 * lack e.g. SignApproveIntegrator, SignUpdateAccountConfig,
 * SignUpdateAccountAssetConfig, SignStakeAssets — and the exports that only
 * newer builds have (SignCreateOrdersBatch, PrepareSignerNonces,
 * FastEnableStackBoundCache: the lighter-python binary with the 15-argument
 * SignModifyOrder) must be absent.
 *
 * What it cannot see: a build between two export-set changes whose argument
 * lists differ from the pinned one without adding or removing an export. Ship
 * the library built from the pinned commit (or its WASM build, whose check is
 * exact, wasm-abi-check.ts).
 *
 * @param hasExport whether the library exports a symbol of that name (declaring, never calling it).
 * @throws SignerAbiMismatchError listing the missing and the newer-only exports and the commit to use.
 */
export function checkSharedLibraryExports(hasExport: (name: string) => boolean, libraryPath: string, sharedLibraryName: string | undefined): void {
  const missing = PINNED_C_EXPORTS.filter((name) => !hasExport(name));
  const newer = NEWER_ONLY_C_EXPORTS.filter((name) => hasExport(name));
  if (missing.length === 0 && newer.length === 0) return;
  const lines = [`Refusing the Lighter signer library ${libraryPath}: its exports do not match the ${PINNED_SIGNER_BUILD.label} build HedgeDesk is pinned to.`];
  if (missing.length > 0) lines.push(`  missing exports the pinned build has: ${missing.join(', ')} (an older build, or not a lighter-go sharedlib build)`);
  if (newer.length > 0) {
    lines.push(`  exports only newer builds have: ${newer.join(', ')} (a newer build, e.g. the current lighter-python binary, whose SignModifyOrder takes 15 arguments)`);
  }
  lines.push(
    '  (A C library cannot report its argument lists, so HedgeDesk recognises the build by its export set; calling a different build would pass arguments in the wrong positions.)',
  );
  throw new SignerAbiMismatchError(lines.join('\n'), libraryPath, pinnedSignerBuildHint(sharedLibraryName));
}
