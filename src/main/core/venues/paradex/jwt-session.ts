import type { Clock } from '../../clock';

/** Default age at which a JWT is replaced: 3 min of Paradex's 5-min lifetime (paradex.md §4 "JWT lifetime"). */
export const DEFAULT_JWT_REFRESH_AFTER_MS = 180_000;

/** The `exp` claim (Unix seconds) of a JWT, or null when the token is opaque or has none. Never verifies it. */
export function jwtExpiryMs(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The account's current Paradex JWT (paradex.md §4). A token is reused until
 * it is `refreshAfterMs` old (default 3 min) or 60 % of its own lifetime
 * (its `exp` claim, less 1 s for the claim's rounding) has passed when the
 * claim is readable, whichever comes first — well
 * before the 5-minute expiry, so retries still have a valid token. Concurrent
 * callers share one `POST /auth`. {@link invalidate} drops a token the venue
 * refused (HTTP 401), so the next call re-authenticates.
 */
export class JwtSession {
  private token: string | null = null;
  private refreshAt = 0;
  private pending: Promise<string> | null = null;
  /** How many tokens were fetched (for logs and tests). */
  issued = 0;

  /**
   * @param fetchToken performs `POST /auth` and returns the JWT; its errors propagate to callers of {@link get}.
   */
  constructor(
    private readonly fetchToken: () => Promise<string>,
    private readonly clock: Clock,
    private readonly refreshAfterMs = DEFAULT_JWT_REFRESH_AFTER_MS,
  ) {}

  /** A token valid for a while yet; fetches a new one when needed. */
  get(): Promise<string> {
    if (this.token !== null && this.clock.now() < this.refreshAt) return Promise.resolve(this.token);
    this.pending ??= this.fetch().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets `token` (the venue answered 401 to it) unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.token === token) {
      this.token = null;
      this.refreshAt = 0;
    }
  }

  private async fetch(): Promise<string> {
    const issuedAt = this.clock.now();
    const token = await this.fetchToken();
    const exp = jwtExpiryMs(token);
    // `exp` has 1 s granularity: the token may expire up to 1 s before it.
    const byLifetime = exp !== null ? Math.max(0, 0.6 * (exp - 1000 - issuedAt)) : Infinity;
    this.token = token;
    this.refreshAt = issuedAt + Math.min(this.refreshAfterMs, byLifetime);
    this.issued++;
    return token;
  }
}
