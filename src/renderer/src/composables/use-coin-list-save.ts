import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { ContractError, type FieldIssue } from '../../../shared/errors';
import type { CoinList, CoinListCreate } from '../../../shared/schemas/coin-lists';
import { useCoinListsStore } from '../stores/coin-lists';
import { useErrorToast } from './use-error-toast';

/** Saves a coin list: creates it, or replaces the list `id` with `request`. */
export type SaveCoinList = (request: CoinListCreate, onIssues: (issues: FieldIssue[]) => void, id?: string) => Promise<CoinList | null>;

/**
 * A function that saves a coin list and reports the outcome: on success a toast naming
 * the list, which it resolves to; when the core refuses fields (`coins.2.targetNotional`, …)
 * their issues go to `onIssues`; any other failure is shown as an error toast. Resolves to
 * null on failure; never rejects. Call inside a component's setup.
 */
export function useCoinListSave(): SaveCoinList {
  const { t } = useI18n();
  const message = useMessage();
  const showError = useErrorToast();
  const store = useCoinListsStore();
  return async (request, onIssues, id) => {
    try {
      const list = id ? await store.update(id, request) : await store.create(request);
      message.success(t('coinLists.saved', { name: list.name }));
      return list;
    } catch (err) {
      if (err instanceof ContractError && err.issues?.length) onIssues(err.issues);
      else showError(err);
      return null;
    }
  };
}
