import type { Venue as VenueId } from '../../../shared/schemas/venues';

/**
 * Why a venue refused or failed a request. Strategies branch on the class
 * (or `kind`), never on message text. Every error keeps the venue's raw code
 * and message for the log.
 */
export type VenueErrorKind =
  | 'InsufficientMargin'
  | 'InvalidNonce'
  | 'RateLimited'
  | 'PostOnlyWouldCross'
  | 'ReduceOnlyRejected'
  | 'BelowMinSize'
  | 'InvalidSignature'
  | 'OrderNotFound'
  | 'InvalidOrder'
  | 'VenueUnavailable'
  | 'Unknown';

/** Base class of every typed venue error. */
export class VenueError extends Error {
  constructor(
    readonly kind: VenueErrorKind,
    readonly venue: VenueId,
    message: string,
    /** The venue's own error code (e.g. Lighter 21739), when it gave one. */
    readonly venueCode?: number | string,
    /** The venue's own message text. */
    readonly venueMessage?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = `${kind}Error`;
  }
}

type Ctor = new (venue: VenueId, message: string, venueCode?: number | string, venueMessage?: string, options?: { cause?: unknown }) => VenueError;

function kindClass(kind: VenueErrorKind): Ctor {
  return class extends VenueError {
    constructor(venue: VenueId, message: string, venueCode?: number | string, venueMessage?: string, options?: { cause?: unknown }) {
      super(kind, venue, message, venueCode, venueMessage, options);
    }
  };
}

/** Not enough collateral/margin for the order (Lighter 21739, 21507, 21508; Paradex NOT_ENOUGH_MARGIN). */
export const InsufficientMarginError = kindClass('InsufficientMargin');
/** The nonce was not the one the venue expected (Lighter 21104, 21105). */
export const InvalidNonceError = kindClass('InvalidNonce');
/** Rate limit hit (HTTP 429, Lighter 23000). `retryAfterMs` is set when the venue said. */
export class RateLimitedError extends kindClass('RateLimited') {
  retryAfterMs?: number;
}
/** A post-only order would have crossed the book and was cancelled. */
export const PostOnlyWouldCrossError = kindClass('PostOnlyWouldCross');
/** A reduce-only order would have increased the position (Lighter 21732, 21738, 21740). */
export const ReduceOnlyRejectedError = kindClass('ReduceOnlyRejected');
/** The order is below the market's minimum size or notional (Lighter 21706). */
export const BelowMinSizeError = kindClass('BelowMinSize');
/** The venue rejected the signature or auth token. */
export const InvalidSignatureError = kindClass('InvalidSignature');
/** The order to cancel or modify does not exist or is no longer active (Lighter 21600, 21709, 21715). */
export const OrderNotFoundError = kindClass('OrderNotFound');
/** The order's fields are invalid for the market (price, size, expiry, client order id…). */
export const InvalidOrderError = kindClass('InvalidOrder');
/** The venue could not be reached, timed out or answered 5xx: the request's outcome may be unknown. */
export const VenueUnavailableError = kindClass('VenueUnavailable');
/** Anything else; `venueCode` and `venueMessage` carry what the venue said. */
export const UnknownVenueError = kindClass('Unknown');

const CLASS_OF_KIND: Record<VenueErrorKind, Ctor> = {
  InsufficientMargin: InsufficientMarginError,
  InvalidNonce: InvalidNonceError,
  RateLimited: RateLimitedError,
  PostOnlyWouldCross: PostOnlyWouldCrossError,
  ReduceOnlyRejected: ReduceOnlyRejectedError,
  BelowMinSize: BelowMinSizeError,
  InvalidSignature: InvalidSignatureError,
  OrderNotFound: OrderNotFoundError,
  InvalidOrder: InvalidOrderError,
  VenueUnavailable: VenueUnavailableError,
  Unknown: UnknownVenueError,
};

/** The typed error (the class of `kind`, e.g. RateLimitedError) for a venue failure already classified. */
export function venueErrorOfKind(kind: VenueErrorKind, venue: VenueId, message: string, venueCode?: number | string, venueMessage?: string): VenueError {
  return new CLASS_OF_KIND[kind](venue, message, venueCode, venueMessage);
}

/**
 * A failure to reach a venue (connection refused, reset, timeout): the request's outcome is unknown.
 * @param label the venue's display name (e.g. `Lighter`); @param what the request, e.g. `GET account`.
 */
export function venueUnreachable(venue: VenueId, label: string, what: string, cause: unknown): VenueError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new VenueUnavailableError(venue, `${label} unreachable (${what}): ${detail}`, undefined, detail, { cause });
}
