import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { unauthorized } from './paradex-error';

/** Paradex's JWT lifetime: 5 minutes, not extendable (paradex.md §4 "JWT lifetime"). */
export const DEFAULT_JWT_TTL_MS = 300_000;

/** Claims of the sim's JWTs. `iat` / `exp` are Unix seconds (RFC 7519), `exp_ms` the exact expiry in ms. */
export interface JwtClaims {
  type: 'auth';
  iss: string;
  sub: string;
  iat: number;
  exp: number;
  exp_ms: number;
  /** Revocation generation: {@link JwtIssuer.expireAll} bumps it and older tokens stop verifying. */
  gen: number;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Issues and verifies the simulator's own JWTs: HS256 (HMAC-SHA256 with
 * node:crypto) under a random per-process secret. A real Paradex JWT is
 * opaque to clients, so only the lifetime (5 min by default) and the
 * `Authorization: Bearer` usage matter (paradex.md §4).
 */
export class JwtIssuer {
  private readonly secret = randomBytes(32);
  private generation = 0;

  /**
   * @param now Current time, Unix ms.
   * @param ttlMs Lifetime of new tokens, ms.
   */
  constructor(
    private readonly now: () => number,
    private ttlMs: number = DEFAULT_JWT_TTL_MS,
  ) {
    JwtIssuer.checkTtl(ttlMs);
  }

  /** Lifetime of tokens issued from now on, ms. */
  get ttl(): number {
    return this.ttlMs;
  }

  /**
   * Changes the lifetime of tokens issued from now on (fault injection: a short TTL).
   * @throws RangeError unless 1 ms – 24 h.
   */
  setTtl(ms: number): void {
    JwtIssuer.checkTtl(ms);
    this.ttlMs = ms;
  }

  /** Expires every token issued so far, at once (fault injection). */
  expireAll(): void {
    this.generation++;
  }

  /** A new token for the account `address` (normalized hex). */
  issue(address: string): string {
    const now = this.now();
    const expMs = now + this.ttlMs;
    const claims: JwtClaims = { type: 'auth', iss: 'paradex-sim', sub: address, iat: Math.floor(now / 1000), exp: Math.ceil(expMs / 1000), exp_ms: expMs, gen: this.generation };
    const body = `${HEADER}.${b64url(JSON.stringify(claims))}`;
    return `${body}.${this.sign(body)}`;
  }

  /**
   * Verifies a token and returns its claims.
   * @throws ParadexError 401 `INVALID_TOKEN` for a malformed, forged, expired or revoked token.
   */
  verify(token: string): JwtClaims {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) throw unauthorized('not a JWT issued by this venue');
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthorized('bad signature');
    let claims: JwtClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as JwtClaims;
    } catch {
      throw unauthorized('unreadable claims');
    }
    if (claims.gen !== this.generation) throw unauthorized('token revoked');
    if (this.now() >= claims.exp_ms) throw unauthorized('token expired');
    return claims;
  }

  /**
   * Reads `Authorization: Bearer <jwt>` and verifies it.
   * @throws ParadexError 401 when the header is missing or the token does not verify.
   */
  verifyBearer(header: string | undefined): JwtClaims {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!m) throw unauthorized('no Authorization: Bearer header');
    return this.verify(m[1]!);
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }

  private static checkTtl(ms: number): void {
    if (!Number.isInteger(ms) || ms < 1 || ms > 86_400_000) throw new RangeError(`jwtTtlMs: ${ms} is not a whole number of ms in 1 ms – 24 h`);
  }
}
