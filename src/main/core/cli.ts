import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { logLevelSchema, type LogLevel } from '../../shared/schemas/log';
import { createCore } from './core';
import { cliDataDir } from './data-dir';
import { packageRoot, packageVersion } from './package-root';
import { checkBindHost, startServer } from './server/http-server';

const HELP = `HedgeDesk — hedged multi-account strategies on perpetual DEXes.

Usage: hedgedesk <command> [options]

Commands:
  serve      Run the app headless: the UI and its API on one port, for a server or a browser.
  help       Show this help.
  version    Print the version.

serve options:
  --port N          Port to listen on (default 7321; 0 picks a free one).
  --host H          Interface to bind (default 127.0.0.1). Non-loopback hosts are refused
                    unless --allow-remote is also given: anyone reaching the port with the
                    token controls your accounts. Prefer an SSH tunnel to 127.0.0.1.
  --allow-remote    Opt in to binding a non-loopback host.
  --data-dir D      Data directory (default $HEDGEDESK_DATA_DIR or ~/.hedgedesk).
  --log-level L     trace|debug|info|warn|error (default info).

Environment:
  HEDGEDESK_DATA_DIR          Default data directory.
  HEDGEDESK_KEYCHAIN_SERVICE  Keychain service name (default "hedgedesk"), to keep two setups apart.
  HEDGEDESK_SECRETS_FROM_ENV  1 to read secrets from the environment (headless servers only).

Secrets live in the OS keychain. On a server without one, set HEDGEDESK_SECRETS_FROM_ENV=1
and pass each secret as HEDGEDESK_SECRET_<ACCOUNT_ID>_<FIELD> (see README).
`;

/** Thrown for bad command-line input; printed without a stack trace. */
class UsageError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 7321;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port: "${value}" is not a port number (0–65535)`);
  return n;
}

function parseLevel(value: string | undefined): LogLevel {
  const r = logLevelSchema.safeParse(value ?? 'info');
  if (!r.success) throw new UsageError(`--log-level: "${value}" is not one of trace, debug, info, warn, error`);
  return r.data;
}

async function serve(args: string[]): Promise<void> {
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
  checkBindHost(values.host, values['allow-remote']);
  const root = packageRoot();
  const core = createCore({
    dataDir: cliDataDir(values['data-dir']),
    runtime: 'server',
    appVersion: packageVersion(root),
    logLevel: parseLevel(values['log-level']),
    keychainService: process.env.HEDGEDESK_KEYCHAIN_SERVICE,
    consoleLevel: 'warn',
  });
  let server;
  try {
    server = await startServer({
      core,
      host: values.host,
      port: parsePort(values.port),
      allowRemote: values['allow-remote'],
      rendererDir: join(root, 'out', 'renderer'),
    });
  } catch (err) {
    await core.close();
    throw err;
  }
  process.stdout.write(`HedgeDesk server listening on ${server.url}\n`);
  process.stdout.write('Open that URL in a browser; the token in it is the key to this app. Ctrl+C stops.\n');
  const running = server;
  const stop = (signal: string) => {
    core.logger.info({ component: 'server' }, `stopping on ${signal}`);
    void running
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** Runs the `hedgedesk` command line. Exit code 2 for usage errors, 1 for failures. */
export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest);
      case 'version':
      case '--version':
        process.stdout.write(`${packageVersion()}\n`);
        return;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`hedgedesk: ${(err as Error).message}\n${usage ? 'Run "hedgedesk --help" for usage.\n' : ''}`);
    process.exitCode = usage ? 2 : 1;
  }
}
