/**
 * What a notification is about. The engine raises `run-*`, `failsafe` and
 * `hedge-failed`; the app's notification rules (notify/rules) also raise
 * `exposure` and `venue-disconnected`; `test` is the Settings "send test
 * message" button. New kinds are added here; channels treat every kind alike.
 */
export type NotificationKind = 'run-started' | 'run-stopped' | 'run-failed' | 'failsafe' | 'hedge-failed' | 'exposure' | 'venue-disconnected' | 'test';

/** One message for the user, rendered by each channel in its own format (plain text for Telegram). */
export interface Notification {
  kind: NotificationKind;
  /** One line, e.g. `Run stopped: tri-hedge-hold`. */
  title: string;
  /** Free text, may span several lines. */
  body: string;
  /** The strategy run it concerns, if any. */
  runId?: string;
}

/**
 * A notification channel (Telegram, Lark, the desktop) or a fan-out of
 * several. The strategy engine calls `notify` on its hot path, so it must
 * never block and never throw: delivery happens later, from an internal
 * queue, and failures are logged by the channel.
 */
export interface Notifier {
  /** Queues `message` for delivery and returns at once. Never throws. */
  notify(message: Notification): void;
  /**
   * Resolves once every message queued so far is delivered or given up, or
   * after `timeoutMs` of wall-clock time, whichever comes first (shutdown,
   * tests). Never rejects.
   */
  flush(timeoutMs: number): Promise<void>;
}
