import type { CliCommand } from './cli/command';
import { runCommand } from './cli/run-command';
import { runsCommand } from './cli/runs-command';
import { serveCommand } from './cli/serve-command';
import { signerCommand } from './cli/signer-command';
import { simCommand } from './cli/sim-command';
import { terminalText } from './cli/terminal-text';
import { UsageError } from './cli/usage-error';
import { packageVersion } from './package-root';

/** Every subcommand; `--help` is built from this table. */
const COMMANDS: Record<string, CliCommand> = {
  serve: serveCommand,
  sim: simCommand,
  run: runCommand,
  runs: runsCommand,
  signer: signerCommand,
};

function help(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length), 7) + 3;
  const lines = [
    'HedgeDesk — hedged multi-account strategies on perpetual DEXes.',
    '',
    'Usage: hedgedesk <command> [options]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}${COMMANDS[n]!.summary}`),
    `  ${'help'.padEnd(width)}Show this help.`,
    `  ${'version'.padEnd(width)}Print the version.`,
    '',
    ...names.flatMap((n) => [`${n} options:`, COMMANDS[n]!.help, '']),
    'Environment:',
    '  HEDGEDESK_DATA_DIR          Default data directory.',
    '  HEDGEDESK_KEYCHAIN_SERVICE  Keychain service name (default "hedgedesk"), to keep two setups apart.',
    '  HEDGEDESK_SECRETS_FROM_ENV  1 to read secrets from the environment (headless servers only).',
    '  HEDGEDESK_TELEGRAM_API_URL  Telegram Bot API base URL (default https://api.telegram.org).',
    '',
    'Secrets live in the OS keychain. On a server without one, set HEDGEDESK_SECRETS_FROM_ENV=1',
    'and pass each secret as HEDGEDESK_SECRET_<ACCOUNT_ID>_<FIELD> (see README).',
    '',
  ];
  return lines.join('\n');
}

/** Runs the `hedgedesk` command line. Exit code 2 for usage errors, 1 for failures. */
export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      process.stdout.write(help());
      return;
    }
    if (name === 'version' || name === '--version') {
      process.stdout.write(`${packageVersion()}\n`);
      return;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"`);
    await command.run(rest);
  } catch (err) {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`hedgedesk: ${terminalText((err as Error).message)}\n${usage ? 'Run "hedgedesk --help" for usage.\n' : ''}`);
    process.exitCode = usage ? 2 : 1;
  }
}
