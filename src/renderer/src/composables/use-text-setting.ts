import { useMessage } from 'naive-ui';
import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { ContractError } from '../../../shared/errors';
import type { SettingsPatch } from '../../../shared/schemas/settings';
import { useSettingsStore } from '../stores/settings';
import { routeIssues } from '../utils/form-issues';
import { draftToSetting, isDirty, settingToDraft, type TextSettingKey } from '../utils/setting-draft';
import { useErrorToast } from './use-error-toast';

/**
 * A text input for one nullable setting, saved on an explicit Save (not per
 * keystroke). The server validates: its issue on the field shows inline,
 * anything else as a toast. The draft follows the stored value (changed
 * elsewhere too) unless it holds unsaved edits. Call inside a component's setup.
 */
export function useTextSetting(key: TextSettingKey) {
  const { t } = useI18n();
  const message = useMessage();
  const showError = useErrorToast();
  const settings = useSettingsStore();

  const stored = computed(() => settings.settings[key]);
  const draft = ref(settingToDraft(stored.value));
  /** The server's message for the field, until the draft changes or a save succeeds. */
  const error = ref<string | null>(null);
  const saving = ref(false);
  const dirty = computed(() => isDirty(draft.value, stored.value));

  watch(stored, (next, previous) => {
    if (!isDirty(draft.value, previous)) draft.value = settingToDraft(next);
  });

  function edit(value: string): void {
    draft.value = value;
    error.value = null;
  }

  async function save(): Promise<void> {
    if (saving.value) return;
    saving.value = true;
    error.value = null;
    const patch: SettingsPatch = {};
    patch[key] = draftToSetting(draft.value);
    try {
      await settings.update(patch);
      draft.value = settingToDraft(stored.value);
      message.success(t('settings.saved'));
    } catch (err) {
      if (err instanceof ContractError && err.issues?.length) {
        const { inline, rest } = routeIssues(err.issues, [key]);
        error.value = inline[key] ?? null;
        if (rest.length === 0) return;
      }
      showError(err);
    } finally {
      saving.value = false;
    }
  }

  return { stored, draft, error, saving, dirty, edit, save };
}
