/** The lifecycle every `hedgedesk run <strategy>` command shares: runtime, notifier, engine, interrupted runs, start, follow, close. */
import { createHttpDispatcher } from '../notify/http-dispatcher';
import { createWsAgentFor } from '../notify/ws-proxy-agent';
import { SettingsRepository } from '../store/settings-repository';
import { keychainProxyCredentials, moveProxyCredentialsToKeychain } from '../secrets/proxy-credentials';
import type { LogLevel } from '../../../shared/schemas/log';
import type { RunEvent } from '../../../shared/schemas/runs';
import { systemClock } from '../clock';
import { ConfigError } from '../engine/config-error';
import { createEngine } from '../engine/create-engine';
import type { StartRunRequest } from '../engine/engine';
import { closePaperVenues } from '../engine/paper-venues';
import type { TriHedgeConfig } from '../strategies/tri-hedge-hold/config-schema';
import { installProcessGuard } from '../process-guard';
import { openCliRuntime, type CliRuntime } from './cli-runtime';
import { terminalText } from './terminal-text';
import { ask, follow, formatConfigError, type OnRestart } from './run-foreground';
import { RunProgressPrinter } from './run-progress-printer';
import { runNotifier } from './run-notifier';
import { UsageError } from './usage-error';
import type { FieldIssue } from '../../../shared/errors';
import { secretFieldsOf, type Venue } from '../../../shared/schemas/venues';
import { builtInMarketCatalog } from '../markets/built-in-market-catalog';
import { BUILT_IN_STRATEGIES } from '../strategies';

/** The new run a command starts once interrupted runs are dealt with. */
export interface PreparedRun {
  /** What `engine.startRun` gets. */
  request: StartRunRequest;
  /** Lines to print before starting (e.g. paper accounts created). */
  notes: string[];
  /** Said after "run <id> started: " (e.g. which account goes long); none for a plain "run <id> started". */
  detail?: string;
}

/** What {@link runInForeground} needs from a command. */
export interface ForegroundRunOptions {
  /** The strategy id; only interrupted runs of this strategy are resumed or flattened. */
  strategy: string;
  /** What to do with an interrupted run of the strategy (`ask` needs a terminal). */
  onRestart: OnRestart;
  /** `--reconcile-every`, parsed to ms (default: the engine's 60 s). */
  reconcileIntervalMs?: number;
  /** `--data-dir` (default: the CLI data directory). */
  dataDir: string | undefined;
  /** `--log-level`, parsed. */
  logLevel: LogLevel;
  /** Where the settings came from (a file name, "the flags"): named in config errors and notifier notes. */
  source: string;
  /** The Telegram settings of the config (chat id, a bot token to move into the keychain). */
  notifierConfig: Pick<TriHedgeConfig, 'telegram'>;
  /** Writes to the terminal. */
  out: (s: string) => void;
  /** Called for every engine event after the progress printer, with the id of the run being followed (null before it starts). */
  onEvent?: (e: RunEvent, runId: string | null) => void;
  /**
   * Resolves the accounts and builds the run request, after interrupted runs
   * are handled. A ConfigError it (or `startRun`) throws is turned into an
   * Error listing each field, for the terminal.
   */
  prepare: (rt: CliRuntime) => Promise<PreparedRun> | PreparedRun;
  /**
   * Checks the config against the markets of these venues (the simulators'
   * real specs) before anything is written — no account created, no key moved
   * — for runs whose venues are known to be those (paper runs). The engine
   * checks again against the connected venue at start.
   */
  marketCheck?: { config: unknown; venues: readonly Venue[] };
}

/**
 * The config's problems against the built-in market specs of each venue
 * (unknown symbol, a target below the minimum order…), by field path; none
 * when the strategy's own parse fails (reported later with every field).
 */
async function catalogIssues(strategy: string, check: NonNullable<ForegroundRunOptions['marketCheck']>): Promise<FieldIssue[]> {
  const def = BUILT_IN_STRATEGIES.find((s) => s.id === strategy);
  if (!def) return [];
  let prepared;
  try {
    prepared = def.prepare(check.config);
  } catch {
    return [];
  }
  const catalog = builtInMarketCatalog();
  const issues: FieldIssue[] = [];
  for (const venue of new Set(check.venues)) {
    const { markets, source } = await catalog.markets(venue);
    if (source === 'unavailable') continue;
    for (const issue of prepared.checkMarkets(markets)) if (!issues.some((i) => i.path === issue.path && i.message === issue.message)) issues.push(issue);
  }
  return issues;
}

/**
 * Deletes the accounts (and their keychain entries) created since `before`:
 * a run that was refused leaves nothing behind. An account the database will
 * not let go (a run row already refers to it) is kept; never throws.
 */
async function removeAccountsCreatedSince(rt: CliRuntime, before: ReadonlySet<string>): Promise<void> {
  for (const account of rt.accounts.list().filter((a) => !before.has(a.id))) {
    try {
      rt.accounts.delete(account.id);
    } catch (err) {
      rt.log.logger.warn({ component: 'cli', account: account.id }, `account "${account.label}" kept: ${(err as Error).message}`);
      continue;
    }
    if (rt.secrets.backend === 'keychain') for (const field of secretFieldsOf(account.venue)) await rt.secrets.delete({ accountId: account.id, field }).catch(() => false);
    rt.log.logger.info({ component: 'cli', account: account.id }, `account "${account.label}" removed: the run it was created for was refused`);
  }
}

/** Runs `fn`; a ConfigError becomes an Error with one line per field (see formatConfigError). */
async function withConfigErrorsFor<T>(source: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ConfigError) throw new Error(formatConfigError(err, source));
    throw err;
  }
}

/**
 * Opens the runtime, the notifier and an engine; resumes or flattens the
 * strategy's interrupted runs (a resumed run is followed and nothing new
 * starts); else starts the run `prepare` describes and follows it until it
 * ends, printing progress. Sets `process.exitCode = 1` when the followed run
 * failed. Always flushes the notifier (up to 10 s) and closes the engine, the
 * paper simulators and the runtime.
 * @throws UsageError when the user aborts at the interrupted-run prompt or
 *   there is no terminal to ask on; Error with the field list for a bad config.
 */
export async function runInForeground(opts: ForegroundRunOptions): Promise<void> {
  const { source } = opts;
  if (opts.marketCheck) {
    const issues = await catalogIssues(opts.strategy, opts.marketCheck);
    if (issues.length > 0) throw new Error(formatConfigError(new ConfigError('the config does not fit the markets', issues), source));
  }
  const rt = openCliRuntime({ dataDir: opts.dataDir, logLevel: opts.logLevel });
  // EPIPE on stdout (`| tee` gone after Ctrl+C) or a stray callback error must not kill the process in the middle of a stop.
  const guard = installProcessGuard(rt.log.logger);
  // Labels, reasons and notes are shown, never obeyed by the terminal; the progress printer escapes its own text and keeps its redraw codes.
  const out = (s: string) => {
    if (!guard.stdoutGone()) opts.out(terminalText(s));
  };
  const printerOut = (s: string) => {
    if (!guard.stdoutGone()) process.stdout.write(s);
  };
  const logSummary = (text: string) => rt.log.logger.info({ component: 'cli' }, text);
  const { notifier, notes } = await runNotifier(opts.notifierConfig, rt, source).catch(async (err: unknown) => {
    await rt.close();
    guard.uninstall();
    throw err;
  });
  // Live venues go through the proxy of the settings, else the environment's HTTPS_PROXY / HTTP_PROXY (REST and WebSocket).
  const proxy = await Promise.resolve()
    .then(async () => {
      const settings = new SettingsRepository(rt.db);
      await moveProxyCredentialsToKeychain({ db: rt.db, settings, secrets: rt.secrets, logger: rt.log.logger }).catch((err: unknown) =>
        rt.log.logger.warn({ component: 'secrets' }, `the proxy password stays in the settings: ${(err as Error).message}`),
      );
      const proxyUrl = settings.get().proxyUrl;
      const credentials = keychainProxyCredentials(rt.secrets, rt.log.logger);
      return { dispatcher: createHttpDispatcher({ proxyUrl, credentials }), wsAgentFor: createWsAgentFor({ proxyUrl, credentials }) };
    })
    .catch(async (err: unknown) => {
      await rt.close();
      guard.uninstall();
      throw err;
    });
  const engine = createEngine({ db: rt.db, secrets: rt.secrets, logger: rt.log.logger, notifier, dataDir: rt.dataDir, reconcileIntervalMs: opts.reconcileIntervalMs, ...proxy });
  let runId: string | null = null;
  const printer = new RunProgressPrinter(() => runId, { write: printerOut, tty: process.stdout.isTTY === true, clock: systemClock });
  engine.onEvent((e: RunEvent) => {
    printer.handle(e);
    opts.onEvent?.(e, runId);
  });
  try {
    for (const note of notes) out(`${note}\n`);
    for (const run of engine.interruptedRuns().filter((r) => r.strategy === opts.strategy)) {
      const choice = opts.onRestart === 'ask' ? await ask(run) : opts.onRestart;
      if (choice === 'abort') throw new UsageError(`run ${run.id} left as it is; nothing started`);
      if (choice === 'resume') {
        out(`resuming run ${run.id} with its stored configuration and accounts\n`);
        runId = run.id;
        await engine.resumeRun(run.id);
        const view = await follow(engine, run.id, printer, out, logSummary);
        if (view.status === 'failed') process.exitCode = 1;
        return;
      }
      out(`flattening interrupted run ${run.id}…\n`);
      const flattened = await engine.flattenInterruptedRun(run.id);
      out(`run ${run.id} ${flattened.status}: ${flattened.stopReason ?? flattened.error ?? ''}\n`);
    }
    const started = await withConfigErrorsFor(source, async () => {
      const before = new Set(rt.accounts.list().map((a) => a.id));
      let prepared: PreparedRun;
      try {
        prepared = await opts.prepare(rt);
        runId = await engine.startRun(prepared.request);
      } catch (err) {
        await removeAccountsCreatedSince(rt, before);
        throw err;
      }
      for (const note of prepared.notes) out(`${note}\n`);
      return { id: runId, detail: prepared.detail };
    });
    out(`run ${started.id} started${started.detail ? `: ${started.detail}` : ''} (data: ${rt.dataDir})\n`);
    const view = await follow(engine, started.id, printer, out, logSummary);
    if (view.status === 'failed') process.exitCode = 1;
  } finally {
    await notifier.flush(10_000);
    await engine.close();
    await closePaperVenues();
    await rt.close();
    guard.uninstall();
  }
}
