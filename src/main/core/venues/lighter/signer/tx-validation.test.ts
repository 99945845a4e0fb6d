import { describe, expect, it } from 'vitest';
import { LighterTxValidationError } from './signer-errors';
import { validateCancelAllOrders, validateCancelOrder, validateCreateOrder, validateModifyOrder, type CreateOrderTx } from './tx-validation';

const envelope = { AccountIndex: 715085, ApiKeyIndex: 5, ExpiredAt: 1772175725602, Nonce: 7 };
const limit: CreateOrderTx = {
  ...envelope,
  MarketIndex: 35,
  ClientOrderIndex: 489057754,
  BaseAmount: 1000,
  Price: 40000,
  IsAsk: 0,
  Type: 0,
  TimeInForce: 1,
  ReduceOnly: 0,
  TriggerPrice: 0,
  OrderExpiry: 1774594326601,
};

function fieldOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(LighterTxValidationError);
    return (err as LighterTxValidationError).field;
  }
}

describe('tx validation (lighter-go Validate rules)', () => {
  it('accepts the recorded limit order and its spot / post-only variants', () => {
    expect(fieldOf(() => validateCreateOrder(limit))).toBeUndefined();
    expect(fieldOf(() => validateCreateOrder({ ...limit, MarketIndex: 2048 }))).toBeUndefined();
    expect(fieldOf(() => validateCreateOrder({ ...limit, TimeInForce: 2 }))).toBeUndefined();
    expect(fieldOf(() => validateCreateOrder({ ...limit, ClientOrderIndex: 0 }))).toBeUndefined();
  });

  it('checks the envelope ranges', () => {
    expect(fieldOf(() => validateCreateOrder({ ...limit, AccountIndex: 2 ** 48 - 1 }))).toBe('AccountIndex');
    expect(fieldOf(() => validateCreateOrder({ ...limit, ApiKeyIndex: 255 }))).toBe('ApiKeyIndex');
    expect(fieldOf(() => validateCreateOrder({ ...limit, ExpiredAt: 2 ** 48 }))).toBe('ExpiredAt');
    expect(fieldOf(() => validateCreateOrder({ ...limit, Nonce: -1 }))).toBe('Nonce');
  });

  it('checks the order fields', () => {
    expect(fieldOf(() => validateCreateOrder({ ...limit, MarketIndex: 300 }))).toBe('MarketIndex');
    expect(fieldOf(() => validateCreateOrder({ ...limit, MarketIndex: 4095 }))).toBe('MarketIndex');
    expect(fieldOf(() => validateCreateOrder({ ...limit, MarketIndex: 2048, ReduceOnly: 1 }))).toBe('ReduceOnly');
    expect(fieldOf(() => validateCreateOrder({ ...limit, IsAsk: 2 }))).toBe('IsAsk');
    expect(fieldOf(() => validateCreateOrder({ ...limit, TimeInForce: 3 }))).toBe('TimeInForce');
    expect(fieldOf(() => validateCreateOrder({ ...limit, Type: 2, TriggerPrice: 1 }))).toBe('Type');
    expect(fieldOf(() => validateCreateOrder({ ...limit, OrderExpiry: -5 }))).toBe('OrderExpiry');
  });

  it('cancel: a valid market and a client or exchange order index', () => {
    expect(fieldOf(() => validateCancelOrder({ ...envelope, MarketIndex: 0, Index: 2 ** 48 + 5 }))).toBeUndefined();
    expect(fieldOf(() => validateCancelOrder({ ...envelope, MarketIndex: 255, Index: 1 }))).toBe('MarketIndex');
    expect(fieldOf(() => validateCancelOrder({ ...envelope, MarketIndex: 1, Index: -3 }))).toBe('Index');
  });

  it('cancel-all: time by time-in-force', () => {
    expect(fieldOf(() => validateCancelAllOrders({ ...envelope, TimeInForce: 0, Time: 0 }))).toBeUndefined();
    expect(fieldOf(() => validateCancelAllOrders({ ...envelope, TimeInForce: 1, Time: 1_700_000_300_000 }))).toBeUndefined();
    expect(fieldOf(() => validateCancelAllOrders({ ...envelope, TimeInForce: 2, Time: 0 }))).toBeUndefined();
    expect(fieldOf(() => validateCancelAllOrders({ ...envelope, TimeInForce: 2, Time: 5 }))).toBe('Time');
    expect(fieldOf(() => validateCancelAllOrders({ ...envelope, TimeInForce: 3, Time: 0 }))).toBe('TimeInForce');
  });

  it('modify: amount may be 0, price and trigger in range', () => {
    expect(fieldOf(() => validateModifyOrder({ ...envelope, MarketIndex: 1, Index: 77, BaseAmount: 0, Price: 1, TriggerPrice: 0 }))).toBeUndefined();
    expect(fieldOf(() => validateModifyOrder({ ...envelope, MarketIndex: 1, Index: 77, BaseAmount: 1, Price: 1, TriggerPrice: 2 ** 32 }))).toBe('TriggerPrice');
    expect(fieldOf(() => validateModifyOrder({ ...envelope, MarketIndex: 1, Index: 77, BaseAmount: 2 ** 48, Price: 1, TriggerPrice: 0 }))).toBe('BaseAmount');
  });
});
