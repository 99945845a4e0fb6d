import type { Logger } from '../log/logger';
import type { Notification, Notifier } from './notifier';

/**
 * Fans every notification out to several channels. A channel that breaks
 * its contract and throws is logged and skipped, so the others still get the
 * message and the caller never sees the error.
 */
export class CompositeNotifier implements Notifier {
  constructor(
    private readonly channels: readonly Notifier[],
    private readonly logger: Logger,
  ) {}

  /** Hands `message` to every channel; never throws. */
  notify(message: Notification): void {
    for (const channel of this.channels) {
      try {
        channel.notify(message);
      } catch (err) {
        this.logger.error({ component: 'notify', notification: message.kind, err }, 'a notification channel threw; message skipped for it');
      }
    }
  }

  /** Flushes every channel in parallel, each with the same `timeoutMs` deadline; never rejects. */
  async flush(timeoutMs: number): Promise<void> {
    await Promise.allSettled(this.channels.map(async (channel) => channel.flush(timeoutMs)));
  }
}
