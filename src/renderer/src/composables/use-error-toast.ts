import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { ContractError } from '../../../shared/errors';

/**
 * A function that shows a failed command as an error toast (`CODE: message`).
 * Errors that are not {@link ContractError}s are bugs: logged to the console and shown as text.
 * Call inside a component's setup (it needs the message provider).
 */
export function useErrorToast(): (err: unknown) => void {
  const message = useMessage();
  const { t } = useI18n();
  return (err) => {
    if (err instanceof ContractError) {
      message.error(t('errors.toast', { code: err.code, message: err.message }), { duration: 8000, closable: true });
      return;
    }
    console.error(err);
    message.error(err instanceof Error ? err.message : String(err), { duration: 8000, closable: true });
  };
}
