import { parseArgs } from 'node:util';
import { ConfigError } from '../engine/config-error';
import { parseTriHedgeConfig, unknownConfigKeys } from '../strategies/tri-hedge-hold/config-schema';
import type { CliCommand } from './command';
import { importConfigAccounts } from './config-accounts';
import { parseLogLevel } from './flags';
import { runInForeground } from './foreground-run';
import { formatConfigError, FOREGROUND_RUN_OPTIONS, parseOnRestart, readConfig, parseReconcileEvery, RECONCILE_EVERY_HELP } from './run-foreground';
import { terminalText } from './terminal-text';
import { UsageError } from './usage-error';

const STRATEGY = 'tri-hedge-hold';

/** `hedgedesk run tri-hedge-hold`: one run from the original JSON config, in the foreground. */
export const runTriHedgeCommand: CliCommand = {
  summary: 'Run tri-hedge-hold from its JSON config in the foreground: live progress, then the summary.',
  help: `  hedgedesk run tri-hedge-hold --config FILE [options]
  --config FILE      The tri_hedge_hold JSON config, in the original format (default: the file
                     named by $TRI_HEDGE_CONFIG). Its accounts are matched by label or created;
                     api_private_key and telegram_bot_token are moved into the OS keychain on
                     first use (you are told; then delete them from the file).
  --paper            Trade all three accounts on the built-in Lighter simulator (paper). An
                     account entry can also say "paper": true.
  --on-restart M     A run a previous process left running: resume (hold timers continue),
                     flatten (close its positions, then start anew) or ask (default; needs a
                     terminal).
${RECONCILE_EVERY_HELP}
  --data-dir D       Data directory (default $HEDGEDESK_DATA_DIR or ~/.hedgedesk).
  --log-level L      trace|debug|info|warn|error (default info; the log file is <data-dir>/logs).
  Ctrl+C stops the run (resting orders cancelled, positions stay hedged) and sends the stop
  notification; a second Ctrl+C quits at once. Exit code 0 when the run stopped, 1 when it failed.
  Telegram: telegram_chat_id in the config (or $HEDGEDESK_TELEGRAM_CHAT_ID); HTTPS_PROXY applies.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        ...FOREGROUND_RUN_OPTIONS,
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`run: unexpected argument "${positionals[0]}"`);
    const onRestart = parseOnRestart(values['on-restart']);
    const file = values.config ?? process.env.TRI_HEDGE_CONFIG;
    if (!file) throw new UsageError('run: give the config with --config FILE (or set TRI_HEDGE_CONFIG)');
    const raw = readConfig(file);
    const out = (s: string) => void process.stdout.write(terminalText(s));
    let config;
    try {
      config = parseTriHedgeConfig(raw);
      if (!config.accounts) throw new ConfigError('no accounts', [{ path: 'accounts', message: 'list the three accounts to trade (label, api_private_key, account_index or account_address)' }]);
    } catch (err) {
      if (err instanceof ConfigError) throw new Error(formatConfigError(err, file));
      throw err;
    }
    const { accounts, baseUrl } = config;
    const ignored = unknownConfigKeys(raw);
    if (ignored.length > 0) out(`note: ignored config fields: ${ignored.join(', ')}\n`);

    await runInForeground({
      strategy: STRATEGY,
      onRestart,
      reconcileIntervalMs: parseReconcileEvery(values['reconcile-every']),
      dataDir: values['data-dir'],
      logLevel: parseLogLevel(values['log-level']),
      source: file,
      notifierConfig: config,
      out,
      marketCheck: values.paper || accounts.every((a) => a.paper) ? { config: raw, venues: ['lighter'] } : undefined,
      prepare: async (rt) => {
        const imported = await importConfigAccounts(accounts, { accounts: rt.accounts, secrets: rt.secrets, paper: values.paper, globalBaseUrl: baseUrl, configFile: file });
        return { request: { strategy: STRATEGY, config: raw, accountIds: imported.accountIds, overrides: imported.overrides }, notes: imported.notes };
      },
    });
  },
};
