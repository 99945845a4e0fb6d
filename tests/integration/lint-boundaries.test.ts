import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVenuePlace, VENUE_NAME_ALLOWLIST, venueLiterals } from './venue-boundaries';

const root = join(__dirname, '../..');

async function ruleIds(code: string, file: string): Promise<(string | null)[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId);
}

describe('the ESLint layer boundaries', () => {
  const importElectron = "import { app } from 'electron';\nexport const name = app.getName();\n";

  it('forbid electron outside the shell and the preload', async () => {
    expect(await ruleIds(importElectron, 'src/main/core/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(importElectron, 'src/shared/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(importElectron, 'src/renderer/src/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(importElectron, 'src/main/shell/probe.ts')).toEqual([]);
    expect(await ruleIds(importElectron, 'src/preload/probe.ts')).toEqual([]);
  });

  it('keep Node built-ins and main-process code out of shared and renderer code', async () => {
    const importFs = "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n";
    expect(await ruleIds(importFs, 'src/shared/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(importFs, 'src/main/core/probe.ts')).toEqual([]);
    const importCore = "import { createCore } from '../../main/core/core';\nexport const c = createCore;\n";
    expect(await ruleIds(importCore, 'src/renderer/src/probe.ts')).toContain('no-restricted-imports');
  });
});

describe('venue names stay in venue folders', () => {
  const outside = [...venueLiterals(root)].filter(([path]) => !isVenuePlace(path));

  it('no quoted venue id outside venues/<venue>, sim/<venue>, the id enum, migrations and the explicit allowlist', () => {
    const unexpected = outside.filter(([path]) => !VENUE_NAME_ALLOWLIST[path]).map(([path, hits]) => `${path}\n  ${hits.join('\n  ')}`);
    expect(unexpected, 'name the venue through the registry (venues/venue-registry.ts) or move the code into its venue folder').toEqual([]);
  });

  it('the allowlist only shrinks: each allowed file holds exactly its allowed count', () => {
    const counts = Object.fromEntries(outside.filter(([path]) => VENUE_NAME_ALLOWLIST[path]).map(([path, hits]) => [path, hits.length]));
    const allowed = Object.fromEntries(Object.entries(VENUE_NAME_ALLOWLIST).map(([path, a]) => [path, a.count]));
    expect(counts).toEqual(allowed);
  });

  it('the scan sees venue folders and would catch a literal', () => {
    const all = venueLiterals(root);
    expect([...all.keys()].some((p) => p.startsWith('src/main/core/venues/lighter/'))).toBe(true);
    expect(isVenuePlace('src/main/core/engine/venue-provider.ts')).toBe(false);
    expect(isVenuePlace('src/main/core/venues/paradex/index.ts')).toBe(true);
    expect(isVenuePlace('src/shared/venues/lighter.ts')).toBe(true);
    expect(isVenuePlace('src/renderer/src/venues/lighter/LighterFields.vue')).toBe(true);
  });
});
