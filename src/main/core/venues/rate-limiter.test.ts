import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { WeightedRateLimiter } from './rate-limiter';
import { VirtualClock } from './virtual-clock';
import { SteppedClock } from '../engine/testing/stepped-clock';

describe('WeightedRateLimiter', () => {
  it('grants up to the capacity inside the window without waiting', async () => {
    const clock = new VirtualClock();
    const limiter = new WeightedRateLimiter({ capacity: 60, windowMs: 60_000, clock });
    for (let i = 0; i < 60; i++) await limiter.acquire(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('makes the 61st request wait until the first leaves the rolling window', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const limiter = new WeightedRateLimiter({ capacity: 60, windowMs: 60_000, clock });
    await limiter.acquire(1);
    clock.advance(10_000);
    for (let i = 0; i < 59; i++) await limiter.acquire(1);
    await limiter.acquire(1);
    // The first grant (t=0) expires at t=60 s; the caller waited exactly until then.
    expect(clock.now() - start).toBe(60_000);
    expect(clock.sleeps).toEqual([50_000]);
  });

  it('weights requests: a heavy one waits for enough weight to leave the window', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const limiter = new WeightedRateLimiter({ capacity: 1000, windowMs: 60_000, clock });
    await limiter.acquire(600);
    clock.advance(1_000);
    await limiter.acquire(300);
    clock.advance(1_000);
    await limiter.acquire(600); // 900 + 600 > 1000: waits until the first 600 leaves (300 + 600 fits)
    expect(clock.now() - start).toBe(60_000);
    await limiter.acquire(100); // 300 + 600 + 100 fits
    expect(clock.now() - start).toBe(60_000);
    await limiter.acquire(1); // full: waits until the 300 (granted at 1 s) leaves
    expect(clock.now() - start).toBe(61_000);
  });

  it('serves waiting callers in order and never exceeds the capacity in any window', async () => {
    const clock = new VirtualClock();
    const limiter = new WeightedRateLimiter({ capacity: 5, windowMs: 1_000, clock });
    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 12 }, () => limiter.acquire(1).then(() => grantedAt.push(clock.now()))));
    expect(grantedAt).toHaveLength(12);
    for (const t of grantedAt) expect(grantedAt.filter((u) => u > t - 1_000 && u <= t).length).toBeLessThanOrEqual(5);
  });

  it('refuses weights above the capacity', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 10, windowMs: 1_000, clock: new VirtualClock() });
    await expect(limiter.acquire(11)).rejects.toThrow(RangeError);
    await expect(limiter.acquire(0)).rejects.toThrow(RangeError);
  });
});

describe('WeightedRateLimiter priorities', () => {
  it('keeps the reserved share for urgent requests: normal ones wait, urgent ones go at once', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const limiter = new WeightedRateLimiter({ capacity: 10, windowMs: 60_000, reservedShare: 0.3, clock });
    for (let i = 0; i < 7; i++) await limiter.acquire(1);
    expect(clock.sleeps).toEqual([]);
    // The reserve (3 of 10) is the urgent callers' only.
    for (let i = 0; i < 3; i++) await limiter.acquire(1, undefined, 'urgent');
    expect(clock.now()).toBe(start);
    expect(limiter.used()).toBe(10);
    // A normal caller now waits until the window has room under its 7.
    await limiter.acquire(1);
    expect(clock.now() - start).toBe(60_000);
  });

  it('serves a waiting urgent caller before normal callers that queued earlier', async () => {
    const clock = new SteppedClock();
    const limiter = new WeightedRateLimiter({ capacity: 2, windowMs: 1_000, clock });
    const order: string[] = [];
    await limiter.acquire(1);
    await limiter.acquire(1);
    const normals = [1, 2, 3].map((n) => limiter.acquire(1).then(() => order.push(`normal ${n}`)));
    const urgent = limiter.acquire(1, undefined, 'urgent').then(() => order.push('urgent'));
    await Promise.all([...normals, urgent]);
    expect(order[0]).toBe('urgent');
    expect(order.slice(1)).toEqual(['normal 1', 'normal 2', 'normal 3']);
  });

  it('lets an urgent arrival cut short a normal caller’s wait when the reserve has room', async () => {
    const clock = new SteppedClock();
    const start = clock.now();
    const limiter = new WeightedRateLimiter({ capacity: 4, windowMs: 60_000, reservedShare: 0.5, clock });
    await limiter.acquire(1);
    await limiter.acquire(1);
    let normalAt = 0;
    const normal = limiter.acquire(1).then(() => (normalAt = clock.now()));
    await limiter.acquire(1, undefined, 'urgent');
    expect(clock.now()).toBe(start);
    await normal;
    expect(normalAt - start).toBe(60_000);
  });

  it('drops an aborted waiter and refuses an out-of-range reserve', async () => {
    const clock = new SteppedClock();
    const limiter = new WeightedRateLimiter({ capacity: 1, windowMs: 1_000, clock });
    await limiter.acquire(1);
    const abort = new AbortController();
    const waiting = limiter.acquire(1, abort.signal);
    abort.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(() => new WeightedRateLimiter({ capacity: 1, windowMs: 1, reservedShare: 1, clock })).toThrow(RangeError);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter in [cap/2, cap]', () => {
    const opts = { baseMs: 100, maxMs: 1_000 };
    expect(backoffDelay(0, { ...opts, random: () => 0 })).toBe(50);
    expect(backoffDelay(0, { ...opts, random: () => 0.999999 })).toBe(100);
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(400);
    expect(backoffDelay(10, { ...opts, random: () => 0.5 })).toBe(750);
    for (let a = 0; a < 8; a++) {
      const d = backoffDelay(a, opts);
      const cap = Math.min(1_000, 100 * 2 ** a);
      expect(d).toBeGreaterThanOrEqual(cap / 2);
      expect(d).toBeLessThanOrEqual(cap);
    }
  });
});
