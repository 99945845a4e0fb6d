import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../virtual-clock';
import { ParadexRateLimits, requestClass } from './rate-limits';

describe('Paradex rate limits (paradex.md §6)', () => {
  it('classifies requests by budget', () => {
    expect(requestClass('POST', '/auth', false)).toBe('auth');
    expect(requestClass('POST', '/orders', true)).toBe('order');
    expect(requestClass('DELETE', '/orders/123', true)).toBe('order');
    expect(requestClass('GET', '/orders', true)).toBe('privateGet');
    expect(requestClass('GET', '/markets', false)).toBe('public');
  });

  it('private reads: the 121st request inside one second waits for the window; the minute cap holds too', async () => {
    const clock = new VirtualClock();
    const limits = new ParadexRateLimits(clock);
    const start = clock.now();
    for (let i = 0; i < 120; i++) await limits.acquire('privateGet');
    expect(clock.now()).toBe(start);
    await limits.acquire('privateGet');
    expect(clock.now() - start).toBeGreaterThanOrEqual(1_000);
    for (let i = 0; i < 479; i++) await limits.acquire('privateGet');
    const before = clock.now();
    await limits.acquire('privateGet'); // the 601st in the minute
    expect(clock.now() - start).toBeGreaterThanOrEqual(60_000);
    expect(clock.now()).toBeGreaterThan(before);
  });

  it('order entry allows 800 per second', async () => {
    const clock = new VirtualClock();
    const limits = new ParadexRateLimits(clock);
    const start = clock.now();
    for (let i = 0; i < 800; i++) await limits.acquire('order');
    expect(clock.now()).toBe(start);
    await limits.acquire('order');
    expect(clock.now() - start).toBe(1_000);
  });
});
