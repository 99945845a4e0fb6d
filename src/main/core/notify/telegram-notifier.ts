import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { REDACTED, type Redactor } from '../log/redactor';
import type { SecretRef, SecretStore } from '../secrets/secret-store';
import { backoffDelay, type BackoffOptions } from '../venues/backoff';
import type { Notification, NotificationKind, Notifier } from './notifier';
import { sendTelegramMessage, TELEGRAM_API_BASE_URL, telegramMethodUrl, type TelegramSendOutcome } from './telegram-api';
import { formatTelegramText } from './telegram-text';

/** Where the bot token is kept: keychain account `app:telegramBotToken` (env: `HEDGEDESK_SECRET_APP_TELEGRAMBOTTOKEN`). */
export const TELEGRAM_BOT_TOKEN_REF: SecretRef = { accountId: 'app', field: 'telegramBotToken' };

/** Construction of a {@link TelegramNotifier}. */
export interface TelegramNotifierOptions {
  /** Target chat: numeric id (`-100…` for groups and channels) or `@channelusername`. */
  chatId: string;
  /** Read at every send for {@link TELEGRAM_BOT_TOKEN_REF}, so a replaced token takes effect at once. */
  secrets: SecretStore;
  /** Told the token before any request, so no log line, error or test result can show it. */
  redactor: Redactor;
  logger: Logger;
  /** Backoff sleeps between attempts run on this clock. */
  clock: Clock;
  /** undici dispatcher (see `createHttpDispatcher`: proxy); the global one when absent. */
  dispatcher?: Dispatcher;
  /** Bot API root. Default {@link TELEGRAM_API_BASE_URL}; tests point it at a loopback server. */
  baseUrl?: string;
  /** Attempts per message, the first included, before it is dropped with a warning. Default 5. */
  maxAttempts?: number;
  /** Backoff between attempts. Default 1 s doubling to 30 s, with jitter. A 429's `retry_after` is waited at least. */
  backoff?: BackoffOptions;
  /** Per-request deadline for headers and body, ms of wall-clock time. Default 10 s. */
  timeoutMs?: number;
  /** Messages waiting beyond this many drop the oldest, with a warning. Default 100. */
  maxQueued?: number;
}

/** What the Settings "send test message" button shows. `description` is Telegram's own (e.g. `Unauthorized`, `Bad Request: chat not found`) or ours when Telegram was not reached; never the token. */
export type TelegramTestResult = { ok: true } | { ok: false; description: string; errorCode?: number };

/** One attempt's outcome: Telegram's, or `unconfigured` when no request could be made (no token, no chat id, keychain unusable). */
type AttemptOutcome = TelegramSendOutcome | { kind: 'unconfigured'; description: string };

interface Queued {
  kind: NotificationKind;
  text: string;
}

const DEFAULT_TEST_MESSAGE: Notification = {
  kind: 'test',
  title: 'HedgeDesk',
  body: 'Test message: Telegram notifications work.',
};

/**
 * Notifications through a Telegram bot (Bot API `sendMessage`). `notify`
 * only queues; one worker sends the queue in order, one message at a time,
 * retrying network errors, HTTP 5xx and 429 with exponential backoff and
 * jitter (honouring Telegram's `parameters.retry_after`), and drops a
 * message with a warning after `maxAttempts` or at once on any other error
 * (wrong token, unknown chat). Logs show the URL as `/bot[REDACTED]/…`.
 */
export class TelegramNotifier implements Notifier {
  private readonly queue: Queued[] = [];
  private draining: Promise<void> | null = null;
  private readonly baseUrl: string;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly timeoutMs: number;
  private readonly maxQueued: number;

  constructor(private readonly opts: TelegramNotifierOptions) {
    this.baseUrl = opts.baseUrl ?? TELEGRAM_API_BASE_URL;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
    this.backoff = opts.backoff ?? { baseMs: 1_000, maxMs: 30_000 };
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.maxQueued = Math.max(1, opts.maxQueued ?? 100);
  }

  /** Queues `message` and returns at once; never throws. */
  notify(message: Notification): void {
    if (this.queue.length >= this.maxQueued) {
      const dropped = this.queue.shift();
      this.opts.logger.warn(
        { component: 'notify', channel: 'telegram', notification: dropped?.kind, queued: this.maxQueued },
        'Telegram notification queue full; oldest message dropped',
      );
    }
    this.queue.push({ kind: message.kind, text: formatTelegramText(message) });
    this.draining ??= this.drain();
  }

  /** Resolves when the queue is empty and nothing is in flight, or after `timeoutMs` (wall clock); never rejects. */
  async flush(timeoutMs: number): Promise<void> {
    const idle = this.draining;
    if (!idle) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([idle, deadline]);
    clearTimeout(timer);
  }

  /**
   * Sends `message` (default: a short test text) now, past the queue, in one
   * attempt, and reports how it went. Never throws.
   */
  async sendTest(message: Notification = DEFAULT_TEST_MESSAGE): Promise<TelegramTestResult> {
    const outcome = await this.attempt(formatTelegramText(message));
    const log = { component: 'notify', channel: 'telegram', url: this.loggableUrl() };
    switch (outcome.kind) {
      case 'sent':
        this.opts.logger.info(log, 'Telegram test message sent');
        return { ok: true };
      case 'rejected':
        this.opts.logger.warn({ ...log, errorCode: outcome.errorCode }, `Telegram test message failed: ${outcome.description}`);
        return { ok: false, description: this.opts.redactor.scrub(outcome.description), errorCode: outcome.errorCode };
      default: {
        const description = this.describe(outcome);
        this.opts.logger.warn(log, `Telegram test message failed: ${description}`);
        return { ok: false, description };
      }
    }
  }

  private async drain(): Promise<void> {
    try {
      // Ends when the queue is empty; each delivery is bounded by maxAttempts.
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        await this.deliver(next);
      }
    } finally {
      this.draining = null;
    }
  }

  private async deliver(item: Queued): Promise<void> {
    const log = { component: 'notify', channel: 'telegram', notification: item.kind, url: this.loggableUrl() };
    try {
      for (let attempt = 1; ; attempt++) {
        const outcome = await this.attempt(item.text);
        if (outcome.kind === 'sent') return;
        const description = this.describe(outcome);
        if (!isRetryable(outcome) || attempt >= this.maxAttempts) {
          this.opts.logger.warn(
            { ...log, attempts: attempt, errorCode: outcome.kind === 'rejected' ? outcome.errorCode : undefined },
            `Telegram notification dropped after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${description}`,
          );
          return;
        }
        const retryAfterMs = outcome.kind === 'rejected' ? (outcome.retryAfterMs ?? 0) : 0;
        const delayMs = Math.max(backoffDelay(attempt - 1, this.backoff), retryAfterMs);
        this.opts.logger.debug({ ...log, attempt, delayMs }, `Telegram send failed (${description}); retrying`);
        await this.opts.clock.sleep(delayMs);
      }
    } catch (err) {
      this.opts.logger.error({ ...log, err }, 'Telegram notification failed unexpectedly; dropped');
    }
  }

  private async attempt(text: string): Promise<AttemptOutcome> {
    const chatId = this.opts.chatId.trim();
    if (!chatId) return { kind: 'unconfigured', description: 'no Telegram chat id is set' };
    let token: string | null;
    try {
      token = await this.opts.secrets.get(TELEGRAM_BOT_TOKEN_REF);
    } catch (err) {
      return { kind: 'unconfigured', description: `the Telegram bot token cannot be read: ${err instanceof Error ? err.message : String(err)}` };
    }
    token = token?.trim() ?? '';
    if (!token) return { kind: 'unconfigured', description: 'no Telegram bot token is stored' };
    this.opts.redactor.remember(token);
    return sendTelegramMessage({ baseUrl: this.baseUrl, token, chatId, text, dispatcher: this.opts.dispatcher, timeoutMs: this.timeoutMs });
  }

  private describe(outcome: Exclude<AttemptOutcome, { kind: 'sent' }>): string {
    switch (outcome.kind) {
      case 'rejected':
        return this.opts.redactor.scrub(`${outcome.description} (${outcome.errorCode})`);
      case 'unreachable':
        return this.opts.redactor.scrub(`Telegram not reachable: ${outcome.error}`);
      case 'unconfigured':
        return this.opts.redactor.scrub(outcome.description);
    }
  }

  private loggableUrl(): string {
    return telegramMethodUrl(this.baseUrl, REDACTED, 'sendMessage');
  }
}

/** Worth another attempt: the network, Telegram's servers (5xx) or its flood control (429). */
function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'unreachable') return true;
  if (outcome.kind !== 'rejected') return false;
  return outcome.status >= 500 || outcome.status === 429 || outcome.errorCode === 429;
}
