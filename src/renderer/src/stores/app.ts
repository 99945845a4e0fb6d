import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../../shared/schemas/app';
import { useApi } from '../api';

/** What the running app is (`app.info`): version, runtime, data paths, secrets backend. */
export const useAppStore = defineStore('app', () => {
  const api = useApi();
  const info = ref<AppInfo | null>(null);

  /** Fetches `app.info`. */
  async function load(): Promise<void> {
    info.value = await api.invoke('app.info', {});
  }

  return { info, load };
});
