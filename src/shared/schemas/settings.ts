import { z } from 'zod';

/** UI languages. `system` follows the OS / browser locale. */
export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/**
 * Kinds of notification the desk sends (desktop, Telegram, Lark), each switchable in Settings:
 * run started / stopped / failed, failsafe triggered, hedge leg failed, net exposure beyond the
 * threshold for longer than `exposureAlertSeconds`, venue disconnected for longer than `disconnectAlertSeconds`.
 */
export const NOTIFICATION_KINDS = ['runStarted', 'runStopped', 'runFailed', 'failsafe', 'hedgeLegFailed', 'exposure', 'venueDisconnected'] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** Each setting's schema, without defaults (see {@link DEFAULT_SETTINGS}). */
const settingFields = {
  language: z.union([languageSchema, z.literal('system')]),
  theme: z.enum(['light', 'dark', 'system']),
  /** Telegram chat that receives notifications: a numeric chat id or `@channelname`. The bot token lives in the keychain. */
  telegramChatId: z
    .string()
    .trim()
    .regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{4,64})$/, 'must be a numeric chat id or @channelname')
    .nullable(),
  /** HTTP(S) proxy for every venue client and notifier; null = the environment's HTTPS_PROXY / HTTP_PROXY. */
  proxyUrl: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s/]+/, 'must be an http:// or https:// proxy URL')
    .nullable(),
  /** |Net exposure| of one symbol across all accounts above which the dashboard highlights it and alerts, USDC (decimal string). */
  exposureThresholdUsdc: z.string().trim().regex(/^\d+(\.\d+)?$/, 'must be a non-negative amount in USDC'),
  /** Seconds the net exposure must stay beyond the threshold before a notification (1–3600). */
  exposureAlertSeconds: z.number().int().min(1).max(3600),
  /** Seconds a venue connection must stay down before a notification (1–3600). */
  disconnectAlertSeconds: z.number().int().min(1).max(3600),
  /** Which notification kinds are sent (desktop, Telegram, Lark); a kind missing from the record is on. */
  notifications: z.partialRecord(notificationKindSchema, z.boolean()),
  /** PnL colours: `green-up` (green gains, red losses) or `red-up` (red gains, green losses, as many Chinese users expect). */
  pnlColors: z.enum(['green-up', 'red-up']),
};

/**
 * User settings, stored in SQLite (never secrets: those go to the keychain).
 * Reads are always complete: missing keys take {@link DEFAULT_SETTINGS}.
 */
export const settingsSchema = z.object(settingFields);
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update of {@link Settings}; an absent key stays as stored, unknown keys are rejected. */
export const settingsPatchSchema = z.object(settingFields).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The settings of a fresh install. */
export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  theme: 'system',
  telegramChatId: null,
  proxyUrl: null,
  exposureThresholdUsdc: '100',
  exposureAlertSeconds: 30,
  disconnectAlertSeconds: 30,
  notifications: {},
  pnlColors: 'green-up',
};
