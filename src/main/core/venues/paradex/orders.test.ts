import { describe, expect, it } from 'vitest';
import { kindOfCancelReason, paradexError } from './errors';
import { toFill } from './fills';
import { toOrder } from './orders';
import { toCollateral, toPosition } from './positions';
import { fillSchema, orderSchema, positionSchema, type ParadexOrder } from './wire';
import { InsufficientMarginError, InvalidSignatureError, OrderNotFoundError, RateLimitedError, VenueUnavailableError } from '../venue-errors';

const base: ParadexOrder = orderSchema.parse({
  id: '1721903808500201709220290000',
  account: '0x5d8d',
  market: 'ETH-USD-PERP',
  side: 'BUY',
  type: 'LIMIT',
  size: '0.3',
  remaining_size: '0.3',
  price: '3000',
  status: 'NEW',
  created_at: '1721903808505',
  last_updated_at: '1721903808521',
  cancel_reason: '',
  client_id: 'c1',
  instruction: 'POST_ONLY',
  avg_fill_price: '',
  flags: [],
});

describe('Paradex orders → Venue orders (paradex.md §5)', () => {
  it('NEW → pending; OPEN partly filled → partially_filled with average price; CLOSED filled → filled', () => {
    expect(toOrder(base, 'ETH')).toMatchObject({ status: 'pending', timeInForce: 'POST_ONLY', clientOrderId: 'c1', rejection: null, updatedAt: 1721903808521 });
    const partial = toOrder({ ...base, status: 'OPEN', remaining_size: '0.1', avg_fill_price: '2999.5' }, 'ETH');
    expect(partial.status).toBe('partially_filled');
    expect(partial.filledSize.toString()).toBe('0.2');
    expect(partial.avgFillPrice?.toString()).toBe('2999.5');
    expect(toOrder({ ...base, status: 'CLOSED', remaining_size: '0', avg_fill_price: '3000' }, 'ETH').status).toBe('filled');
  });

  it('asynchronous refusals: CLOSED with NOT_ENOUGH_MARGIN / POST_ONLY_WOULD_CROSS / reduce-only → rejected with a typed kind', () => {
    const closed = (cancel_reason: string) => toOrder({ ...base, status: 'CLOSED', cancel_reason }, 'ETH');
    expect(closed('NOT_ENOUGH_MARGIN')).toMatchObject({ status: 'rejected', rejection: 'InsufficientMargin', statusReason: 'NOT_ENOUGH_MARGIN' });
    expect(closed('POST_ONLY_WOULD_CROSS')).toMatchObject({ status: 'rejected', rejection: 'PostOnlyWouldCross' });
    expect(closed('REDUCE_ONLY_WOULD_INCREASE')).toMatchObject({ status: 'rejected', rejection: 'ReduceOnlyRejected' });
    expect(closed('ORDER_SIZE_BELOW_MIN')).toMatchObject({ status: 'rejected', rejection: 'BelowMinSize' });
    expect(closed('USER_CANCELED')).toMatchObject({ status: 'canceled', rejection: null });
    expect(kindOfCancelReason('EXPIRED')).toBeNull();
  });

  it('MARKET orders are IOC with price 0; reduce-only from flags', () => {
    const o = toOrder({ ...base, type: 'MARKET', price: null, instruction: 'GTC', flags: ['REDUCE_ONLY'] }, 'ETH');
    expect(o).toMatchObject({ type: 'market', timeInForce: 'IOC', reduceOnly: true });
    expect(o.price.toString()).toBe('0');
  });
});

describe('Paradex fills, positions, collateral (paradex.md §6)', () => {
  it('fill: id, fee in USDC, maker/taker', () => {
    const fill = toFill(
      fillSchema.parse({ id: 'f1', side: 'SELL', liquidity: 'MAKER', market: 'ETH-USD-PERP', order_id: 'o1', price: '3000.5', size: '0.1', fee: '-0.01', created_at: 5, client_id: '' }),
      'ETH',
    );
    expect(fill).toMatchObject({ fillId: 'f1', side: 'sell', liquidity: 'maker', clientOrderId: null, venueOrderId: 'o1', timestamp: 5 });
    expect(fill.fee.toString()).toBe('-0.01');
  });

  it('positions are signed by side whatever the sign of size; CLOSED or flat → none', () => {
    const p = (over: object) => positionSchema.parse({ market: 'ETH-USD-PERP', status: 'OPEN', side: 'SHORT', size: '-0.5', average_entry_price: '3000', unrealized_pnl: '1.5', liquidation_price: '', ...over });
    expect(toPosition(p({}), 'ETH')!.size.toString()).toBe('-0.5');
    expect(toPosition(p({ size: '0.5' }), 'ETH')!.size.toString()).toBe('-0.5');
    expect(toPosition(p({ side: 'LONG', size: '2', liquidation_price: '1500' }), 'ETH')).toMatchObject({ liquidationPrice: expect.anything() });
    expect(toPosition(p({ status: 'CLOSED' }), 'ETH')).toBeNull();
    expect(toPosition(p({ size: '0' }), 'ETH')).toBeNull();
    const c = toCollateral({ account_value: '10010.5', free_collateral: '9000' });
    expect([c.total.toString(), c.available.toString()]).toEqual(['10010.5', '9000']);
  });
});

describe('Paradex REST errors → typed venue errors (paradex.md §6)', () => {
  it('maps codes and HTTP statuses', () => {
    expect(paradexError('STARKNET_SIGNATURE_VERIFICATION_FAILED', 'bad', 401)).toBeInstanceOf(InvalidSignatureError);
    expect(paradexError('ORDER_ID_NOT_FOUND', 'gone', 404)).toBeInstanceOf(OrderNotFoundError);
    expect(paradexError('NOT_ENOUGH_MARGIN', undefined, 400)).toBeInstanceOf(InsufficientMarginError);
    expect(paradexError(undefined, 'slow down', 429)).toBeInstanceOf(RateLimitedError);
    expect(paradexError(undefined, 'oops', 503)).toBeInstanceOf(VenueUnavailableError);
    const e = paradexError('SOMETHING_NEW', 'hm', 400);
    expect([e.kind, e.venueCode, e.venueMessage]).toEqual(['Unknown', 'SOMETHING_NEW', 'hm']);
  });
});
