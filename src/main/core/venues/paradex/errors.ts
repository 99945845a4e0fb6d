/**
 * Paradex failures as typed venue errors (paradex.md §5, §6 "Error shape",
 * ccxt `ts/src/paradex.ts` exceptions map [S12]).
 */
import { venueErrorOfKind, venueUnreachable, type VenueError, type VenueErrorKind } from '../venue-errors';

/** REST error codes (`{"error":"<CODE>"}`) that map to one typed error (paradex.md §6). */
const BY_CODE: Record<string, VenueErrorKind> = {
  // signatures and auth
  INVALID_STARKNET_SIGNATURE: 'InvalidSignature',
  STARKNET_SIGNATURE_VERIFICATION_FAILED: 'InvalidSignature',
  INVALID_ORDER_SIGNATURE: 'InvalidSignature',
  INVALID_SIGNATURE_EXPIRATION: 'InvalidSignature',
  INVALID_TIMESTAMP: 'InvalidSignature',
  ACCOUNT_NOT_FOUND: 'InvalidSignature',
  NOT_ONBOARDED: 'InvalidSignature',
  PUBLIC_KEY_INVALID: 'InvalidSignature',
  INVALID_STARKNET_ADDRESS: 'InvalidSignature',
  VALIDATION_ERROR: 'InvalidSignature',
  UNAUTHORIZED: 'InvalidSignature',
  // orders
  ORDER_ID_NOT_FOUND: 'OrderNotFound',
  ORDER_IS_CLOSED: 'OrderNotFound',
  ORDER_IS_NOT_OPEN: 'OrderNotFound',
  ORDER_IS_NOT_OPEN_YET: 'OrderNotFound',
  CLIENT_ORDER_ID_NOT_FOUND: 'OrderNotFound',
  NOT_FOUND: 'OrderNotFound',
  INVALID_ORDER_SIZE: 'InvalidOrder',
  ORDER_SIZE_BELOW_MIN: 'BelowMinSize',
  DUPLICATED_CLIENT_ID: 'InvalidOrder',
  INVALID_PRICE_PRECISION: 'InvalidOrder',
  INVALID_SYMBOL: 'InvalidOrder',
  MARKET_NOT_FOUND: 'InvalidOrder',
  MARKET_NOT_OPEN: 'InvalidOrder',
  BATCH_SIZE_OUT_OF_RANGE: 'InvalidOrder',
  INVALID_REQUEST_PARAMETER: 'InvalidOrder',
  BINDING_ERROR: 'InvalidOrder',
  NOT_ENOUGH_MARGIN: 'InsufficientMargin',
  INSUFFICIENT_MARGIN: 'InsufficientMargin',
  POST_ONLY_WOULD_CROSS: 'PostOnlyWouldCross',
  REDUCE_ONLY_WILL_INCREASE: 'ReduceOnlyRejected',
  // service
  INTERNAL_ERROR: 'VenueUnavailable',
  SERVICE_UNAVAILABLE: 'VenueUnavailable',
  RATE_LIMIT_EXCEEDED: 'RateLimited',
  TOO_MANY_REQUESTS: 'RateLimited',
};

/**
 * The typed error of a Paradex REST failure. HTTP 429 is a rate limit and
 * 401 an auth failure whatever the body says; a code outside the table with
 * HTTP 5xx is VenueUnavailable, else Unknown.
 * @param code the body's `error` field, when the body had one.
 */
export function paradexError(code: string | undefined, message: string | undefined, httpStatus: number): VenueError {
  let kind: VenueErrorKind = (code !== undefined ? (BY_CODE[code] ?? kindOfCancelReason(code)) : null) ?? 'Unknown';
  if (httpStatus === 429) kind = 'RateLimited';
  else if (httpStatus === 401) kind = 'InvalidSignature';
  else if (kind === 'Unknown' && httpStatus >= 500) kind = 'VenueUnavailable';
  const text = `Paradex ${code ?? `HTTP ${httpStatus}`}: ${message ?? 'no message'}`;
  return venueErrorOfKind(kind, 'paradex', text, code ?? httpStatus, message);
}

/** A failure to reach Paradex (refused, reset, timeout): the request's outcome is unknown. */
export function paradexUnavailable(what: string, cause: unknown): VenueError {
  return venueUnreachable('paradex', 'Paradex', what, cause);
}

/**
 * The error kind a CLOSED order's `cancel_reason` stands for when Paradex
 * refused the order (its risk checks are asynchronous: an accepted order can
 * come back CLOSED, paradex.md §5); null for ordinary ends (`USER_CANCELED`,
 * `EXPIRED`, IOC remainder, self-trade prevention…).
 */
export function kindOfCancelReason(reason: string | null | undefined): VenueErrorKind | null {
  switch (reason) {
    case 'NOT_ENOUGH_MARGIN':
    case 'INSUFFICIENT_MARGIN':
      return 'InsufficientMargin';
    case 'POST_ONLY_WOULD_CROSS':
      return 'PostOnlyWouldCross';
    case 'REDUCE_ONLY_WILL_INCREASE':
    case 'REDUCE_ONLY_WOULD_INCREASE':
      return 'ReduceOnlyRejected';
    case 'ORDER_SIZE_BELOW_MIN':
    case 'MIN_NOTIONAL':
      return 'BelowMinSize';
    case 'ORDER_EXCEEDS_POSITION_LIMIT':
    case 'INVALID_ORDER':
    case 'PRICE_OUT_OF_BANDS':
    case 'ORDER_TYPE_INVALID':
      return 'InvalidOrder';
    default:
      return null;
  }
}
