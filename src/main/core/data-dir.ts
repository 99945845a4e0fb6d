import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The CLI's data directory: `--data-dir`, else `HEDGEDESK_DATA_DIR`, else
 * `~/.hedgedesk`. (The desktop app uses Electron's userData directory.)
 */
export function cliDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.HEDGEDESK_DATA_DIR) return resolve(env.HEDGEDESK_DATA_DIR);
  return join(homedir(), '.hedgedesk');
}
