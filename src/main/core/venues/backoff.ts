/** Shape of an exponential backoff. */
export interface BackoffOptions {
  /** Delay cap of the first retry (attempt 0), ms. */
  baseMs: number;
  /** Largest delay cap, ms. */
  maxMs: number;
  /** A uniform random number in [0, 1); injectable for tests. Defaults to Math.random. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): exponential growth
 * `min(maxMs, baseMs × 2^attempt)` with "equal jitter" — half of it fixed,
 * half uniformly random — so retries never come back at once yet never
 * collapse to zero. Venue-generic (HTTP 429 retries, WS reconnects).
 * @returns milliseconds, in [cap/2, cap].
 */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const cap = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt));
  const random = opts.random ?? Math.random;
  return Math.round(cap / 2 + random() * (cap / 2));
}
