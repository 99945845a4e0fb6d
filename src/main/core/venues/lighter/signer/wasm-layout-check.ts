import { SIGN_FUNCTIONS, SIGNER_LAYOUTS, describeLayout, describeSignature, type SignerArgName, type SignerLayout, type SignFunction } from './signer-layouts';

/** A function the Go WASM runtime installed on `globalThis` (a `js.FuncOf`). */
export type WasmExport = (...args: unknown[]) => unknown;

/** What one export said about its own argument list. */
export interface ReportedSignature {
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

/** A WASM build's layout as recognised: the known layout, and the argument order the build itself reported (calls are mapped by these names). */
export interface WasmLayout {
  layout: SignerLayout;
  argOrder: Readonly<Record<SignFunction, readonly SignerArgName[]>>;
}

/** Why a WASM build's layout is not recognised: one line per function (what it reported). */
export class UnknownWasmLayout {
  constructor(readonly lines: readonly string[]) {}
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/**
 * Asks each signing function of a Go WASM signer for its argument list — a call
 * with no arguments answers `{error: "<fn> expects N args: <names>"}` without
 * touching any state (lighter-go wasm/main.go) — and matches the four lists,
 * as sets of names, against the known layouts (signer-layouts.ts). Calls are
 * later built in the order the build reported, by name.
 * @returns the recognised layout, or {@link UnknownWasmLayout} listing what the build reported
 *   (a missing export, an unparsable answer, a name set no known layout has).
 */
export function identifyWasmLayout(lookup: (name: SignFunction) => WasmExport | undefined): WasmLayout | UnknownWasmLayout {
  const reported = {} as Record<SignFunction, string[]>;
  const lines: string[] = [];
  for (const name of SIGN_FUNCTIONS) {
    const fn = lookup(name);
    if (typeof fn !== 'function') {
      lines.push(`  ${name}: not exported by this build — is it the lighter-go wasm/ build (not web-wasm/)?`);
      continue;
    }
    let answer: unknown;
    try {
      answer = fn();
    } catch (err) {
      answer = { thrown: err instanceof Error ? err.message : String(err) };
    }
    const r = parseArityAnswer(name, answer);
    if (!r) {
      lines.push(`  ${name}: did not report its argument list when called without arguments (answered ${JSON.stringify(answer)})`);
    } else if (r.count !== r.names.length) {
      lines.push(`  ${name}: says ${r.count} args but names ${r.names.length}: ${r.names.join(', ')}`);
    } else {
      reported[name] = r.names;
      lines.push(`  found: ${describeSignature(name, r.names)}`);
    }
  }
  if (SIGN_FUNCTIONS.every((n) => reported[n])) {
    const layout = SIGNER_LAYOUTS.find((l) => SIGN_FUNCTIONS.every((n) => sameSet(l.functions[n].names, reported[n])));
    if (layout) return { layout, argOrder: reported as Record<SignFunction, SignerArgName[]> };
    lines.push(`  (no known layout has these argument lists; known: ${SIGNER_LAYOUTS.map(describeLayout).join('; ')})`);
  }
  return new UnknownWasmLayout(lines);
}
