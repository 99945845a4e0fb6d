import type { Language, Settings } from '../../../shared/schemas/settings';

/**
 * The UI language for the browser's preferred languages (`navigator.languages`,
 * most preferred first): the first Chinese or English entry decides.
 * Traditional Chinese (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant…`) → `zh-TW`,
 * any other Chinese → `zh-CN`, otherwise `en`.
 */
export function detectLocale(languages: readonly string[]): Language {
  for (const raw of languages) {
    const tag = raw.toLowerCase().replace(/_/g, '-');
    const [primary, ...subtags] = tag.split('-');
    if (primary === 'en') return 'en';
    if (primary === 'zh') {
      const traditional = subtags.some((s) => s === 'hant' || s === 'tw' || s === 'hk' || s === 'mo');
      const simplified = subtags.includes('hans');
      return traditional && !simplified ? 'zh-TW' : 'zh-CN';
    }
  }
  return 'en';
}

/** The effective UI language: the chosen one, or {@link detectLocale} when the setting is `system`. */
export function resolveLocale(setting: Settings['language'], languages: readonly string[]): Language {
  return setting === 'system' ? detectLocale(languages) : setting;
}
