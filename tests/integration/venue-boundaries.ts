/**
 * Where venue names may appear in the source: the venue's own folders
 * (`venues/<venue>/` and `sim/<venue>/` in the core, `venues/<venue>` in
 * shared and renderer code), the enum of venue ids, the SQLite migrations,
 * and the files of {@link VENUE_NAME_ALLOWLIST}. Used by
 * lint-boundaries.test.ts; counts quoted venue ids (`'lighter'`, `"paradex"`,
 * `` `aster` ``…) in non-test source files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { VENUES } from '../../src/shared/schemas/venues';

/** A quoted venue id: `'lighter'`, `"paradex"`, `` `backpack` ``. */
const VENUE_LITERAL = new RegExp(`(['"\`])(${VENUES.join('|')})\\1`, 'g');

/** True for a path (relative to the repo, `/`-separated) inside a venue's own folders, the migrations or the venue id enum. */
export function isVenuePlace(path: string): boolean {
  const v = VENUES.join('|');
  return (
    new RegExp(`^src/main/core/(venues|sim)/(${v})/`).test(path) ||
    new RegExp(`^src/(shared|renderer/src)/venues/(${v})(/|\\.ts$)`).test(path) ||
    path.startsWith('src/main/core/store/migrations/') ||
    path === 'src/shared/schemas/venues.ts'
  );
}

/**
 * Files outside venue folders that may still name venues, with how many
 * quoted venue ids each holds and why. The test fails when a file has more
 * (or fewer: then lower the number here) — this list only ever shrinks.
 */
export const VENUE_NAME_ALLOWLIST: Record<string, { count: number; why: string }> = {
  'src/main/core/cli/config-accounts.ts': { count: 2, why: 'imports the accounts of the original Lighter tool’s config files' },
  'src/main/core/cli/run-tri-hedge.ts': { count: 1, why: 'tri-hedge-hold trades Lighter accounts only (its config is the original Lighter tool’s)' },
  'src/main/core/cli/run-maker-taker-hedge.ts': { count: 2, why: '--paper creates Lighter paper accounts for maker-taker-hedge' },
  'src/main/core/cli/run-cross-venue-hedge.ts': { count: 3, why: '--paper pairs a Paradex and a Lighter paper account by default' },
  'src/main/core/engine/testing/fake-venue.ts': { count: 4, why: 'test double of a Lighter venue (engine tests)' },
  'src/shared/contract.ts': { count: 1, why: 'coinLists.importTriHedge: the original tool’s coin lists are Lighter lists' },
  'src/shared/schemas/account.ts': { count: 4, why: 'accountCreateSchema: one discriminated-union member per venue (typed identifiers)' },
  'src/renderer/src/components/coin-lists/CoinListImportModal.vue': { count: 1, why: 'default venue of an imported original-tool list (Lighter)' },
  'src/renderer/src/components/strategies/TriHedgeForm.vue': { count: 2, why: 'tri-hedge-hold trades Lighter accounts only' },
  'src/renderer/src/components/strategies/cross-venue-form-model.ts': { count: 2, why: 'default pairing of a Paradex and a Lighter account' },
  'src/renderer/src/components/strategies/maker-taker-form-model.ts': { count: 1, why: 'maker-taker-hedge trades Lighter accounts' },
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|vue)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Per non-test source file under `src/` (repo-relative, `/`-separated): its quoted venue ids, as `line: text`. */
export function venueLiterals(root: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const path = relative(root, file).split(sep).join('/');
    const hits: string[] = [];
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const m of text.matchAll(VENUE_LITERAL)) hits.push(`${i + 1}: ${m[0]} in ${text.trim().slice(0, 120)}`);
      });
    if (hits.length > 0) found.set(path, hits);
  }
  return found;
}
