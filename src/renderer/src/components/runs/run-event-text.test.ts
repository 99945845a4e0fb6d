import { describe, expect, it } from 'vitest';
import type { RunEventOf } from '../../../../shared/schemas/runs';
import { runEventText } from './run-event-text';

function orderEvent(type: 'limit' | 'market', price: string): RunEventOf<'order'> {
  return {
    type: 'order',
    runId: 'run_1',
    at: 0,
    accountId: 'acc_1',
    purpose: 'entry',
    order: {
      clientOrderId: 'c1',
      venueOrderId: null,
      symbol: 'ETH',
      side: 'buy',
      type,
      timeInForce: 'IOC',
      reduceOnly: false,
      price,
      size: '0.05',
      filledSize: '0',
      status: 'pending',
      rejection: null,
    },
  };
}

describe('runEventText for orders', () => {
  const label = (id: string | null) => (id === 'acc_1' ? 'Hedge Paradex' : '?');

  it('says "at market" for a market order the venue reports without a price (Paradex MARKET: price 0)', () => {
    const text = runEventText(orderEvent('market', '0'), label);
    expect(text.key).toBe('runEvents.orderMarket');
    expect(text.params).toMatchObject({ account: 'Hedge Paradex', size: '0.05', symbol: 'ETH' });
  });

  it('shows the price of limit orders and of market orders with a worst-price bound', () => {
    expect(runEventText(orderEvent('limit', '2992.21'), label)).toMatchObject({ key: 'runEvents.order', params: { price: '2992.21' } });
    expect(runEventText(orderEvent('market', '3006.56'), label)).toMatchObject({ key: 'runEvents.order', params: { price: '3006.56' } });
  });
});
