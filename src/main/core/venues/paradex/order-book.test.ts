import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ParadexOrderBook } from './order-book';
import { wsOrderBookSchema } from './wire';

const logger = pino({ level: 'silent' });
const msg = (seq_no: number, update_type: 's' | 'd', changes: { inserts?: unknown[]; updates?: unknown[]; deletes?: unknown[] }) =>
  wsOrderBookSchema.parse({ seq_no, market: 'ETH-USD-PERP', last_updated_at: 1000 + seq_no, update_type, ...changes });
const lvl = (side: 'BUY' | 'SELL', price: string, size: string) => ({ side, price, size });

describe('Paradex order book (paradex.md §8)', () => {
  it('a snapshot then deltas by seq_no: inserts, updates, deletes', async () => {
    let resyncRequests = 0;
    const book = new ParadexOrderBook('ETH', () => resyncRequests++, logger);
    const ready = book.whenReady();
    book.apply(msg(10, 's', { inserts: [lvl('BUY', '2999', '1'), lvl('BUY', '2998', '2'), lvl('SELL', '3001', '1')] }));
    await ready;
    book.apply(msg(11, 'd', { updates: [lvl('BUY', '2999', '0.5')], inserts: [lvl('SELL', '3000.5', '0.2')], deletes: [lvl('BUY', '2998', '0')] }));
    const snap = book.snapshot();
    expect(snap.bids.map((l) => [l.price.toString(), l.size.toString()])).toEqual([['2999', '0.5']]);
    expect(snap.asks.map((l) => l.price.toString())).toEqual(['3000.5', '3001']);
    expect(snap.sequence).toBe(11);
    expect(book.best()).toMatchObject({ timestamp: 1011 });
    expect(resyncRequests).toBe(0);
    expect(book.resyncs).toBe(0);
  });

  it('a gap marks the book stale, asks for a resync once, ignores deltas until the next snapshot (one resync)', () => {
    let resyncRequests = 0;
    const book = new ParadexOrderBook('ETH', () => resyncRequests++, logger);
    book.apply(msg(1, 's', { inserts: [lvl('BUY', '2999', '1')] }));
    book.apply(msg(3, 'd', { inserts: [lvl('BUY', '2990', '1')] }));
    expect(book.ready).toBe(false);
    book.apply(msg(4, 'd', { inserts: [lvl('BUY', '2980', '1')] }));
    expect(resyncRequests).toBe(1);
    book.apply(msg(20, 's', { inserts: [lvl('SELL', '3002', '1')] }));
    expect(book.ready).toBe(true);
    expect(book.resyncs).toBe(1);
    expect(book.snapshot().bids).toEqual([]);
  });

  it('the snapshot channel: every message replaces the book and none counts as a resync', () => {
    const book = new ParadexOrderBook('ETH', () => undefined, logger);
    book.apply(msg(1, 's', { inserts: [lvl('BUY', '2999', '1')] }));
    book.apply(msg(7, 's', { inserts: [lvl('BUY', '2998', '1')] }));
    expect(book.snapshot().bids.map((l) => l.price.toString())).toEqual(['2998']);
    expect(book.resyncs).toBe(0);
    book.invalidate();
    book.apply(msg(9, 's', { inserts: [lvl('BUY', '2997', '1')] }));
    expect(book.resyncs).toBe(1);
  });
});
