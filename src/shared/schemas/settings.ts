import { z } from 'zod';

/** UI languages. `system` follows the OS / browser locale. */
export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

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
};
