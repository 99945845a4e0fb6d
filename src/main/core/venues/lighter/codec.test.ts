import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BelowMinSizeError, InvalidOrderError } from '../venue-errors';
import { encodeOrderAmounts, encodePrice, encodeSize, MAX_BASE_AMOUNT, MAX_PRICE, type MarketScale } from './codec';

const d = (v: string | number) => new Decimal(v);
/** ETH on Lighter: size 4 decimals, price 2, min 0.0050 ETH and 10 USDC (order_book_details.json). */
const eth: MarketScale = { symbol: 'ETH', sizeDecimals: 4, priceDecimals: 2, minBaseAmount: d('0.0050'), minNotional: d(10), maxNotional: d('281474976.710655') };
/** LTC: 3/3 decimals (the ccxt recording of lighter.md §1.10). */
const ltc: MarketScale = { symbol: 'LTC', sizeDecimals: 3, priceDecimals: 3, minBaseAmount: d('0.001'), minNotional: d(10), maxNotional: null };

describe('codec: sizes (lighter.md §3.3)', () => {
  it('matches the recorded ccxt orders: 1 LTC @ 40 → 1000 / 40000; 0.1 @ 60 → 100 / 60000', () => {
    expect(encodeOrderAmounts(d(1), d(40), 'buy', ltc)).toMatchObject({ baseAmount: 1000, price: 40000 });
    // (0.1 × 60 = 6 USDC is below LTC's 10 USDC minimum, so only the scaling is checked here)
    expect(encodeSize(d('0.1'), ltc).baseAmount).toBe(100);
    expect(encodePrice(d(60), 'buy', ltc).price).toBe(60000);
    expect(() => encodeOrderAmounts(d('0.1'), d(60), 'buy', ltc)).toThrow(BelowMinSizeError);
  });

  it('rounds sizes down to the step, never above what was asked', () => {
    expect(encodeSize(d('0.123456789'), eth)).toEqual({ baseAmount: 1234, size: d('0.1234') });
    expect(encodeSize(d('0.99999999999999999999999'), eth).baseAmount).toBe(9999);
    expect(encodeSize(d('0.0001'), eth).baseAmount).toBe(1);
  });

  it('a size below one step is BelowMinSize; zero, negative or NaN is InvalidOrder', () => {
    expect(() => encodeSize(d('0.00009'), eth)).toThrow(BelowMinSizeError);
    expect(() => encodeSize(d(0), eth)).toThrow(InvalidOrderError);
    expect(() => encodeSize(d(-1), eth)).toThrow(InvalidOrderError);
    expect(() => encodeSize(d(NaN), eth)).toThrow(InvalidOrderError);
  });

  it('BaseAmount stops at 2^48 − 1', () => {
    const exact = d(MAX_BASE_AMOUNT).div(10_000);
    expect(encodeSize(exact, eth).baseAmount).toBe(MAX_BASE_AMOUNT);
    expect(() => encodeSize(exact.plus('0.0001'), eth)).toThrow(InvalidOrderError);
  });
});

describe('codec: prices (lighter.md §3.2, §3.4)', () => {
  it('buys round down, sells round up: a limit price or a market order\'s worst price is never loosened', () => {
    expect(encodePrice(d('3000.019'), 'buy', eth)).toEqual({ price: 300001, priceValue: d('3000.01') });
    expect(encodePrice(d('3000.011'), 'sell', eth)).toEqual({ price: 300002, priceValue: d('3000.02') });
  });

  it('prices on the tick are kept exactly, whatever the side', () => {
    for (const side of ['buy', 'sell'] as const) expect(encodePrice(d('3000.10'), side, eth).price).toBe(300010);
  });

  it('Price range is 1 … 2^32 − 1 ticks', () => {
    expect(encodePrice(d('0.01'), 'buy', eth).price).toBe(1);
    expect(() => encodePrice(d('0.009'), 'buy', eth)).toThrow(InvalidOrderError);
    expect(encodePrice(d('0.001'), 'sell', eth).price).toBe(1);
    expect(encodePrice(d(MAX_PRICE).div(100), 'buy', eth).price).toBe(MAX_PRICE);
    expect(() => encodePrice(d(MAX_PRICE).div(100).plus('0.01'), 'buy', eth)).toThrow(InvalidOrderError);
    expect(() => encodePrice(d(0), 'buy', eth)).toThrow(InvalidOrderError);
  });
});

describe('codec: minimums and caps (lighter.md §8)', () => {
  it('the minimum base amount passes; one step less is BelowMinSize', () => {
    expect(encodeOrderAmounts(d('0.0050'), d(3000), 'buy', eth).baseAmount).toBe(50);
    expect(() => encodeOrderAmounts(d('0.0049'), d(3000), 'buy', eth)).toThrow(BelowMinSizeError);
  });

  it('notional is checked on the rounded size and price against min_quote_amount', () => {
    expect(encodeOrderAmounts(d('0.0050'), d(2000), 'buy', eth).baseAmount).toBe(50);
    expect(() => encodeOrderAmounts(d('0.0050'), d('1999.99'), 'buy', eth)).toThrow(BelowMinSizeError);
    // 0.00509 rounds down to 0.0050: 0.005 × 1999.999 (sell rounds up to 2000.00) = 10 → passes
    expect(encodeOrderAmounts(d('0.00509'), d('1999.999'), 'sell', eth)).toMatchObject({ baseAmount: 50, price: 200000 });
    // the same as a buy rounds down to 1999.99 → 9.99995 < 10
    expect(() => encodeOrderAmounts(d('0.00509'), d('1999.999'), 'buy', eth)).toThrow(BelowMinSizeError);
  });

  it('a notional above order_quote_limit is InvalidOrder', () => {
    const capped = { ...eth, maxNotional: d(5_000_000) };
    expect(encodeOrderAmounts(d(1000), d(5000), 'buy', capped).baseAmount).toBe(10_000_000);
    expect(() => encodeOrderAmounts(d('1000.0001'), d(5000), 'buy', capped)).toThrow(InvalidOrderError);
  });
});
