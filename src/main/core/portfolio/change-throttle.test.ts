import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeThrottle } from './change-throttle';

describe('ChangeThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns 1000 changes per second into at most 4 flushes per second, the last change included', () => {
    const flushes: number[] = [];
    let state = 0;
    let seen = -1;
    const throttle = new ChangeThrottle(() => {
      flushes.push(Date.now());
      seen = state;
    }, 250);
    for (let i = 1; i <= 1000; i++) {
      state = i;
      throttle.changed();
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(250);
    expect(flushes.length).toBeGreaterThanOrEqual(4);
    expect(flushes.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < flushes.length; i++) expect(flushes[i]! - flushes[i - 1]!).toBeGreaterThanOrEqual(250);
    expect(seen).toBe(1000);
  });

  it('flushes the first change after a quiet period at once, and nothing without changes', () => {
    const flush = vi.fn();
    const throttle = new ChangeThrottle(flush, 250);
    vi.advanceTimersByTime(1_000);
    expect(flush).not.toHaveBeenCalled();
    throttle.changed();
    expect(flush).toHaveBeenCalledTimes(1);
    throttle.changed();
    throttle.changed();
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(249);
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5_000);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('drops a pending flush on close and rejects a non-positive interval', () => {
    const flush = vi.fn();
    const throttle = new ChangeThrottle(flush, 250);
    throttle.changed();
    throttle.changed();
    throttle.close();
    vi.advanceTimersByTime(1_000);
    throttle.changed();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(() => new ChangeThrottle(flush, 0)).toThrow(RangeError);
  });
});
