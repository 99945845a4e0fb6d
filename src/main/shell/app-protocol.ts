import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from '../core/server/security-headers';
import { APP_HOST, APP_SCHEME } from './app-url';

/** Content types of the files electron-vite emits into out/renderer. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * Declares {@link APP_SCHEME} privileged; must run before the app's `ready`.
 * `standard` gives it an origin and relative URLs, `secure` makes pages on it a
 * secure context, `supportFetchAPI` lets the renderer fetch its own assets.
 * No CSP bypass, no CORS, no service workers.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** The built renderer (out/renderer, beside out/main). */
function rendererRoot(): string {
  return join(__dirname, '../renderer');
}

/**
 * The file under `root` that `url` (`app://hedgedesk/<path>`, `/` = index.html)
 * names; null for another scheme or host, a malformed escape, or a path that
 * leaves `root` (e.g. `%2e%2e/`).
 */
function rendererFile(root: string, url: string): string | null {
  let target: URL;
  let path: string;
  try {
    target = new URL(url);
    path = decodeURIComponent(target.pathname);
  } catch {
    return null;
  }
  if (target.protocol !== `${APP_SCHEME}:` || target.host !== APP_HOST) return null;
  const base = resolve(root);
  const file = resolve(base, `.${path === '/' ? '/index.html' : path}`);
  return file.startsWith(base + sep) ? file : null;
}

/**
 * Serves the built renderer on `app://hedgedesk/` (after `ready`): GET only,
 * every response with the headless server's security headers (CSP included),
 * 404 for anything outside `root` or missing.
 */
export function serveRenderer(root: string = rendererRoot()): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? rendererFile(root, request.url) : null;
    if (file) {
      try {
        const body = await readFile(file);
        return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' } });
      } catch {
        // missing or unreadable: 404 below
      }
    }
    return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  });
}
