import { ContractError } from '../../../shared/errors';
import type { HandlerContext, Handlers } from './context';

/**
 * `desktop.*`: what only the Electron shell can do, through its
 * {@link HandlerContext.desktopHost}. Without a host (`hedgedesk serve`) the
 * account window is a browser tab the renderer opens itself (`opened: 'tab'`),
 * and the data folder cannot be opened (`opened: false`).
 * @throws ContractError NOT_FOUND (path `accountId`) for an unknown account.
 */
export function desktopHandlers(ctx: HandlerContext): Pick<Handlers, 'desktop.openAccountWindow' | 'desktop.openDataDir'> {
  return {
    'desktop.openAccountWindow': ({ accountId }) => {
      if (!ctx.accounts.list().some((a) => a.id === accountId)) {
        throw new ContractError('NOT_FOUND', `no account with id ${accountId}`, [{ path: 'accountId', message: 'unknown account' }]);
      }
      return { opened: ctx.desktopHost?.openAccountWindow(accountId) ? 'window' : 'tab' };
    },
    'desktop.openDataDir': async () => ({ opened: ctx.desktopHost ? await ctx.desktopHost.openPath(ctx.appInfo.dataDir) : false }),
  };
}
