import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
