import { describe, expect, it } from 'vitest';
import { RateLimiter, STANDARD_TIER } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows 60 requests per rolling minute per key (standard tier)', () => {
    let now = 0;
    const limiter = new RateLimiter(STANDARD_TIER, () => now);
    for (let i = 0; i < 60; i++) {
      now = i * 500;
      expect(limiter.take('a')).toBe(true);
    }
    expect(limiter.take('a')).toBe(false);
    expect(limiter.take('b')).toBe(true);
    now = 60_000; // the first request (t = 0) left the window
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });
});
