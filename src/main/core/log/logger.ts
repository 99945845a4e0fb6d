import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../../../shared/schemas/log';
import type { LogHub } from './log-hub';
import { REDACTED, type Redactor } from './redactor';

export type { Logger };

/** Object keys whose values pino replaces before serializing (belt and braces to {@link Redactor}). */
const REDACT_PATHS = [
  'value',
  'secret',
  'privateKey',
  'apiSecret',
  'apiPrivateKey',
  'token',
  'password',
  '*.value',
  '*.secret',
  '*.privateKey',
  '*.apiSecret',
  '*.apiPrivateKey',
  '*.token',
  '*.password',
];

export interface LoggerOptions {
  level: LogLevel;
  redactor: Redactor;
  hub: LogHub;
  /** Directory for `hedgedesk.log` (JSON lines); none to skip the file. */
  logDir?: string;
  /** Also print human-readable lines at or above this level to stderr (CLI). */
  consoleLevel?: LogLevel;
}

const LEVEL_NUM: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** A pino logger plus the file it appends to. `close()` flushes and closes the file. */
export interface AppLogger {
  logger: Logger;
  logFile: string | null;
  close(): Promise<void>;
}

/**
 * Builds the app logger. Every serialized line goes through the redactor
 * before it reaches the log file, stderr or the {@link LogHub} (and thus the
 * renderer), so no sink sees a secret.
 */
export function createLogger(opts: LoggerOptions): AppLogger {
  let file: WriteStream | null = null;
  let logFile: string | null = null;
  if (opts.logDir) {
    mkdirSync(opts.logDir, { recursive: true });
    logFile = join(opts.logDir, 'hedgedesk.log');
    file = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  }
  const consoleMin = opts.consoleLevel ? LEVEL_NUM[opts.consoleLevel] : Infinity;
  const sink = {
    write(raw: string): void {
      const line = opts.redactor.scrub(raw);
      file?.write(line);
      const json = line.trimEnd();
      opts.hub.ingest(json);
      if (consoleMin !== Infinity) {
        const rec = JSON.parse(json) as { level: number; time: number; msg?: string; component?: string };
        if (rec.level >= consoleMin) {
          const lvl = Object.entries(LEVEL_NUM).find(([, n]) => n === rec.level)?.[0] ?? 'info';
          const where = rec.component ? ` [${rec.component}]` : '';
          process.stderr.write(`${new Date(rec.time).toISOString()} ${lvl.toUpperCase()}${where} ${rec.msg ?? ''}\n`);
        }
      }
    },
  };
  const logger = pino({ level: opts.level, redact: { paths: REDACT_PATHS, censor: REDACTED }, base: undefined }, sink);
  return {
    logger,
    logFile,
    close: () =>
      new Promise<void>((resolve) => {
        if (!file) return resolve();
        file.end(() => resolve());
      }),
  };
}
