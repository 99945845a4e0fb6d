import { describeLayout, describeSignature, SIGN_FUNCTIONS, SIGNER_LAYOUTS, type LayoutFunction, type SignerLayout, type SignFunction } from './signer-layouts';
import { probeFunction, type ProbeCall } from './signer-probe';

/** The argument lists a function has across the known layouts, longest first (duplicates once). */
function variantsOf(fn: SignFunction): LayoutFunction[] {
  const seen = new Map<string, LayoutFunction>();
  for (const layout of SIGNER_LAYOUTS) {
    const f = layout.functions[fn];
    const key = f.names.join(',');
    if (!seen.has(key)) seen.set(key, f);
  }
  return [...seen.values()].sort((a, b) => b.names.length - a.names.length);
}

/** The result of probing a shared library: the recognised layout, or why none was. */
export type SharedLibraryProbe = { layout: SignerLayout } | { layout: undefined; lines: string[] };

/**
 * Recognises a C shared-library signer's layout by behaviour. A C library
 * cannot report its argument lists, and between v1.0.6 and 94fa02a (May 2026)
 * it exported exactly the names of 17f2d60 with other lists (lighter.md,
 * December 2026 update), so names prove nothing. Instead each signing function
 * is called through the throwaway probe client (signer-probe.ts) with each
 * argument list the known layouts have, **longest first**: passing more
 * arguments than a C function takes is harmless in the x86-64 and arm64 C
 * calling conventions (the caller owns them; the callee never reads the
 * extras), so a list is only ever tried when no longer one fitted. The first
 * list whose signed `tx_info` has every field in place is the function's; the
 * four together must form a known layout.
 * @param call signs one probe call with the given list (declaring the C function with its types).
 */
export function probeSharedLibraryLayout(call: ProbeCall): SharedLibraryProbe {
  const found = {} as Record<SignFunction, LayoutFunction | undefined>;
  const lines: string[] = [];
  for (const fn of SIGN_FUNCTIONS) {
    const tried: string[] = [];
    for (const variant of variantsOf(fn)) {
      const problems = probeFunction(fn, variant, call);
      if (problems.length === 0) {
        found[fn] = variant;
        break;
      }
      tried.push(`    as ${describeSignature(fn, variant.names)}: ${problems.join('; ')}`);
    }
    const hit = found[fn];
    lines.push(hit ? `  found: ${describeSignature(fn, hit.names)}` : `  ${fn}: no known argument list signs the probe correctly:\n${tried.join('\n')}`);
  }
  if (SIGN_FUNCTIONS.every((fn) => found[fn])) {
    const layout = SIGNER_LAYOUTS.find((l) => SIGN_FUNCTIONS.every((fn) => l.functions[fn].names.join(',') === found[fn]!.names.join(',')));
    if (layout) return { layout };
    lines.push(`  (no known layout has this combination; known: ${SIGNER_LAYOUTS.map(describeLayout).join('; ')})`);
  }
  return { layout: undefined, lines };
}
