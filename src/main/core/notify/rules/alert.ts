import type { NotificationLevel } from '../../../../shared/schemas/notify';
import type { NotificationKind, Settings } from '../../../../shared/schemas/settings';

/**
 * What a notification rule decided to tell the user. `kind` is the Settings
 * switch it belongs to (`notifications[kind] === false` silences it); the
 * text is English plain text, the same on every channel.
 */
export interface Alert {
  kind: NotificationKind;
  level: NotificationLevel;
  /** One line, e.g. `Run started: tri-hedge-hold`. */
  title: string;
  /** Free text, may span several lines. */
  body: string;
  /** The strategy run it concerns, if any. */
  runId: string | null;
}

/** Whether notifications of `kind` are on: a kind missing from `settings.notifications` is on. */
export function isKindEnabled(settings: Pick<Settings, 'notifications'>, kind: NotificationKind): boolean {
  return settings.notifications[kind] !== false;
}
