import { PINNED_SIGNER_BUILD } from './signer-abi';
import { WASM_EXEC_FILE, WASM_SIGNER_FILE } from './signer-files';

/**
 * Where the official signer file comes from, for error messages: build it from
 * lighter-go at the pinned commit (shared library via cgo c-shared, or WASM plus
 * the same toolchain's wasm_exec.js), or take the `lighter/signers/` folder of
 * the lighter-python package released with that lighter-go version
 * (lighter.md §5.2, §5.3; lighter-go justfile, README).
 * @param sharedLibraryName this OS/arch's library name, if lighter-go ships one.
 */
export function pinnedSignerBuildHint(sharedLibraryName: string | undefined): string {
  const { repository, shortCommit, label } = PINNED_SIGNER_BUILD;
  const lines = [`HedgeDesk supports exactly one signer build: ${label}. Get it from https://${repository} at commit ${shortCommit}:`];
  if (sharedLibraryName) {
    lines.push(
      `  - shared library: \`git checkout ${shortCommit} && CGO_ENABLED=1 go build -buildmode=c-shared -trimpath -o build/${sharedLibraryName} ./sharedlib\` (or the justfile's build recipe for your platform, e.g. \`just build-linux-amd64\`)`,
    );
  }
  lines.push(
    `  - WASM: \`GOOS=js GOARCH=wasm go build -o ${WASM_SIGNER_FILE} ./wasm\`, plus ${WASM_EXEC_FILE} from the same Go toolchain: \`$(go env GOROOT)/lib/wasm/${WASM_EXEC_FILE}\` (Go before 1.24: \`$(go env GOROOT)/misc/wasm/${WASM_EXEC_FILE}\`)`,
    `  - or the \`lighter/signers/\` folder of the lighter-python package released with lighter-go ${shortCommit} (newer lighter-python binaries have a different ABI and are refused)`,
    `Put the file(s) in the app's resources/signers folder or <data dir>/signers, or point HEDGEDESK_LIGHTER_SIGNER (or the configured signer path) at the file or its folder.`,
  );
  return lines.join('\n');
}
