import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/errors';
import type { DesktopHost } from '../desktop-host';
import type { HandlerContext } from './context';
import { desktopHandlers } from './desktop-handlers';

const account = { id: 'acc_000000000001' };

function handlers(desktopHost?: DesktopHost) {
  const ctx = { accounts: { list: () => [account] }, appInfo: { dataDir: '/data/hedgedesk' }, desktopHost } as unknown as HandlerContext;
  return desktopHandlers(ctx);
}

describe('desktop handlers without a desktop host (hedgedesk serve)', () => {
  it('answers "tab" so the renderer opens the account view in a browser tab, and cannot open folders', async () => {
    const h = handlers();
    expect(await h['desktop.openAccountWindow']({ accountId: account.id })).toEqual({ opened: 'tab' });
    expect(await h['desktop.openDataDir']({})).toEqual({ opened: false });
  });

  it('refuses an unknown account with NOT_FOUND on accountId', () => {
    expect(() => handlers()['desktop.openAccountWindow']({ accountId: 'acc_999999999999' })).toThrow(ContractError);
  });

  it('answers "tab" when the shell could not open the window', async () => {
    const host: DesktopHost = { openAccountWindow: () => false, showNotification: () => undefined, openPath: async () => false };
    expect(await handlers(host)['desktop.openAccountWindow']({ accountId: account.id })).toEqual({ opened: 'tab' });
  });
});
