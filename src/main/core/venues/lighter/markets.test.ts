import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { InvalidOrderError } from '../venue-errors';
import { MarketCatalog, toMarket } from './markets';
import { orderBookDetailsResponseSchema, type OrderBookDetail } from './wire';

const snapshot = orderBookDetailsResponseSchema.parse(JSON.parse(readFileSync(join(__dirname, 'testdata', 'order_book_details.json'), 'utf8')));

describe('markets from orderBookDetails (lighter.md §1.1, §8)', () => {
  it('maps ETH: tick, step, minimums, cap, fees', () => {
    const catalog = new MarketCatalog([...snapshot.order_book_details, ...(snapshot.spot_order_book_details ?? [])]);
    const eth = catalog.get('ETH');
    expect(eth.venueMarketId).toBe(0);
    expect(eth.tickSize.toString()).toBe('0.01');
    expect(eth.stepSize.toString()).toBe('0.0001');
    expect(eth.minBaseAmount.toString()).toBe('0.005');
    expect(eth.minNotional.toString()).toBe('10');
    expect(eth.maxNotional?.toString()).toBe('281474976.710655');
    expect(eth.makerFee.isZero()).toBe(true);
    expect(eth.status).toBe('active');
    expect(catalog.idOf('ETH')).toBe(0);
    expect(catalog.byMarketId(0)?.symbol).toBe('ETH');
  });

  it('keeps perps only and maps statuses', () => {
    const catalog = new MarketCatalog([...snapshot.order_book_details, ...(snapshot.spot_order_book_details ?? [])]);
    expect(catalog.all()).toHaveLength(233);
    expect(() => catalog.get('AAVE/USDC')).toThrow(InvalidOrderError);
    const reduceOnly = snapshot.order_book_details.find((m) => m.status === 'active' && m.market_config?.force_reduce_only);
    const inactive = snapshot.order_book_details.find((m) => m.status === 'inactive');
    expect(catalog.get(reduceOnly!.symbol).status).toBe('reduce-only');
    expect(catalog.get(inactive!.symbol).status).toBe('inactive');
  });

  it('fees are percentage strings; an empty or zero order_quote_limit means no cap', () => {
    const base = snapshot.order_book_details[0]!;
    const detail: OrderBookDetail = { ...base, taker_fee: '0.0200', maker_fee: '-0.0020', order_quote_limit: '' };
    const m = toMarket(detail);
    expect(m.takerFee.eq(new Decimal('0.0002'))).toBe(true);
    expect(m.makerFee.eq(new Decimal('-0.00002'))).toBe(true);
    expect(m.maxNotional).toBeNull();
    expect(toMarket({ ...detail, order_quote_limit: '0.000000' }).maxNotional).toBeNull();
  });
});
