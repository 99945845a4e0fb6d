import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The HedgeDesk package directory (the one whose package.json is named
 * `hedgedesk`), found by walking up from this file; works from `src/` under
 * tsx and from `out/` in a build.
 * @throws Error when there is none above `from`.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'hedgedesk') return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the hedgedesk package.json above ${from}`);
  }
}

/** The app version from package.json. */
export function packageVersion(root: string = packageRoot()): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
