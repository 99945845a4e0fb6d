import { describe, expect, it } from 'vitest';
import { CountedFault } from './counted-fault';

describe('CountedFault', () => {
  it('gives its detail to the next count requests, then disarms', () => {
    const fault = new CountedFault<string>();
    expect(fault.take()).toBeNull();
    fault.arm(2, 'NOT_ENOUGH_MARGIN');
    expect(fault.peek()).toEqual({ remaining: 2, detail: 'NOT_ENOUGH_MARGIN' });
    expect(fault.take()).toBe('NOT_ENOUGH_MARGIN');
    expect(fault.remaining).toBe(1);
    expect(fault.take()).toBe('NOT_ENOUGH_MARGIN');
    expect(fault.take()).toBeNull();
    expect(fault.peek()).toBeNull();
  });

  it('is replaced by a new arming and emptied by clear', () => {
    const fault = new CountedFault<true>();
    fault.arm(5, true);
    fault.arm(1, true);
    expect(fault.remaining).toBe(1);
    fault.clear();
    expect(fault.remaining).toBe(0);
    expect(fault.take()).toBeNull();
  });
});
