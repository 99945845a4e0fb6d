import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Path of the `hedgedesk` bin script. */
export const HEDGEDESK_BIN = join(__dirname, '../../bin/hedgedesk.js');

/** Runs `hedgedesk <args>` to completion and returns its exit code and output. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [HEDGEDESK_BIN, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
