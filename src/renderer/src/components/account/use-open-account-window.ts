import { useApi } from '../../api';
import { accountTabUrl } from './account-tab-url';

/**
 * "Open in window" for an account: asks the shell for a per-account window
 * (`desktop.openAccountWindow`: a BrowserWindow in Electron, focused when
 * already open); when it answers `tab` (headless/browser mode) opens
 * `#/account/<id>` in a new browser tab, keeping the page's `?token=`.
 * The returned function throws ContractError (e.g. `NOT_FOUND`).
 */
export function useOpenAccountWindow(): (accountId: string) => Promise<void> {
  const api = useApi();
  return async (accountId) => {
    const { opened } = await api.invoke('desktop.openAccountWindow', { accountId });
    if (opened === 'tab') window.open(accountTabUrl(window.location, accountId), '_blank');
  };
}
