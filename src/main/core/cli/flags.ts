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
