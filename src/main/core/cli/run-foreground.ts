/** Pieces every `hedgedesk run <strategy>` command shares: config file, interrupted-run prompt, following a run in the foreground. */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ConfigError } from '../engine/config-error';
import type { Engine, RunView } from '../engine/engine';
import { formatSummaryTable } from '../engine/summary-text';
import { formatExposureLine, type RunProgressPrinter } from './run-progress-printer';
import { UsageError } from './usage-error';

/** What `--on-restart` asks for a run a previous process left running. */
export type OnRestart = 'resume' | 'flatten' | 'ask';

/** The `parseArgs` options every `hedgedesk run <strategy>` takes besides its own: --paper, --on-restart, --reconcile-every, --data-dir, --log-level. */
export const FOREGROUND_RUN_OPTIONS = {
  paper: { type: 'boolean', default: false },
  'on-restart': { type: 'string', default: 'ask' },
  'reconcile-every': { type: 'string' },
  'data-dir': { type: 'string' },
  'log-level': { type: 'string' },
} as const;

/** Checks the `--on-restart` flag. @throws UsageError for anything but resume, flatten or ask. */
export function parseOnRestart(value: string): OnRestart {
  if (value !== 'resume' && value !== 'flatten' && value !== 'ask') throw new UsageError(`--on-restart: "${value}" is not resume, flatten or ask`);
  return value;
}

/** Help line of `--reconcile-every` (the same for every run command). */
export const RECONCILE_EVERY_HELP = '  --reconcile-every S  Reconcile the run with its venues every S seconds (default 60; 5–3600).';

/**
 * Checks `--reconcile-every` (seconds, 5–3600: at 5 s a Lighter standard-tier
 * account spends 36 of its 60 requests a minute on it) and returns ms, or
 * undefined when absent.
 * @throws UsageError naming the flag for anything else.
 */
export function parseReconcileEvery(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = value.trim() === '' ? NaN : Number(value);
  if (!(seconds >= 5 && seconds <= 3600)) throw new UsageError(`--reconcile-every: "${value}" is not a number of seconds between 5 and 3600`);
  return Math.round(seconds * 1000);
}

/** Reads and parses a JSON config file. @throws UsageError naming the file when it cannot be read or is not JSON. */
export function readConfig(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`the config ${file} is not JSON: ${(err as Error).message}`);
  }
}

/**
 * Reads a JSON config that must be an object (the flag-merging commands);
 * `{}` when no file is given.
 * @throws UsageError when it cannot be read or is not JSON; ConfigError (path `(config)`) when it is not an object.
 */
export function readConfigObject(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  const raw = readConfig(file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError('bad config', [{ path: '(config)', message: `${file} must hold a JSON object` }]);
  return raw as Record<string, unknown>;
}

/** A config error as one line per field, for the terminal. */
export function formatConfigError(err: ConfigError, file: string): string {
  return [`the config ${file} has problems:`, ...(err.issues ?? []).map((i) => `  ${i.path}: ${i.message}`)].join('\n');
}

/** Asks on the terminal what to do with an interrupted run. @throws UsageError without a terminal. */
export async function ask(run: RunView): Promise<OnRestart | 'abort'> {
  if (!process.stdin.isTTY) {
    throw new UsageError(`run ${run.id} was interrupted (status ${run.status}); pass --on-restart resume or --on-restart flatten`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const who = run.accounts.map((a) => `${a.role}=${a.label}`).join(', ');
    for (;;) {
      const answer = (await rl.question(`Run ${run.id} (${run.strategy}; ${who}) was interrupted while ${run.status}. [r]esume, [f]latten or [a]bort? `)).trim().toLowerCase();
      if (answer.startsWith('r')) return 'resume';
      if (answer.startsWith('f')) return 'flatten';
      if (answer.startsWith('a')) return 'abort';
    }
  } finally {
    rl.close();
  }
}

/** Waits for a run to end; Ctrl+C stops it (positions stay hedged), a second Ctrl+C quits at once. Prints the outcome. */
export async function follow(engine: Engine, runId: string, printer: RunProgressPrinter, out: (s: string) => void): Promise<RunView> {
  let stops = 0;
  const onSignal = () => {
    stops++;
    if (stops > 1) process.exit(130);
    out('\nstopping the run (Ctrl+C again quits at once; the run is then resumable)…\n');
    void engine.stopRun(runId, { reason: 'stopped from the terminal (Ctrl+C)' });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const view = await engine.waitForEnd(runId);
    printer.flush();
    out(`\nrun ${view.id} ${view.status}: ${view.stopReason ?? view.error ?? ''}\n`);
    if (view.exposure.length > 0) out(`${formatExposureLine(view.exposure)}\n`);
    if (view.summary) out(`\n${formatSummaryTable(view.summary)}\n`);
    return view;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
