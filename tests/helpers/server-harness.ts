import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core/core';
import { startServer, type RunningServer } from '../../src/main/core/server/http-server';
import { tempDir } from './temp-dir';

/** A core and headless server on a free loopback port, with their own data dir and keychain service. */
export interface Harness {
  core: Core;
  server: RunningServer;
  dataDir: string;
  keychainService: string;
  close(): Promise<void>;
}

/**
 * Starts the real core (real SQLite file, real keychain under a unique test
 * service name) and the real server. The renderer dir holds a stub page: the
 * real renderer is covered by the e2e test.
 */
export async function startHarness(env: NodeJS.ProcessEnv = process.env, options: { telegramBaseUrl?: string } = {}): Promise<Harness> {
  const dir = tempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>stub</title>');
  const keychainService = `hedgedesk-test-${randomBytes(4).toString('hex')}`;
  const core = createCore({ dataDir: join(dir.path, 'data'), runtime: 'server', appVersion: '0.0.0-test', env, keychainService, ...options });
  const server = await startServer({ core, host: '127.0.0.1', port: 0, rendererDir });
  return {
    core,
    server,
    dataDir: join(dir.path, 'data'),
    keychainService,
    close: async () => {
      await server.close();
      await core.close();
      dir.remove();
    },
  };
}
