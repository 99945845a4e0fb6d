import { createI18n } from 'vue-i18n';
import en, { type MessageSchema } from './en';
import { detectLocale } from './locale';
import zhCN from './zh-CN';
import zhTW from './zh-TW';
import type { Language } from '../../../shared/schemas/settings';

/** Messages of every UI language. */
export const messages: Record<Language, MessageSchema> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/**
 * The app's vue-i18n instance (Composition API). Starts in the browser's
 * language; the settings store switches it once the settings are loaded.
 */
export const i18n = createI18n<[MessageSchema], Language, false>({
  legacy: false,
  locale: detectLocale(navigator.languages),
  fallbackLocale: 'en',
  messages,
});
