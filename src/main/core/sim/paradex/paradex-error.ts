/**
 * Paradex's REST error answer: HTTP 4xx with `{"error": "<CODE>", "message":
 * "<text>", "data": null}` (paradex.md §6 "Error shape"). Codes are Paradex's
 * (§6 table, docs error enum); the texts are the sim's unless noted.
 */
export class ParadexError extends Error {
  /**
   * @param code Paradex's error identifier, e.g. `INVALID_STARKNET_SIGNATURE`.
   * @param message Human text (the `message` field).
   * @param httpStatus HTTP status, default 400 (401 for auth, 404 for unknown orders/routes, 429 for rate limits).
   */
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = 'ParadexError';
  }

  /** The JSON body Paradex answers with. */
  body(): { error: string; message: string; data: null } {
    return { error: this.code, message: this.message, data: null };
  }
}

/** A missing, malformed, expired or revoked JWT: HTTP 401 (paradex.md §6: the body says "missing or malformed jwt"). */
export function unauthorized(detail: string): ParadexError {
  return new ParadexError('INVALID_TOKEN', `missing or malformed jwt: ${detail}`, 401);
}

/** Over a rate limit: HTTP 429 (body format unverified, paradex.md §6 "Rate limits"). */
export function rateLimited(): ParadexError {
  return new ParadexError('RATE_LIMIT_EXCEEDED', 'rate limit exceeded', 429);
}
