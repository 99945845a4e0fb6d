import { describeLayout, SIGNER_LAYOUTS } from './signer-layouts';
import { WASM_EXEC_FILE, WASM_SIGNER_FILE } from './signer-files';

/**
 * Where a supported signer file comes from, for messages: the layouts live
 * accounts accept, lighter-go release tags (release assets or build recipes:
 * shared library via cgo c-shared, WASM plus the same toolchain's
 * wasm_exec.js), or the `lighter/signers/` folder of a matching lighter-python
 * release; and where to put it (lighter.md §5.2, §5.3; lighter-go justfile,
 * README).
 * @param sharedLibraryName this OS/arch's library name, if lighter-go ships one.
 */
export function signerBuildHint(sharedLibraryName: string | undefined): string {
  const live = SIGNER_LAYOUTS.filter((l) => l.live);
  const lines = [
    `Live accounts need one of: ${live.map((l) => `${describeLayout(l)} — ${l.builds}`).join('; ')}.`,
    'Get it from https://github.com/elliottech/lighter-go (a release tag v1.0.7 or later; the releases page has prebuilt libraries), or build it at that tag:',
  ];
  if (sharedLibraryName) {
    lines.push(`  - shared library: \`git checkout v1.0.9 && CGO_ENABLED=1 go build -buildmode=c-shared -trimpath -o build/${sharedLibraryName} ./sharedlib\` (or the justfile's recipe for your platform)`);
  }
  lines.push(
    `  - WASM: \`GOOS=js GOARCH=wasm go build -trimpath -o ${WASM_SIGNER_FILE} ./wasm\`, plus ${WASM_EXEC_FILE} from the same Go toolchain: \`$(go env GOROOT)/lib/wasm/${WASM_EXEC_FILE}\` (Go before 1.24: \`$(go env GOROOT)/misc/wasm/${WASM_EXEC_FILE}\`)`,
    `  - or the \`lighter/signers/\` folder of a lighter-python release: ${live.map((l) => `${l.id}: ${l.lighterPython}`).join('; ')}`,
    'Put the file(s) in <data dir>/signers (Settings → Lighter signer copies it there; `hedgedesk signer check --path FILE` tests one first), or point HEDGEDESK_LIGHTER_SIGNER at the file or its folder.',
  );
  return lines.join('\n');
}
