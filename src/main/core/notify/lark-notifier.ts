import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { SecretRef, SecretStore } from '../secrets/secret-store';
import { backoffDelay, type BackoffOptions } from '../venues/backoff';
import { LARK_RATE_LIMITED_CODE, sendLarkText, type LarkSendOutcome } from './lark-api';
import type { Notification, NotificationKind, Notifier } from './notifier';
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

type AttemptOutcome = LarkSendOutcome | { kind: 'unconfigured'; description: string };

interface Queued {
  kind: NotificationKind;
  text: string;
}

const TEST_MESSAGE: Notification = { kind: 'test', title: 'HedgeDesk', body: 'Test message: Lark notifications work.' };

/**
 * Notifications through a Lark (Feishu) custom bot webhook, as plain text
 * messages (same text as Telegram's: title, body, run id; at most 4096
 * UTF-16 units, well under Lark's 20 KB request limit). `notify` only queues;
 * one worker sends in order, retrying network errors, HTTP 5xx/429 and
 * Lark's "frequency limited" (code 11232) with exponential backoff, and
 * dropping a message with a warning after `maxAttempts` or at once on any
 * other rejection. Without a stored webhook nothing is sent (debug log).
 */
export class LarkNotifier implements Notifier {
  private readonly queue: Queued[] = [];
  private draining: Promise<void> | null = null;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly timeoutMs: number;
  private readonly maxQueued: number;

  constructor(private readonly opts: LarkNotifierOptions) {
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
    this.backoff = opts.backoff ?? { baseMs: 1_000, maxMs: 30_000 };
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.maxQueued = Math.max(1, opts.maxQueued ?? 100);
  }

  /** Queues `message` and returns at once; never throws. */
  notify(message: Notification): void {
    if (this.queue.length >= this.maxQueued) {
      const dropped = this.queue.shift();
      this.opts.logger.warn({ component: 'notify', channel: 'lark', notification: dropped?.kind }, 'Lark notification queue full; oldest message dropped');
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

  private async drain(): Promise<void> {
    try {
      // Ends when the queue is empty; each delivery is bounded by maxAttempts.
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.deliver(next);
    } finally {
      this.draining = null;
    }
  }

  private async deliver(item: Queued): Promise<void> {
    const log = { component: 'notify', channel: 'lark', notification: item.kind };
    try {
      for (let attempt = 1; ; attempt++) {
        const outcome = await this.attempt(item.text);
        if (outcome.kind === 'sent') return;
        const description = this.describe(outcome);
        if (outcome.kind === 'unconfigured') {
          this.opts.logger.debug(log, `Lark notification not sent: ${description}`);
          return;
        }
        if (!isRetryable(outcome) || attempt >= this.maxAttempts) {
          this.opts.logger.warn({ ...log, attempts: attempt }, `Lark notification dropped after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${description}`);
          return;
        }
        const delayMs = backoffDelay(attempt - 1, this.backoff);
        this.opts.logger.debug({ ...log, attempt, delayMs }, `Lark send failed (${description}); retrying`);
        await this.opts.clock.sleep(delayMs);
      }
    } catch (err) {
      this.opts.logger.error({ ...log, err }, 'Lark notification failed unexpectedly; dropped');
    }
  }

  private async attempt(text: string): Promise<AttemptOutcome> {
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

  private describe(outcome: Exclude<AttemptOutcome, { kind: 'sent' }>): string {
    switch (outcome.kind) {
      case 'rejected':
        return this.opts.redactor.scrub(`${outcome.description} (${outcome.code})`);
      case 'unreachable':
        return this.opts.redactor.scrub(`Lark not reachable: ${outcome.error}`);
      case 'unconfigured':
        return this.opts.redactor.scrub(outcome.description);
    }
  }
}

/** Worth another attempt: the network, Lark's servers (5xx, 429) or its frequency limit. */
function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'unreachable') return true;
  if (outcome.kind !== 'rejected') return false;
  return outcome.status >= 500 || outcome.status === 429 || outcome.code === LARK_RATE_LIMITED_CODE;
}
