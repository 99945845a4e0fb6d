import { app, BrowserWindow, type WebPreferences } from 'electron';
import { join } from 'node:path';
import { rendererUrl } from './app-url';

/**
 * The web preferences of every HedgeDesk window (main and per-account):
 * context isolation and sandbox on, Node integration off, only the contract
 * bridge exposed by the preload.
 */
export function secureWebPreferences(): WebPreferences {
  return {
    preload: join(__dirname, '../preload/index.js'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
    spellcheck: false,
  };
}

/** The app icon file (resources/icon.png). */
export function appIconPath(): string {
  return join(app.getAppPath(), 'resources', 'icon.png');
}

/**
 * Loads the renderer into `win` at the hash route `route` (e.g. `/account/acc_1`;
 * default the start page): `app://hedgedesk/index.html`, or the dev server in
 * unpackaged development.
 */
export function loadRenderer(win: BrowserWindow, route?: string): void {
  void win.loadURL(rendererUrl(route));
}

/** Creates the main window with {@link secureWebPreferences}. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'HedgeDesk',
    icon: appIconPath(),
    show: false,
    webPreferences: secureWebPreferences(),
  });
  win.once('ready-to-show', () => win.show());
  loadRenderer(win);
  return win;
}
