import { describe, expect, it } from 'vitest';
import {
  BelowMinSizeError,
  InsufficientMarginError,
  InvalidNonceError,
  InvalidOrderError,
  OrderNotFoundError,
  RateLimitedError,
  ReduceOnlyRejectedError,
  UnknownVenueError,
  VenueUnavailableError,
} from '../venue-errors';
import { kindOfOrderStatus, lighterError, lighterUnavailable } from './errors';

describe('Lighter error mapping (lighter.md §7.1)', () => {
  it.each([
    [21739, InsufficientMarginError],
    [21507, InsufficientMarginError],
    [21508, InsufficientMarginError],
    [21104, InvalidNonceError],
    [21105, InvalidNonceError],
    [23000, RateLimitedError],
    [21706, BelowMinSizeError],
    [21603, BelowMinSizeError],
    [21732, ReduceOnlyRejectedError],
    [21738, ReduceOnlyRejectedError],
    [21740, ReduceOnlyRejectedError],
    [21600, OrderNotFoundError],
    [21709, OrderNotFoundError],
    [21715, OrderNotFoundError],
    [21700, OrderNotFoundError],
    [21701, InvalidOrderError],
    [21728, InvalidOrderError],
    [21733, InvalidOrderError],
    [21506, UnknownVenueError],
    [30005, UnknownVenueError],
  ])('code %i → %o', (code, cls) => {
    const err = lighterError(code, 'msg', 400);
    expect(err).toBeInstanceOf(cls);
    expect(err.venueCode).toBe(code);
    expect(err.venueMessage).toBe('msg');
    expect(err.venue).toBe('lighter');
  });

  it('HTTP 429 is a rate limit whatever the body; 5xx without a code is VenueUnavailable', () => {
    expect(lighterError(undefined, 'Too Many Requests', 429)).toBeInstanceOf(RateLimitedError);
    expect(lighterError(21104, 'x', 429)).toBeInstanceOf(RateLimitedError);
    expect(lighterError(undefined, 'bad gateway', 502)).toBeInstanceOf(VenueUnavailableError);
    expect(lighterError(12345, 'odd', 503)).toBeInstanceOf(VenueUnavailableError);
    expect(lighterError(21739, 'margin', 500)).toBeInstanceOf(InsufficientMarginError);
    const unknown = lighterError(99999, 'strange', 400);
    expect(unknown).toBeInstanceOf(UnknownVenueError);
    expect(unknown.message).toContain('99999');
  });

  it('network failures are VenueUnavailable with the cause', () => {
    const cause = new Error('ECONNREFUSED');
    const err = lighterUnavailable('GET account', cause);
    expect(err).toBeInstanceOf(VenueUnavailableError);
    expect(err.cause).toBe(cause);
  });

  it('order refusals arriving as a status have a kind (§1.6)', () => {
    expect(kindOfOrderStatus('canceled-post-only')).toBe('PostOnlyWouldCross');
    expect(kindOfOrderStatus('canceled-reduce-only')).toBe('ReduceOnlyRejected');
    expect(kindOfOrderStatus('canceled-margin-not-allowed')).toBe('InsufficientMargin');
    expect(kindOfOrderStatus('canceled')).toBeNull();
    expect(kindOfOrderStatus('filled')).toBeNull();
  });
});
