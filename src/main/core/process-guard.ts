import type { Logger } from './log/logger';

/** Errors a write to a gone terminal or pipe raises: the reader closed it (`| tee` killed by Ctrl+C, a closed SSH session). */
const GONE_STREAM_CODES = new Set(['EPIPE', 'EIO', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);

/** What {@link installProcessGuard} returns. */
export interface ProcessGuard {
  /** True once stdout could not be written (EPIPE & co.): callers stop printing there. */
  stdoutGone(): boolean;
  /** Removes the handlers. */
  uninstall(): void;
}

/**
 * Keeps a long-lived process (`hedgedesk serve`, `hedgedesk run`, the
 * desktop app's main process) alive against errors nobody handled, so one bad
 * client or one bug in a callback does not take the runs down with it:
 * - `uncaughtException` and `unhandledRejection` are logged at error level
 *   (component `process`) and the process keeps running;
 * - an `error` on stdout or stderr (EPIPE when the pipe's reader is gone, EIO
 *   on a closed terminal) is swallowed; after one, stdout is reported gone
 *   and nothing more is written to that stream by the logger's console sink.
 * The log file still gets every line.
 */
export function installProcessGuard(logger: Logger): ProcessGuard {
  let stdoutGone = false;
  const onException = (err: Error, origin: string) => {
    logger.error({ component: 'process', err, origin }, `${origin === 'unhandledRejection' ? 'unhandled rejection' : 'uncaught exception'} (kept running): ${err?.message ?? String(err)}`);
  };
  const onRejection = (reason: unknown) => {
    const err = reason instanceof Error ? reason : new Error(String(reason));
    logger.error({ component: 'process', err }, `unhandled rejection (kept running): ${err.message}`);
  };
  const onStdoutError = (err: NodeJS.ErrnoException) => {
    stdoutGone = true;
    if (!GONE_STREAM_CODES.has(err.code ?? '')) logger.warn({ component: 'process', code: err.code }, `stdout failed: ${err.message}`);
  };
  const onStderrError = () => {
    /* stderr is gone too: the log file keeps the lines */
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  process.stdout.on('error', onStdoutError);
  process.stderr.on('error', onStderrError);
  return {
    stdoutGone: () => stdoutGone || process.stdout.destroyed,
    uninstall: () => {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
      process.stdout.off('error', onStdoutError);
      process.stderr.off('error', onStderrError);
    },
  };
}
