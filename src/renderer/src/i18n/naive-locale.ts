import { dateEnUS, dateZhCN, dateZhTW, enUS, zhCN, zhTW, type NDateLocale, type NLocale } from 'naive-ui';
import type { Language } from '../../../shared/schemas/settings';

/** naive-ui's own component texts and date formats for each UI language. */
export const naiveLocales: Record<Language, { locale: NLocale; dateLocale: NDateLocale }> = {
  en: { locale: enUS, dateLocale: dateEnUS },
  'zh-CN': { locale: zhCN, dateLocale: dateZhCN },
  'zh-TW': { locale: zhTW, dateLocale: dateZhTW },
};
