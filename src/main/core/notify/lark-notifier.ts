import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { SecretRef, SecretStore } from '../secrets/secret-store';
import type { BackoffOptions } from '../venues/backoff';
import { ChatNotifier, type ChatAttemptOutcome } from './chat-notifier';
import { LARK_RATE_LIMITED_CODE, sendLarkText } from './lark-api';
import type { Notification } from './notifier';
import { formatTelegramText } from './telegram-text';

/** Where the custom bot's webhook URL is kept: keychain account `app:larkWebhookUrl` (env: `HEDGEDESK_SECRET_APP_LARKWEBHOOKURL`). */
export const LARK_WEBHOOK_URL_REF: SecretRef = { accountId: 'app', field: 'larkWebhookUrl' };

/** Construction of a {@link LarkNotifier}. */
export interface LarkNotifierOptions {
  /** Read at every send for {@link LARK_WEBHOOK_URL_REF}, so a replaced webhook takes effect at once. */
  secrets: SecretStore;
  /** Told the webhook URL (it holds the bot's token) before any request, so no log line or result can show it. */
  redactor: Redactor;
  logger: Logger;
  /** Backoff sleeps between attempts run on this clock. */
  clock: Clock;
  /** undici dispatcher (proxy); the global one when absent. */
  dispatcher?: Dispatcher;
  /** Attempts per message, the first included. Default 4. */
  maxAttempts?: number;
  /** Backoff between attempts. Default 1 s doubling to 30 s, with jitter. */
  backoff?: BackoffOptions;
  /** Per-request deadline for headers and body, ms of wall-clock time. Default 10 s. */
  timeoutMs?: number;
  /** Messages waiting beyond this many drop the oldest, with a warning. Default 100. */
  maxQueued?: number;
}

/** What the Settings "send test message" button shows; `description` is Lark's `msg` or ours, never the webhook URL. */
export type LarkTestResult = { ok: true } | { ok: false; description: string };

const TEST_MESSAGE: Notification = { kind: 'test', title: 'HedgeDesk', body: 'Test message: Lark notifications work.' };

/**
 * Notifications through a Lark (Feishu) custom bot webhook, as plain text
 * messages (same text as Telegram's: title, body, run id; at most 4096
 * UTF-16 units, well under Lark's 20 KB request limit). Queueing and retries
 * are {@link ChatNotifier}'s: network errors, HTTP 5xx/429 and Lark's
 * "frequency limited" (code 11232) are retried with exponential backoff; a
 * message is dropped with a warning after `maxAttempts` or at once on any
 * other rejection. Without a stored webhook nothing is sent (debug log).
 */
export class LarkNotifier extends ChatNotifier {
  private readonly timeoutMs: number;

  constructor(private readonly opts: LarkNotifierOptions) {
    super({
      id: 'lark',
      label: 'Lark',
      logger: opts.logger,
      redactor: opts.redactor,
      clock: opts.clock,
      maxAttempts: Math.max(1, opts.maxAttempts ?? 4),
      backoff: opts.backoff,
      maxQueued: opts.maxQueued,
      rateLimitedCode: LARK_RATE_LIMITED_CODE,
      whenUnconfigured: 'skip',
    });
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** Sends a short test text now, past the queue, in one attempt; never throws. */
  async sendTest(): Promise<LarkTestResult> {
    const outcome = await this.attempt(formatTelegramText(TEST_MESSAGE));
    if (outcome.kind === 'sent') {
      this.opts.logger.info({ component: 'notify', channel: 'lark' }, 'Lark test message sent');
      return { ok: true };
    }
    const description = this.describe(outcome);
    this.opts.logger.warn({ component: 'notify', channel: 'lark' }, `Lark test message failed: ${description}`);
    return { ok: false, description };
  }

  protected async attempt(text: string): Promise<ChatAttemptOutcome> {
    let url: string | null;
    try {
      url = await this.opts.secrets.get(LARK_WEBHOOK_URL_REF);
    } catch (err) {
      return { kind: 'unconfigured', description: `the Lark webhook URL cannot be read: ${err instanceof Error ? err.message : String(err)}` };
    }
    url = url?.trim() ?? '';
    if (!url) return { kind: 'unconfigured', description: 'no Lark webhook URL is stored' };
    this.opts.redactor.remember(url);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { kind: 'unconfigured', description: 'the stored Lark webhook is not a URL (expected https://open.larksuite.com/open-apis/bot/v2/hook/…)' };
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      return { kind: 'unconfigured', description: 'the stored Lark webhook must be an https:// URL' };
    }
    const hookToken = parsed.pathname.split('/').filter(Boolean).pop();
    if (hookToken && hookToken.length >= 8) this.opts.redactor.remember(hookToken);
    return sendLarkText({ webhookUrl: url, text, dispatcher: this.opts.dispatcher, timeoutMs: this.timeoutMs });
  }
}
