import type { Notification, Notifier } from './notifier';

/** A {@link Notifier} that drops every message: no channel configured, or tests that do not care. */
export class NullNotifier implements Notifier {
  /** Does nothing. */
  notify(_message: Notification): void {}

  /** Resolves at once: nothing is ever queued. */
  flush(_timeoutMs: number): Promise<void> {
    return Promise.resolve();
  }
}
