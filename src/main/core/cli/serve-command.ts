import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core';
import { cliDataDir } from '../data-dir';
import { packageRoot, packageVersion } from '../package-root';
import { installProcessGuard } from '../process-guard';
import { checkBindHost, startServer } from '../server/http-server';
import type { CliCommand } from './command';
import { parseLogLevel, parsePort, stopOnSignals } from './flags';

/** `hedgedesk serve`: the core under plain Node, the UI and its contract on one port. */
export const serveCommand: CliCommand = {
  summary: 'Run the app headless: the UI and its API on one port, for a server or a browser.',
  help: `  --port N          Port to listen on (default 7321; 0 picks a free one).
  --host H          Interface to bind (default 127.0.0.1). Non-loopback hosts are refused
                    unless --allow-remote is also given: anyone reaching the port with the
                    token controls your accounts. Prefer an SSH tunnel to 127.0.0.1.
  --allow-remote    Opt in to binding a non-loopback host.
  --data-dir D      Data directory (default $HEDGEDESK_DATA_DIR or ~/.hedgedesk).
  --log-level L     trace|debug|info|warn|error (default info).
A brand-new data directory starts with a demo workspace (three paper Lighter accounts and
a coin list); HEDGEDESK_DEMO_WORKSPACE=0 starts it empty.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-remote': { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        'log-level': { type: 'string' },
      },
      strict: true,
    });
    const port = parsePort(values.port, 7321);
    checkBindHost(values.host, values['allow-remote']);
    const root = packageRoot();
    const core = createCore({
      dataDir: cliDataDir(values['data-dir']),
      runtime: 'server',
      appVersion: packageVersion(root),
      logLevel: parseLogLevel(values['log-level']),
      keychainService: process.env.HEDGEDESK_KEYCHAIN_SERVICE,
      telegramBaseUrl: process.env.HEDGEDESK_TELEGRAM_API_URL,
      consoleLevel: 'warn',
      demoWorkspace: process.env.HEDGEDESK_DEMO_WORKSPACE !== '0',
    });
    // A bad client or a stray callback error is logged; the server and its runs keep going.
    installProcessGuard(core.logger);
    let server;
    try {
      server = await startServer({ core, host: values.host, port, allowRemote: values['allow-remote'], rendererDir: join(root, 'out', 'renderer') });
    } catch (err) {
      await core.close();
      throw err;
    }
    process.stdout.write(`HedgeDesk server listening on ${server.url}\n`);
    process.stdout.write('Open that URL in a browser; the token in it is the key to this app. Ctrl+C stops.\n');
    const running = server;
    stopOnSignals(async (signal) => {
      core.logger.info({ component: 'server' }, `stopping on ${signal}`);
      await running.close();
      await core.close();
    });
  },
};
