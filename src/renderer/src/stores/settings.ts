import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ResponseOf } from '../../../shared/contract';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../shared/schemas/settings';
import { useApi } from '../api';
import { resolveLocale } from '../i18n/locale';

/** The user's settings, loaded from the core and kept in step by `settings.changed`. */
export const useSettingsStore = defineStore('settings', () => {
  const api = useApi();
  const settings = ref<Settings>({ ...DEFAULT_SETTINGS });
  api.on('settings.changed', (next) => {
    settings.value = next;
  });

  /** The UI language in effect (the setting, or the browser's languages when `system`). */
  const locale = computed(() => resolveLocale(settings.value.language, navigator.languages));

  /** Fetches the settings from the core. */
  async function load(): Promise<void> {
    settings.value = await api.invoke('settings.get', {});
  }

  /** Applies a partial update and keeps the full settings the core returns. */
  async function update(patch: SettingsPatch): Promise<void> {
    settings.value = await api.invoke('settings.set', patch);
  }

  /** Sends a test message to the saved Telegram chat with the stored bot token; `description` says why it failed. */
  function testTelegram(): Promise<ResponseOf<'notify.testTelegram'>> {
    return api.invoke('notify.testTelegram', {});
  }

  /** Sends a test message to the Lark webhook stored in the keychain; `description` says why it failed. */
  function testLark(): Promise<ResponseOf<'notify.testLark'>> {
    return api.invoke('notify.testLark', {});
  }

  /** Opens the data directory in the OS file manager (desktop app only; `opened: false` in the browser). */
  async function openDataDir(): Promise<boolean> {
    return (await api.invoke('desktop.openDataDir', {})).opened;
  }

  return { settings, locale, load, update, testTelegram, testLark, openDataDir };
});
