import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Environment variable with a simulator admin token: `hedgedesk sim` takes its token from it, paper accounts use it with the default external simulators. */
export const ADMIN_TOKEN_ENV = 'HEDGEDESK_SIM_ADMIN_TOKEN';

/** Shortest admin token accepted (characters): anything shorter is guessable. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/**
 * A fresh admin token for a simulator: 32 random bytes, base64url (43
 * characters). Printed by `hedgedesk sim`, passed in process to the built-in
 * paper simulators.
 */
export function generateAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Checks an admin token given by the user (flag, env, account settings).
 * @throws Error naming `field` when it is shorter than {@link MIN_ADMIN_TOKEN_LENGTH}
 *   characters or holds characters outside printable ASCII without spaces.
 */
export function assertAdminToken(token: string, field = 'admin token'): void {
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) throw new Error(`${field}: must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
  if (!/^[\x21-\x7e]+$/.test(token)) throw new Error(`${field}: only printable ASCII characters without spaces`);
}

/**
 * True when the request carries `Authorization: Bearer <token>` with exactly
 * the simulator's admin token (constant-time comparison).
 */
export function hasAdminToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return false;
  const m = /^Bearer +(.+)$/i.exec(header.trim());
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The message of a simulator's 401 answer to an admin request without the token. */
export const ADMIN_TOKEN_REQUIRED = 'admin routes need Authorization: Bearer <admin token> (printed by hedgedesk sim)';
