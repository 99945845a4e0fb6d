import { z } from 'zod';

/** UI languages. `system` follows the OS / browser locale. */
export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/**
 * User settings, stored in SQLite (never secrets: those go to the keychain).
 * Every field has a default so a fresh install has complete settings.
 */
const languageSetting = z.union([languageSchema, z.literal('system')]);
const themeSetting = z.enum(['light', 'dark', 'system']);

export const settingsSchema = z.object({
  language: languageSetting.default('system'),
  theme: themeSetting.default('system'),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A partial update of {@link Settings}; unknown keys are rejected. Built from
 * the field schemas without their defaults, so an absent key stays absent
 * (zod 4's `.partial()` would fill defaults in and overwrite stored values).
 */
export const settingsPatchSchema = z
  .object({ language: languageSetting.optional(), theme: themeSetting.optional() })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The full default settings. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
