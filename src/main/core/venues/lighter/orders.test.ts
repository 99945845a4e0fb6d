import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { toMs, toOrder, toOrderStatus, toTimeInForce } from './orders';
import { SAMPLE_ORDER } from './test-helpers';
import type { LighterOrder } from './wire';

/** {@link SAMPLE_ORDER} as a post-only order, filled at 3432 on average. */
const base: LighterOrder = { ...SAMPLE_ORDER, filled_quote_amount: '171.600000', time_in_force: 'post-only' };

describe('Lighter orders (lighter.md §1.6)', () => {
  it('maps every status string', () => {
    const zero = new Decimal(0);
    const some = new Decimal('0.1');
    expect(toOrderStatus('in-progress', zero)).toBe('pending');
    expect(toOrderStatus('pending', zero)).toBe('pending');
    expect(toOrderStatus('open', zero)).toBe('open');
    expect(toOrderStatus('open', some)).toBe('partially_filled');
    expect(toOrderStatus('filled', some)).toBe('filled');
    expect(toOrderStatus('canceled', zero)).toBe('canceled');
    expect(toOrderStatus('canceled-expired', zero)).toBe('canceled');
    expect(toOrderStatus('canceled-too-much-slippage', some)).toBe('canceled');
    expect(toOrderStatus('canceled-not-enough-liquidity', zero)).toBe('canceled');
    expect(toOrderStatus('canceled-self-trade', zero)).toBe('canceled');
    for (const s of ['canceled-post-only', 'canceled-reduce-only', 'canceled-position-not-allowed', 'canceled-margin-not-allowed', 'canceled-invalid-balance']) {
      expect(toOrderStatus(s, zero)).toBe('rejected');
      expect(toOrderStatus(s, some)).toBe('canceled');
    }
  });

  it('maps time in force and timestamps', () => {
    expect(toTimeInForce('good-till-time')).toBe('GTC');
    expect(toTimeInForce('immediate-or-cancel')).toBe('IOC');
    expect(toTimeInForce('post-only')).toBe('POST_ONLY');
    expect(toMs(1722339648)).toBe(1722339648000);
    expect(toMs(1763623734215)).toBe(1763623734215);
  });

  it('maps an order: side, sizes, average fill price, client id, reason', () => {
    const o = toOrder(base, 'ETH', (i) => (i === 42 ? 'my-order' : null));
    expect(o).toMatchObject({ symbol: 'ETH', venueOrderId: '281476565888172', clientOrderId: 'my-order', side: 'sell', type: 'limit', timeInForce: 'POST_ONLY', status: 'partially_filled', statusReason: null, updatedAt: 1763623734215 });
    expect(o.avgFillPrice?.toString()).toBe('3432');
    expect(o.size.toString()).toBe('0.2');
    const rejected = toOrder({ ...base, status: 'canceled-post-only', filled_base_amount: '0.0000', filled_quote_amount: '0' }, 'ETH', () => null);
    expect(rejected).toMatchObject({ status: 'rejected', statusReason: 'canceled-post-only', rejection: 'PostOnlyWouldCross', avgFillPrice: null });
  });
});
