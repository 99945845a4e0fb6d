import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../virtual-clock';
import { ParadexIpLimits, ParadexRateLimits, requestClass, sharedIpLimits } from './rate-limits';

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
    const limits = new ParadexRateLimits(clock, new ParadexIpLimits(clock, undefined, 0), undefined, 0);
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
    const limits = new ParadexRateLimits(clock, new ParadexIpLimits(clock, undefined, 0), undefined, 0);
    const start = clock.now();
    for (let i = 0; i < 800; i++) await limits.acquire('order');
    expect(clock.now()).toBe(start);
    await limits.acquire('order');
    expect(clock.now() - start).toBe(1_000);
  });

  it('per-IP budgets are shared by the accounts of one host: 1500 private requests a minute in total', async () => {
    const clock = new VirtualClock();
    const ip = new ParadexIpLimits(clock, undefined, 0);
    const a = new ParadexRateLimits(clock, ip, undefined, 0);
    const b = new ParadexRateLimits(clock, ip, undefined, 0);
    const start = clock.now();
    // 750 order requests each (within each account's own 800/s) fill the shared minute.
    for (let i = 0; i < 750; i++) await a.acquire('order');
    expect(clock.now()).toBe(start);
    for (let i = 0; i < 750; i++) await b.acquire('order');
    expect(clock.now()).toBeLessThan(start + 60_000);
    await b.acquire('order');
    expect(clock.now() - start).toBeGreaterThanOrEqual(60_000);
    expect(sharedIpLimits('https://api.prod.paradex.trade/v1', clock)).toBe(sharedIpLimits('https://api.prod.paradex.trade/v1/', clock));
    expect(sharedIpLimits('http://127.0.0.1:1/v1', clock)).not.toBe(sharedIpLimits('http://127.0.0.1:2/v1', clock));
  });

  it('keeps 40 % of every window for urgent requests (hedges, flattening), which are served first', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const limits = new ParadexRateLimits(clock);
    for (let i = 0; i < 480; i++) await limits.acquire('order');
    for (let i = 0; i < 320; i++) await limits.acquire('order', undefined, 'urgent');
    expect(clock.now()).toBe(start);
    await limits.acquire('order', undefined, 'urgent');
    expect(clock.now() - start).toBe(1_000);
  });
});
