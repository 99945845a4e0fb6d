import type { HedgedeskBridge } from '../../../shared/bridge';
import { readAccessToken, wsUrl } from './access-token';
import { WsTransport } from './ws-transport';

/**
 * How this page reaches the core: the Electron preload bridge (`ipc`), the
 * headless server's WebSocket (`ws`), or nothing because the page was opened
 * without the server's access token (`no-token`).
 */
export type Transport =
  | { kind: 'ipc'; bridge: HedgedeskBridge }
  | { kind: 'ws'; bridge: WsTransport }
  | { kind: 'no-token' };

/** Picks the transport: `window.hedgedesk` when the preload provided it, else the WebSocket with the URL's token. */
export function selectTransport(win: Pick<Window, 'hedgedesk' | 'location' | 'sessionStorage'>): Transport {
  if (win.hedgedesk) return { kind: 'ipc', bridge: win.hedgedesk };
  const token = readAccessToken(win.location.search, win.sessionStorage);
  if (!token) return { kind: 'no-token' };
  return { kind: 'ws', bridge: new WsTransport({ url: wsUrl(win.location, token) }) };
}
