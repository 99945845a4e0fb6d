import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { tempDir } from '../helpers/temp-dir';

describe('demo workspace: only when opted in, only on a brand-new database', () => {
  const dir = tempDir();
  const keychainService = `hedgedesk-test-${randomBytes(4).toString('hex')}`;
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });
  afterAll(() => dir.remove());

  const start = (name: string, demoWorkspace?: boolean) =>
    (core = createCore({ dataDir: join(dir.path, name), runtime: 'server', appVersion: '0.0.0-test', keychainService, demoWorkspace }));
  const labels = async (c: Core) => ((await c.dispatch('accounts.list', {})) as { ok: true; data: { label: string }[] }).data.map((a) => a.label).sort();
  const lists = async (c: Core) => ((await c.dispatch('coinLists.list', {})) as { ok: true; data: { name: string }[] }).data.map((l) => l.name);

  it('is not created without the opt-in (tests, and every core that does not ask)', async () => {
    const c = start('plain');
    expect(await labels(c)).toEqual([]);
    expect(await lists(c)).toEqual([]);
  });

  it('is created once on a new database, and not again after the user removed it', async () => {
    let c = start('demo', true);
    expect(await labels(c)).toEqual(['Demo A', 'Demo B', 'Demo C']);
    expect(await lists(c)).toEqual(['Demo majors']);
    const list = ((await c.dispatch('coinLists.list', {})) as { ok: true; data: { id: string }[] }).data[0]!;
    expect(await c.dispatch('coinLists.delete', { id: list.id })).toMatchObject({ ok: true });
    await c.close();
    core = undefined;

    c = start('demo', true);
    expect(await labels(c)).toEqual(['Demo A', 'Demo B', 'Demo C']);
    expect(await lists(c)).toEqual([]);
  });
});
