/**
 * Paradex's published request limits (paradex.md §6 "Rate limits"; docs
 * /api/general-information/rate-limits): token buckets, one token refilled
 * every 60 / limit seconds, no fixed cooldown.
 */
export interface ParadexRateLimits {
  /** `POST`/`PUT`/`DELETE /orders…` per account, per second (800). */
  ordersPerSecond: number;
  /** Private `GET`s per account, per second (120). */
  privateGetsPerSecond: number;
  /** Public requests per IP, per minute (1500). */
  publicPerMinute: number;
  /** `POST /auth` and `POST /onboarding` per IP, per minute (600). */
  authPerMinute: number;
}

/** The published limits. */
export const PARADEX_RATE_LIMITS: Readonly<ParadexRateLimits> = { ordersPerSecond: 800, privateGetsPerSecond: 120, publicPerMinute: 1500, authPerMinute: 600 };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets keyed by `<scope>:<account or IP>`: capacity = the limit,
 * refilled continuously at limit / period.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /** @param now Current time, Unix ms. */
  constructor(private readonly now: () => number) {}

  /** Takes one token from `key`'s bucket (capacity `limit` per `periodMs`); false when it is empty. */
  take(key: string, limit: number, periodMs: number): boolean {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: limit, at: now };
    b.tokens = Math.min(limit, b.tokens + ((now - b.at) * limit) / periodMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
