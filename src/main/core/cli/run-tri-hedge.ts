import { parseArgs } from 'node:util';
import { systemClock } from '../clock';
import { ConfigError } from '../engine/config-error';
import { createEngine } from '../engine/create-engine';
import { closePaperVenues } from '../engine/paper-venues';
import { parseTriHedgeConfig, unknownConfigKeys } from '../strategies/tri-hedge-hold/config-schema';
import { openCliRuntime } from './cli-runtime';
import type { CliCommand } from './command';
import { importConfigAccounts } from './config-accounts';
import { parseLogLevel } from './flags';
import { ask, follow, formatConfigError, readConfig } from './run-foreground';
import { RunProgressPrinter } from './run-progress-printer';
import { runNotifier } from './run-notifier';
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
        paper: { type: 'boolean', default: false },
        'on-restart': { type: 'string', default: 'ask' },
        'data-dir': { type: 'string' },
        'log-level': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`run: unexpected argument "${positionals[0]}"`);
    const onRestart = values['on-restart'];
    if (onRestart !== 'resume' && onRestart !== 'flatten' && onRestart !== 'ask') throw new UsageError(`--on-restart: "${onRestart}" is not resume, flatten or ask`);
    const file = values.config ?? process.env.TRI_HEDGE_CONFIG;
    if (!file) throw new UsageError('run: give the config with --config FILE (or set TRI_HEDGE_CONFIG)');
    const raw = readConfig(file);
    const out = (s: string) => void process.stdout.write(s);
    let config;
    try {
      config = parseTriHedgeConfig(raw);
      if (!config.accounts) throw new ConfigError('no accounts', [{ path: 'accounts', message: 'list the three accounts to trade (label, api_private_key, account_index or account_address)' }]);
    } catch (err) {
      if (err instanceof ConfigError) throw new Error(formatConfigError(err, file));
      throw err;
    }
    const ignored = unknownConfigKeys(raw);
    if (ignored.length > 0) out(`note: ignored config fields: ${ignored.join(', ')}\n`);

    const rt = openCliRuntime({ dataDir: values['data-dir'], logLevel: parseLogLevel(values['log-level']) });
    const { notifier, notes } = await runNotifier(config, rt, file).catch(async (err: unknown) => {
      await rt.close();
      throw err;
    });
    const engine = createEngine({ db: rt.db, secrets: rt.secrets, logger: rt.log.logger, notifier, dataDir: rt.dataDir });
    let runId: string | null = null;
    const printer = new RunProgressPrinter(() => runId, { write: out, tty: process.stdout.isTTY === true, clock: systemClock });
    engine.onEvent((e) => printer.handle(e));
    try {
      for (const note of notes) out(`${note}\n`);
      for (const run of engine.interruptedRuns().filter((r) => r.strategy === STRATEGY)) {
        const choice = onRestart === 'ask' ? await ask(run) : onRestart;
        if (choice === 'abort') throw new UsageError(`run ${run.id} left as it is; nothing started`);
        if (choice === 'resume') {
          out(`resuming run ${run.id} with its stored configuration and accounts\n`);
          runId = run.id;
          await engine.resumeRun(run.id);
          const view = await follow(engine, run.id, printer, out);
          if (view.status === 'failed') process.exitCode = 1;
          return;
        }
        out(`flattening interrupted run ${run.id}…\n`);
        const flattened = await engine.flattenInterruptedRun(run.id);
        out(`run ${run.id} ${flattened.status}: ${flattened.stopReason ?? flattened.error ?? ''}\n`);
      }
      let imported;
      try {
        imported = await importConfigAccounts(config.accounts, { accounts: rt.accounts, secrets: rt.secrets, paper: values.paper, globalBaseUrl: config.baseUrl, configFile: file });
      } catch (err) {
        if (err instanceof ConfigError) throw new Error(formatConfigError(err, file));
        throw err;
      }
      for (const note of imported.notes) out(`${note}\n`);
      try {
        runId = await engine.startRun({ strategy: STRATEGY, config: raw, accountIds: imported.accountIds, overrides: imported.overrides });
      } catch (err) {
        if (err instanceof ConfigError) throw new Error(formatConfigError(err, file));
        throw err;
      }
      out(`run ${runId} started (data: ${rt.dataDir})\n`);
      const view = await follow(engine, runId, printer, out);
      if (view.status === 'failed') process.exitCode = 1;
    } finally {
      await notifier.flush(10_000);
      await engine.close();
      await closePaperVenues();
      await rt.close();
    }
  },
};
