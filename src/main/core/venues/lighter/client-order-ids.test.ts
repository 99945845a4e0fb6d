import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../virtual-clock';
import { ClientOrderIds, MAX_CLIENT_ORDER_INDEX } from './client-order-ids';

describe('ClientOrderIds (lighter.md §3.2)', () => {
  it('generates unique increasing indexes in 1 … 2^48 − 1, even within one millisecond', () => {
    const ids = new ClientOrderIds(new VirtualClock());
    const seen = new Set<number>();
    let last = 0;
    for (let i = 0; i < 1000; i++) {
      const { index, clientOrderId } = ids.assign();
      expect(index).toBeGreaterThan(last);
      expect(index).toBeLessThanOrEqual(MAX_CLIENT_ORDER_INDEX);
      expect(clientOrderId).toBe(String(index));
      seen.add(index);
      last = index;
    }
    expect(seen.size).toBe(1000);
  });

  it('indexes of a later run (later clock) do not collide with an earlier run', () => {
    const clock = new VirtualClock();
    const first = new ClientOrderIds(clock);
    const a = Array.from({ length: 50 }, () => first.assign().index);
    clock.advance(1);
    const second = new ClientOrderIds(clock);
    expect(second.assign().index).toBeGreaterThan(Math.max(...a));
  });

  it('numeric caller ids are used as is; other strings are mapped both ways', () => {
    const ids = new ClientOrderIds(new VirtualClock());
    expect(ids.assign('12345')).toEqual({ index: 12345, clientOrderId: '12345' });
    const named = ids.assign('hedge-leg-A-7');
    expect(ids.assign('hedge-leg-A-7').index).toBe(named.index);
    expect(ids.clientOrderIdOf(named.index)).toBe('hedge-leg-A-7');
    expect(ids.clientOrderIdOf(999)).toBe('999');
    expect(ids.clientOrderIdOf(0)).toBeNull();
    expect(ids.assign(String(2 ** 48)).index).not.toBe(2 ** 48);
  });
});
