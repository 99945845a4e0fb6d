import { useMessage } from 'naive-ui';
import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ContractError } from '../../../shared/errors';
import { useErrorToast } from './use-error-toast';

/** How a {@link useSecretEditor} stores and deletes secrets, and names them in messages. */
export interface SecretEditorOptions {
  /** Stores or replaces a secret (the store refreshes the status). */
  set(field: string, value: string): Promise<void>;
  /** Deletes a stored secret. */
  remove(field: string): Promise<void>;
  /** The field's translated label. */
  label(field: string): string;
}

/**
 * Drafts, inline errors and the in-flight field of write-only secret inputs
 * (`SecretControls.vue`): a saved draft is cleared at once, a rejected value
 * shows its `value` issue under the field, other failures show as a toast.
 * Call inside a component's setup.
 */
export function useSecretEditor(opts: SecretEditorOptions) {
  const { t } = useI18n();
  const message = useMessage();
  const showError = useErrorToast();

  /** What the user has typed per field, until it is saved (then cleared: values are never kept). */
  const drafts = reactive<Record<string, string>>({});
  /** Inline error per field (issues on the `value` of the set request). */
  const errors = ref<Record<string, string>>({});
  /** The field whose save or delete is in flight. */
  const busy = ref<string | null>(null);

  /** Forgets every draft and error (e.g. when the edited account changes). */
  function reset(): void {
    for (const key of Object.keys(drafts)) delete drafts[key];
    errors.value = {};
  }

  function showFailure(field: string, err: unknown): void {
    const inline = err instanceof ContractError ? err.issues?.filter((i) => i.path === 'value') : undefined;
    if (inline?.length) errors.value[field] = inline.map((i) => i.message).join('; ');
    else showError(err);
  }

  async function save(field: string): Promise<void> {
    const value = drafts[field] ?? '';
    if (!value.trim() || busy.value) return;
    busy.value = field;
    delete errors.value[field];
    try {
      await opts.set(field, value);
      drafts[field] = '';
      message.success(t('secrets.saved', { field: opts.label(field) }));
    } catch (err) {
      showFailure(field, err);
    } finally {
      busy.value = null;
    }
  }

  async function remove(field: string): Promise<void> {
    if (busy.value) return;
    busy.value = field;
    try {
      await opts.remove(field);
      message.success(t('secrets.deleted', { field: opts.label(field) }));
    } catch (err) {
      showError(err);
    } finally {
      busy.value = null;
    }
  }

  return { drafts, errors, busy, reset, save, remove };
}
