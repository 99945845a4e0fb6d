import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import { backoffDelay, type BackoffOptions } from '../venues/backoff';
import type { ChatSendOutcome } from './chat-send';
import type { Notification, NotificationKind, Notifier } from './notifier';
import { formatTelegramText } from './telegram-text';

/** One attempt's outcome: the service's, or `unconfigured` when no request could be made (no token, no chat, keychain unusable). */
export type ChatAttemptOutcome = ChatSendOutcome | { kind: 'unconfigured'; description: string };

/** What a concrete chat notifier tells {@link ChatNotifier}. */
export interface ChatChannel {
  /** The `channel` log field, e.g. `telegram`. */
  id: string;
  /** The service's name in log messages, e.g. `Telegram`. */
  label: string;
  logger: Logger;
  /** Scrubs every description before it is logged or returned. */
  redactor: Redactor;
  /** Backoff sleeps between attempts run on this clock. */
  clock: Clock;
  /** Attempts per message, the first included (at least 1). */
  maxAttempts: number;
  /** Backoff between attempts. Default 1 s doubling to 30 s, with jitter. */
  backoff?: BackoffOptions;
  /** Messages waiting beyond this many drop the oldest, with a warning. Default 100. */
  maxQueued?: number;
  /** The service's own rejection code that means "too many messages, retry later" (retried like HTTP 429). */
  rateLimitedCode: number;
  /**
   * A message that cannot be sent for want of configuration: `skip` logs it
   * at debug level, `drop` warns as for any other rejection that a retry
   * cannot fix.
   */
  whenUnconfigured: 'skip' | 'drop';
}

interface Queued {
  kind: NotificationKind;
  text: string;
}

/**
 * The queue shared by the chat notifiers (Telegram, Lark). `notify` only
 * queues (formatted by `formatTelegramText`); one worker sends the queue in
 * order, one message at a time, retrying network errors, HTTP 5xx and 429
 * and the service's rate-limit code with exponential backoff and jitter
 * (waiting at least a rejection's `retryAfterMs`), and drops a message with
 * a warning after `maxAttempts` or at once on any other rejection.
 * Subclasses make one {@link attempt}; logs never show what the redactor
 * was told.
 */
export abstract class ChatNotifier implements Notifier {
  private readonly queue: Queued[] = [];
  private draining: Promise<void> | null = null;
  private readonly backoff: BackoffOptions;
  private readonly maxQueued: number;

  protected constructor(private readonly channel: ChatChannel) {
    this.backoff = channel.backoff ?? { baseMs: 1_000, maxMs: 30_000 };
    this.maxQueued = Math.max(1, channel.maxQueued ?? 100);
  }

  /** Queues `message` and returns at once; never throws. */
  notify(message: Notification): void {
    if (this.queue.length >= this.maxQueued) {
      const dropped = this.queue.shift();
      this.channel.logger.warn(
        { component: 'notify', channel: this.channel.id, notification: dropped?.kind, queued: this.maxQueued },
        `${this.channel.label} notification queue full; oldest message dropped`,
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

  /** One send of `text` (already formatted and capped); never throws. */
  protected abstract attempt(text: string): Promise<ChatAttemptOutcome>;

  /** Extra fields for every delivery log line (e.g. a redacted URL). */
  protected logContext(): Record<string, unknown> {
    return {};
  }

  /** A failed outcome as one line for logs and test results, scrubbed by the redactor. */
  protected describe(outcome: Exclude<ChatAttemptOutcome, { kind: 'sent' }>): string {
    switch (outcome.kind) {
      case 'rejected':
        return this.channel.redactor.scrub(`${outcome.description} (${outcome.code})`);
      case 'unreachable':
        return this.channel.redactor.scrub(`${this.channel.label} not reachable: ${outcome.error}`);
      case 'unconfigured':
        return this.channel.redactor.scrub(outcome.description);
    }
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
    const { logger, label } = this.channel;
    const log = { component: 'notify', channel: this.channel.id, notification: item.kind, ...this.logContext() };
    try {
      for (let attempt = 1; ; attempt++) {
        const outcome = await this.attempt(item.text);
        if (outcome.kind === 'sent') return;
        const description = this.describe(outcome);
        if (outcome.kind === 'unconfigured' && this.channel.whenUnconfigured === 'skip') {
          logger.debug(log, `${label} notification not sent: ${description}`);
          return;
        }
        if (!this.isRetryable(outcome) || attempt >= this.channel.maxAttempts) {
          logger.warn(
            { ...log, attempts: attempt, errorCode: outcome.kind === 'rejected' ? outcome.code : undefined },
            `${label} notification dropped after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${description}`,
          );
          return;
        }
        const retryAfterMs = outcome.kind === 'rejected' ? (outcome.retryAfterMs ?? 0) : 0;
        const delayMs = Math.max(backoffDelay(attempt - 1, this.backoff), retryAfterMs);
        logger.debug({ ...log, attempt, delayMs }, `${label} send failed (${description}); retrying`);
        await this.channel.clock.sleep(delayMs);
      }
    } catch (err) {
      logger.error({ ...log, err }, `${label} notification failed unexpectedly; dropped`);
    }
  }

  /** Worth another attempt: the network, the service's servers (5xx, 429) or its rate limit. */
  private isRetryable(outcome: ChatAttemptOutcome): boolean {
    if (outcome.kind === 'unreachable') return true;
    if (outcome.kind !== 'rejected') return false;
    return outcome.status >= 500 || outcome.status === 429 || outcome.code === this.channel.rateLimitedCode;
  }
}
