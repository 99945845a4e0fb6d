import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { commandChannel, commandNames, eventChannel } from '../../shared/contract';
import type { Core } from '../core/core';
import { isAppUrl } from './app-url';

function fromOurRenderer(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

/**
 * Registers one `ipcMain.handle` per contract command, each forwarding to the
 * core dispatcher (which validates the request), and forwards every core event
 * to every window. Calls from frames that are not the app's own are refused.
 * @returns a function that removes the handlers and the event forwarding.
 */
export function registerIpc(core: Core): () => void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), (event, request: unknown) => {
      if (!fromOurRenderer(event)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from a frame that is not HedgeDesk' } };
      }
      return core.dispatch(name, request);
    });
  }
  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(eventChannel(name), payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name));
  };
}
