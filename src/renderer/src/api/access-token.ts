/** Session-storage key under which the headless server's access token is remembered. */
export const ACCESS_TOKEN_STORAGE_KEY = 'hedgedesk.accessToken';

/**
 * The headless server's access token: the `token` query parameter of the page
 * URL (as printed by `hedgedesk serve`), else the one remembered in session
 * storage. A token from the URL is remembered so that it survives in-app
 * navigation and reloads of the same tab.
 * @param search the page's `location.search`, e.g. `?token=ab12…`
 * @returns the token, or null when the page was opened without one
 */
export function readAccessToken(search: string, storage: Pick<Storage, 'getItem' | 'setItem'>): string | null {
  const fromUrl = new URLSearchParams(search).get('token');
  if (fromUrl) {
    storage.setItem(ACCESS_TOKEN_STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return storage.getItem(ACCESS_TOKEN_STORAGE_KEY);
}

/** The contract's WebSocket endpoint on the server that served this page: `ws(s)://<host>/ws?token=…`. */
export function wsUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
