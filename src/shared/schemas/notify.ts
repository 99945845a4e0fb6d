import { z } from 'zod';
import { notificationKindSchema } from './settings';

/** How serious a notification is: `info` (started, cleared), `warn` (stopped, exposure, disconnect), `error` (failed, failsafe, hedge leg failed). */
export const notificationLevelSchema = z.enum(['info', 'warn', 'error']);
export type NotificationLevel = z.infer<typeof notificationLevelSchema>;

/**
 * One notification decided by the core's notification rules (notify/rules),
 * as the desktop shows it (contract event `notify.desktop`): the Electron
 * shell as a native notification, the browser as an in-page one. `kind` is
 * the Settings switch it belongs to; `at` Unix ms; text in English.
 */
export const desktopNotificationSchema = z.object({
  kind: notificationKindSchema,
  title: z.string(),
  body: z.string(),
  level: notificationLevelSchema,
  at: z.number().int(),
  /** The strategy run it concerns, if any. */
  runId: z.string().nullable(),
});
export type DesktopNotification = z.infer<typeof desktopNotificationSchema>;

/** How `desktop.openAccountWindow` opened the account view: a shell window, or the renderer must open a browser tab. */
export const openedAsSchema = z.enum(['window', 'tab']);
