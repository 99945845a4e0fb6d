/** A rolling-window request budget, e.g. Lighter's standard tier: 60 requests per rolling minute (lighter.md §7.2). */
export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  /** Window length, ms. */
  windowMs: number;
}

/** Lighter's standard account tier (not weighted). */
export const STANDARD_TIER: RateLimitOptions = { limit: 60, windowMs: 60_000 };

/**
 * Counts requests per key (an account's L1 address, or the client IP when a
 * request names no account) in a rolling window.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly opts: RateLimitOptions,
    private readonly now: () => number,
  ) {}

  /** Records a request for `key`; false when the key is over its budget (the request is then not counted). */
  take(key: string): boolean {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.opts.windowMs);
    if (recent.length >= this.opts.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }
}
