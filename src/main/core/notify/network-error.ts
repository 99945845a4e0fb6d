/**
 * The message of a failed HTTP request's error and of its causes (undici
 * wraps the socket error), e.g. `fetch failed: connect ECONNREFUSED`, for
 * notifier logs and test results. Never includes the request URL.
 */
export function describeNetworkError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 4; depth++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      parts.push(typeof code === 'string' && !e.message.includes(code) ? `${e.message} (${code})` : e.message);
      e = e.cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.filter((p) => p.length > 0).join(': ') || 'unknown network error';
}
