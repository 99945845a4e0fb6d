import type { FieldIssue } from '../../../shared/errors';
import { accountLabelSchema } from '../../../shared/schemas/account';
import { logLevelSchema, type LogLevel } from '../../../shared/schemas/log';
import { UsageError } from './usage-error';

/** Parses `--port`: an integer 0–65535 (0 = any free port). */
export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port: "${value}" is not a port number (0–65535)`);
  return n;
}

/** Parses `--log-level`. */
export function parseLogLevel(value: string | undefined): LogLevel {
  const r = logLevelSchema.safeParse(value ?? 'info');
  if (!r.success) throw new UsageError(`--log-level: "${value}" is not one of trace, debug, info, warn, error`);
  return r.data;
}

/** The signals that end a foreground command: Ctrl+C, a service manager's stop, the terminal closing. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs `stop` once on the first of SIGINT, SIGTERM or SIGHUP (later ones are ignored while it runs), then exits 0. */
export function stopOnSignals(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void stop(signal).then(() => process.exit(0));
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
}

/** A decimal number as people type it: `100`, `-0.5`, `.5`, `1e3`, `2.5E-2`. */
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * Parses the value of a numeric flag (`--margin 1e3` is 1000); range checks
 * are the config schema's.
 * @returns the number, or null when the text is not a finite decimal number.
 */
export function parseNumberFlag(value: string): number | null {
  const text = value.trim();
  if (!NUMBER_TEXT.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** One issue per given flag whose value is not a valid account label (empty, too long, control characters, invalid UTF-8), path `--flag`. */
export function labelFlagIssues(values: Record<string, unknown>, flags: readonly string[]): FieldIssue[] {
  return flags.flatMap((flag) => {
    const v = values[flag];
    if (typeof v !== 'string') return [];
    const r = accountLabelSchema.safeParse(v);
    return r.success ? [] : [{ path: `--${flag}`, message: r.error.issues[0]?.message ?? 'not a valid label' }];
  });
}

/**
 * A whole-number flag 0–`max`, `fallback` when absent.
 * @throws UsageError naming the flag for anything else.
 */
export function parseCount(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max) throw new UsageError(`${flag}: "${value}" is not a whole number 0–${max}`);
  return n;
}
