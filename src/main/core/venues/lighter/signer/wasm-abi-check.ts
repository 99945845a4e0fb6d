import { describeSignature, PINNED_SIGNER_ARGS, PINNED_SIGNER_BUILD, type PinnedSignerFunction } from './signer-abi';
import { pinnedSignerBuildHint } from './signer-build-hint';
import { SignerAbiMismatchError } from './signer-errors';

/** A function the Go WASM runtime installed on `globalThis` (a `js.FuncOf`). */
export type WasmExport = (...args: unknown[]) => unknown;

/** The exports HedgeDesk calls, looked up by name (undefined when the build lacks one). */
export type WasmExportLookup = (name: PinnedSignerFunction) => WasmExport | undefined;

/** What one export said about its own argument list. */
interface ReportedSignature {
  count: number;
  names: string[];
}

const EXPECTS = /^\s*(\w+) expects (\d+) args?:\s*(.*)$/s;

/**
 * Parses the official build's arity message, `"SignCreateOrder expects 19 args:
 * marketIndex, clientOrderIndex, …"` (lighter-go wasm/main.go, lighter.md §5.2
 * "handy probe"). Undefined when `answer` is not `{error: "<name> expects …"}`.
 */
export function parseArityAnswer(name: string, answer: unknown): ReportedSignature | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const error = (answer as { error?: unknown }).error;
  if (typeof error !== 'string') return undefined;
  const m = EXPECTS.exec(error);
  if (!m || m[1] !== name) return undefined;
  const names = (m[3] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return { count: Number(m[2]), names };
}

/**
 * The load-time ABI check of a Go WASM signer: calls each function HedgeDesk
 * needs with no arguments — the official build answers `{error: "<fn> expects N
 * args: <names>"}` without touching any state — and compares N and the names
 * with the pinned build (signer-abi.ts). Any missing export, unparsable answer,
 * other count or other names refuses the build.
 * @throws SignerAbiMismatchError naming the loaded ABI, the supported one and the lighter-go commit to use.
 */
export function checkWasmAbi(lookup: WasmExportLookup, wasmPath: string): void {
  const problems: string[] = [];
  for (const name of Object.keys(PINNED_SIGNER_ARGS) as PinnedSignerFunction[]) {
    const expected = PINNED_SIGNER_ARGS[name];
    const supported = describeSignature(name, expected);
    const fn = lookup(name);
    if (typeof fn !== 'function') {
      problems.push(`  ${name}: not exported by this build (supported: ${supported}) — is it the lighter-go wasm/ build (not web-wasm/)?`);
      continue;
    }
    let answer: unknown;
    try {
      answer = fn();
    } catch (err) {
      answer = { thrown: err instanceof Error ? err.message : String(err) };
    }
    const reported = parseArityAnswer(name, answer);
    if (!reported) {
      problems.push(`  ${name}: did not report its argument list when probed (answered ${JSON.stringify(answer)}); supported: ${supported}`);
    } else if (reported.count !== expected.length || reported.names.join(',') !== expected.join(',')) {
      problems.push(`  loaded:    ${describeSignature(name, reported.names)}${reported.count !== reported.names.length ? ` (says ${reported.count})` : ''}\n  supported: ${supported}`);
    }
  }
  if (problems.length > 0) {
    throw new SignerAbiMismatchError(
      `Refusing the Lighter WASM signer ${wasmPath}: it is not the ${PINNED_SIGNER_BUILD.label} build HedgeDesk is pinned to.\n${problems.join('\n')}`,
      wasmPath,
      pinnedSignerBuildHint(undefined),
    );
  }
}
