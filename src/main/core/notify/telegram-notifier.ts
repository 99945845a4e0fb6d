import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { REDACTED, type Redactor } from '../log/redactor';
import type { SecretRef, SecretStore } from '../secrets/secret-store';
import type { BackoffOptions } from '../venues/backoff';
import { ChatNotifier, type ChatAttemptOutcome } from './chat-notifier';
import type { Notification } from './notifier';
import { sendTelegramMessage, TELEGRAM_API_BASE_URL, telegramMethodUrl } from './telegram-api';
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

const DEFAULT_TEST_MESSAGE: Notification = {
  kind: 'test',
  title: 'HedgeDesk',
  body: 'Test message: Telegram notifications work.',
};

/**
 * Notifications through a Telegram bot (Bot API `sendMessage`). Queueing and
 * retries are {@link ChatNotifier}'s: network errors, HTTP 5xx and 429 are
 * retried with exponential backoff and jitter (honouring Telegram's
 * `parameters.retry_after`); a message is dropped with a warning after
 * `maxAttempts` or at once on any other error (wrong token, unknown chat,
 * none stored). Logs show the URL as `/bot[REDACTED]/…`.
 */
export class TelegramNotifier extends ChatNotifier {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly opts: TelegramNotifierOptions) {
    super({
      id: 'telegram',
      label: 'Telegram',
      logger: opts.logger,
      redactor: opts.redactor,
      clock: opts.clock,
      maxAttempts: Math.max(1, opts.maxAttempts ?? 5),
      backoff: opts.backoff,
      maxQueued: opts.maxQueued,
      rateLimitedCode: 429,
      whenUnconfigured: 'drop',
    });
    this.baseUrl = opts.baseUrl ?? TELEGRAM_API_BASE_URL;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
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
        this.opts.logger.warn({ ...log, errorCode: outcome.code }, `Telegram test message failed: ${outcome.description}`);
        return { ok: false, description: this.opts.redactor.scrub(outcome.description), errorCode: outcome.code };
      default: {
        const description = this.describe(outcome);
        this.opts.logger.warn(log, `Telegram test message failed: ${description}`);
        return { ok: false, description };
      }
    }
  }

  protected async attempt(text: string): Promise<ChatAttemptOutcome> {
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

  protected override logContext(): Record<string, unknown> {
    return { url: this.loggableUrl() };
  }

  private loggableUrl(): string {
    return telegramMethodUrl(this.baseUrl, REDACTED, 'sendMessage');
  }
}
