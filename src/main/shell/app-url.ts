import { app } from 'electron';

/** The privileged scheme the desktop app serves its renderer from (registered before `ready`). */
export const APP_SCHEME = 'app';
/** The host of every renderer URL: `app://hedgedesk/index.html`. */
export const APP_HOST = 'hedgedesk';
/** The renderer's entry page on {@link APP_SCHEME}. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Vite dev server of `electron-vite dev` (`ELECTRON_RENDERER_URL`), honoured
 * only in an unpackaged app and only as http(s) on a loopback host; null
 * otherwise, so a packaged app never loads (or trusts IPC from) another origin.
 */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): URL | null {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return LOOPBACK_HOSTS.has(url.hostname) ? url : null;
}

/** The URL a window loads for the hash route `route` (e.g. `/account/acc_1`; default the start page). */
export function rendererUrl(route?: string): string {
  const base = devServerUrl(process.env, app.isPackaged)?.href ?? APP_ENTRY_URL;
  return route ? `${base}#${route}` : base;
}

/**
 * True when `url` belongs to the app's own renderer: `app://hedgedesk/…`, or the
 * dev server's origin in unpackaged development. Navigation and IPC checks key on it.
 */
export function isAppUrl(url: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol === `${APP_SCHEME}:` && target.host === APP_HOST) return true;
  const dev = devServerUrl(process.env, app.isPackaged);
  return dev !== null && target.origin === dev.origin;
}
