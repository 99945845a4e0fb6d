import type { Settings } from '../../shared/schemas/settings';
import type { TrayText } from '../core/desk/tray-model';
import en from '../../renderer/src/i18n/en';
import { resolveLocale } from '../../renderer/src/i18n/locale';
import zhCN from '../../renderer/src/i18n/zh-CN';
import zhTW from '../../renderer/src/i18n/zh-TW';

/** The tray's and the shell dialogs' texts of one language (the renderer's `notify.tray` messages). */
export type TrayTranslate = (text: TrayText) => string;

const TRAY_MESSAGES = { en: en.notify.tray, 'zh-CN': zhCN.notify.tray, 'zh-TW': zhTW.notify.tray };

/**
 * Translates tray texts for the language setting (`system` follows the OS
 * locale, as the renderer follows the browser's), filling `{name}` values.
 * An unknown key shows as itself.
 */
export function trayTranslator(language: Settings['language'], osLocales: readonly string[]): TrayTranslate {
  const messages: Record<string, string> = TRAY_MESSAGES[resolveLocale(language, osLocales)];
  return ({ key, params }) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}
