import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp-dir';

const CHILD = join(__dirname, '../../../tests/fixtures/process-guard-child.ts');

describe('installProcessGuard', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.remove());

  it('logs an uncaught exception, an unhandled rejection and EPIPE on stdout, and keeps the process running', async () => {
    dir = tempDir();
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', CHILD, dir.path], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader of stdout and stderr goes away at once, as `| tee` does on Ctrl+C.
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(existsSync(join(dir.path, 'alive'))).toBe(true);
    const log = readFileSync(join(dir.path, 'hedgedesk.log'), 'utf8');
    expect(log).toContain('uncaught exception (kept running): boom from a timer');
    expect(log).toContain('unhandled rejection (kept running): nobody awaited this');
  }, 20_000);
});
