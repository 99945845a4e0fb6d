import { app, session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/server/security-headers';
import { isAppUrl } from './app-url';

/**
 * App-wide hardening, applied before any window opens: no navigation away
 * from the app, no new windows (per-account windows are opened by the shell
 * itself), no webviews, every permission request denied, and the CSP header
 * on every web response (the dev server's; `app://` responses carry it from
 * app-protocol.ts, and the renderer also as a meta tag). "The app" is
 * `app://hedgedesk/` ({@link isAppUrl}).
 */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
