import { BrowserWindow, dialog, Notification, shell } from 'electron';
import type { DesktopHost } from '../core/desktop-host';
import type { DesktopNotification } from '../../shared/schemas/notify';
import type { AccountWindows } from './account-windows';
import { appIconPath } from './main-window';

/**
 * The Electron side of the core's {@link DesktopHost}: account windows,
 * native notifications (click shows the main window), the file manager, the
 * file dialog of Settings → Lighter signer.
 */
export function createDesktopHost(windows: AccountWindows, showMain: () => void): DesktopHost {
  return {
    openAccountWindow: (accountId) => windows.open(accountId),
    showNotification(n: DesktopNotification) {
      if (!Notification.isSupported()) return;
      const native = new Notification({ title: n.title, body: n.body, icon: appIconPath(), urgency: n.level === 'error' ? 'critical' : 'normal', silent: n.level === 'info' });
      native.on('click', showMain);
      native.show();
    },
    openPath: async (dir) => (await shell.openPath(dir)) === '',
    async chooseSignerFile() {
      const options: Electron.OpenDialogOptions = {
        title: 'Lighter signer',
        properties: ['openFile'],
        filters: [{ name: 'Lighter signer (shared library or WASM)', extensions: ['so', 'dylib', 'dll', 'wasm'] }],
      };
      const parent = BrowserWindow.getFocusedWindow();
      const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
