/** Pieces every `hedgedesk run <strategy>` command shares: config file, interrupted-run prompt, following a run in the foreground. */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ConfigError } from '../engine/config-error';
import type { Engine, RunView } from '../engine/engine';
import { formatSummaryTable } from '../engine/summary-text';
import { STOP_SIGNALS } from './flags';
import { terminalText } from './terminal-text';
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

/**
 * Reads a text file that must be UTF-8. Invalid bytes are refused, not turned
 * into U+FFFD replacement characters that would end up in labels and settings.
 * @param what names the file in errors, e.g. "the config".
 * @throws UsageError naming the file when it cannot be read, or the first line with invalid UTF-8.
 */
export function readUtf8File(file: string, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = bytes.toString('utf8');
    const line = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD'))).split('\n').length;
    throw new UsageError(`${what} ${file} is not valid UTF-8 (line ${line}); save it as UTF-8`);
  }
}

/** Reads and parses a JSON config file. @throws UsageError naming the file when it cannot be read, is not UTF-8 or is not JSON. */
export function readConfig(file: string): unknown {
  const text = readUtf8File(file, 'the config');
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
      const answer = (await rl.question(terminalText(`Run ${run.id} (${run.strategy}; ${who}) was interrupted while ${run.status}. [r]esume, [f]latten or [a]bort? `))).trim().toLowerCase();
      if (answer.startsWith('r')) return 'resume';
      if (answer.startsWith('f')) return 'flatten';
      if (answer.startsWith('a')) return 'abort';
    }
  } finally {
    rl.close();
  }
}

/** The stop reason recorded for each signal that stops a followed run. */
const STOP_REASONS: Record<(typeof STOP_SIGNALS)[number], string> = {
  SIGINT: 'stopped from the terminal (Ctrl+C)',
  SIGTERM: 'stopped by SIGTERM',
  SIGHUP: 'stopped from the terminal (SIGHUP: the terminal closed)',
};

/**
 * Waits for a run to end and prints the outcome; SIGINT, SIGTERM and SIGHUP
 * stop it (resting orders cancelled, positions stay hedged) and the stop is
 * finished whatever happened to the terminal: a second Ctrl+C quits at once
 * (the run is then resumable), a repeated SIGTERM or SIGHUP is ignored. The
 * outcome and summary go to `out` and, as one info line, to `log` — the log
 * file keeps them when stdout is a pipe whose reader is gone (`| tee` killed
 * by the same Ctrl+C).
 */
export async function follow(engine: Engine, runId: string, printer: RunProgressPrinter, out: (s: string) => void, log: (text: string) => void = () => {}): Promise<RunView> {
  let stopping = false;
  const onSignal = (signal: (typeof STOP_SIGNALS)[number]) => {
    if (stopping) {
      if (signal === 'SIGINT') process.exit(130);
      return;
    }
    stopping = true;
    out(`\nstopping the run on ${signal} (Ctrl+C again quits at once; the run is then resumable)…\n`);
    log(`stopping run ${runId} on ${signal}`);
    void engine.stopRun(runId, { reason: STOP_REASONS[signal] });
  };
  const handlers = STOP_SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, h] of handlers) process.on(signal, h);
  try {
    const view = await engine.waitForEnd(runId);
    printer.flush();
    const lines = [`run ${view.id} ${view.status}: ${view.stopReason ?? view.error ?? ''}`];
    if (view.exposure.length > 0) lines.push(formatExposureLine(view.exposure));
    if (view.summary) lines.push('', formatSummaryTable(view.summary));
    log(lines.join('\n'));
    out(`\n${lines.join('\n')}\n`);
    return view;
  } finally {
    for (const [signal, h] of handlers) process.off(signal, h);
  }
}
