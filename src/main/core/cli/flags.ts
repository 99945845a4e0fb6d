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

/** Stops `stop` once on SIGINT or SIGTERM, then exits 0. */
export function stopOnSignals(stop: (signal: string) => Promise<void>): void {
  const handler = (signal: string) => void stop(signal).then(() => process.exit(0));
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}
