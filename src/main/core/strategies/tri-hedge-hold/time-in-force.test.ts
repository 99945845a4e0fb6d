import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { fokCovered, venueTimeInForce } from './time-in-force';

const d = (v: string | number) => new Decimal(v);
const book = {
  symbol: 'ETH',
  bids: [{ price: d(2999), size: d('0.01') }, { price: d(2998), size: d('0.02') }],
  asks: [{ price: d(3001), size: d('0.01') }, { price: d(3002), size: d('0.02') }],
  sequence: 1,
  timestamp: 0,
};

describe('primary time in force', () => {
  it('maps GTC, IOC and post-only one to one and FOK to IOC', () => {
    expect(venueTimeInForce('GTC')).toBe('GTC');
    expect(venueTimeInForce('IOC')).toBe('IOC');
    expect(venueTimeInForce('POST_ONLY')).toBe('POST_ONLY');
    expect(venueTimeInForce('FOK')).toBe('IOC');
  });

  it('sends FOK only when the book at the limit price covers the whole size', () => {
    expect(fokCovered(book, 'buy', d(3001), d('0.01'))).toBe(true);
    expect(fokCovered(book, 'buy', d(3001), d('0.02'))).toBe(false);
    expect(fokCovered(book, 'buy', d(3002), d('0.03'))).toBe(true);
    expect(fokCovered(book, 'sell', d(2998), d('0.03'))).toBe(true);
    expect(fokCovered(book, 'sell', d(2999.5), d('0.001'))).toBe(false);
  });
});
