import { z } from 'zod';

/** UI languages. `system` follows the OS / browser locale. */
export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/**
 * User settings, stored in SQLite (never secrets: those go to the keychain).
 * Every field has a default so a fresh install has complete settings.
 */
export const settingsSchema = z.object({
  language: z.union([languageSchema, z.literal('system')]).default('system'),
  theme: z.enum(['light', 'dark', 'system']).default('system'),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update of {@link Settings}; unknown keys are rejected. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The full default settings. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
