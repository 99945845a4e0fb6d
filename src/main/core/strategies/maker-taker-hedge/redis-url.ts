/** A Redis URL without its password (`redis://user:secret@host` → `redis://***@host`), for messages and storage. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/**
 * What is wrong with a Redis URL, or null when ioredis can connect with it:
 * `redis://` or `rediss://`, a host, an optional port 1–65535 and an optional
 * database number `/0`–`/15` (Redis's default 16 databases). The message never
 * repeats the URL (it may hold a password).
 */
export function redisUrlProblem(value: string): string | null {
  const text = value.trim();
  if (!/^rediss?:\/\//i.test(text)) return 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a valid URL (expected e.g. redis://127.0.0.1:6379/0)';
  }
  if (!url.hostname) return 'has no host (expected e.g. redis://127.0.0.1:6379/0)';
  if (url.port !== '' && (Number(url.port) < 1 || Number(url.port) > 65535)) return 'has a port outside 1–65535';
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^(\d|1[0-5])$/.test(db)) return 'has a database other than /0 to /15';
  if (url.search || url.hash) return 'must not have a query or fragment';
  return null;
}
