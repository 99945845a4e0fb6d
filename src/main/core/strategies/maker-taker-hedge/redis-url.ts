/** A Redis URL without its password (`redis://user:secret@host` → `redis://***@host`), for messages and storage. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
