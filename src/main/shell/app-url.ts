import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The renderer's entry: the dev server in `electron-vite dev`, else the built index.html. */
export function rendererEntry(): { url: string } | { file: string } {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev) return { url: dev };
  return { file: join(__dirname, '../renderer/index.html') };
}

/** True when `url` belongs to the app's own renderer (same file or dev-server origin). */
export function isAppUrl(url: string): boolean {
  const entry = rendererEntry();
  if ('url' in entry) return new URL(url).origin === new URL(entry.url).origin;
  const target = new URL(url);
  const own = pathToFileURL(entry.file);
  return target.protocol === 'file:' && target.pathname === own.pathname;
}
