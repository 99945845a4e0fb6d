/**
 * The preload bridge: exposes exactly `window.hedgedesk.invoke(name, request)`
 * and `window.hedgedesk.on(name, listener)`, both limited to the names in the
 * contract. Runs sandboxed with context isolation; built as CommonJS.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HedgedeskBridge } from '../shared/bridge';
import { commandChannel, eventChannel, isCommandName, isEventName } from '../shared/contract';

const bridge: HedgedeskBridge = {
  invoke(name, request) {
    if (!isCommandName(name)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: `unknown command ${String(name)}` } });
    }
    return ipcRenderer.invoke(commandChannel(name), request);
  },
  on(name, listener) {
    if (!isEventName(name)) throw new Error(`unknown event ${String(name)}`);
    const channel = eventChannel(name);
    const handler = (_event: IpcRendererEvent, payload: unknown) => (listener as (p: unknown) => void)(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('hedgedesk', bridge);
