import { venueErrorOfKind, venueUnreachable, type VenueError, type VenueErrorKind } from '../venue-errors';

/** Lighter codes that map to one typed error (lighter.md §7.1). */
const BY_CODE: Record<number, VenueErrorKind> = {
  21507: 'InsufficientMargin', // below maintenance margin
  21508: 'InsufficientMargin', // below initial margin
  21739: 'InsufficientMargin', // not enough margin to create the order
  21104: 'InvalidNonce', // invalid nonce (§4)
  21105: 'InvalidNonce', // batch nonce not increasing (§4)
  23000: 'RateLimited', // Too Many Requests
  21603: 'BelowMinSize', // invalid min amounts for market
  21706: 'BelowMinSize', // order base or quote amount below minimums (§8)
  21732: 'ReduceOnlyRejected', // reduce only increases position
  21738: 'ReduceOnlyRejected', // invalid reduce-only direction
  21740: 'ReduceOnlyRejected', // invalid reduce-only mode
  21600: 'OrderNotFound', // not an active limit order
  21700: 'OrderNotFound', // invalid order index
  21709: 'OrderNotFound', // order inactive
  21715: 'OrderNotFound', // not an active order
};

/** The {@link VenueErrorKind} of a Lighter error code: §7.1's table, other 217xx → InvalidOrder, else Unknown. */
export function kindOfLighterCode(code: number): VenueErrorKind {
  const kind = BY_CODE[code];
  if (kind) return kind;
  if (code >= 21700 && code <= 21799) return 'InvalidOrder';
  return 'Unknown';
}

/**
 * The typed error for a Lighter error answer (REST body `{code, message}`,
 * WS `{error:{code,message}}`), lighter.md §0, §7.1. HTTP 429 is a rate limit
 * whatever the body says; HTTP 5xx without a Lighter code is VenueUnavailable.
 * @param httpStatus the HTTP status when the answer came over REST.
 */
export function lighterError(code: number | undefined, message: string | undefined, httpStatus?: number): VenueError {
  let kind: VenueErrorKind = code !== undefined ? kindOfLighterCode(code) : 'Unknown';
  if (httpStatus === 429) kind = 'RateLimited';
  else if (kind === 'Unknown' && httpStatus !== undefined && httpStatus >= 500) kind = 'VenueUnavailable';
  const text = `Lighter ${code ?? `HTTP ${httpStatus ?? '?'}`}: ${message ?? 'no message'}`;
  return venueErrorOfKind(kind, 'lighter', text, code ?? httpStatus, message);
}

/** A failure to reach Lighter (connection refused, reset, timeout): the request's outcome is unknown. */
export function lighterUnavailable(what: string, cause: unknown): VenueError {
  return venueUnreachable('lighter', 'Lighter', what, cause);
}

/**
 * The error kind an order's final status stands for, when the order ended
 * because the venue refused it (lighter.md §1.6 status strings): post-only
 * would have crossed, reduce-only would have increased, not enough margin.
 * Null for ordinary outcomes (filled, canceled by the user, expired…).
 */
export function kindOfOrderStatus(status: string): VenueErrorKind | null {
  switch (status) {
    case 'canceled-post-only':
      return 'PostOnlyWouldCross';
    case 'canceled-reduce-only':
      return 'ReduceOnlyRejected';
    case 'canceled-margin-not-allowed':
    case 'canceled-invalid-balance':
      return 'InsufficientMargin';
    case 'canceled-position-not-allowed':
      return 'InvalidOrder';
    default:
      return null;
  }
}
