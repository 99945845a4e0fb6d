import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LighterOrderBook } from './order-book';
import type { WsOrderBook } from './wire';

const logger = pino({ level: 'silent' });
type Level = [string, string];
const lv = (levels: Level[]) => levels.map(([price, size]) => ({ price, size }));
function msg(type: 'subscribed' | 'update', nonce: number, beginNonce: number | undefined, bids: Level[], asks: Level[]): WsOrderBook {
  return {
    type: `${type}/order_book`,
    channel: 'order_book:0',
    offset: 1,
    order_book: { code: 0, bids: lv(bids), asks: lv(asks), offset: 1, nonce, ...(beginNonce === undefined ? {} : { begin_nonce: beginNonce }) },
    timestamp: 1_763_448_665_923 + nonce,
  };
}

function book() {
  let resyncRequests = 0;
  const b = new LighterOrderBook('ETH', () => resyncRequests++, () => 0, logger);
  return { b, requests: () => resyncRequests };
}

describe('LighterOrderBook (lighter.md §6.2)', () => {
  it('applies a snapshot, then deltas with absolute sizes; zero removes a level', () => {
    const { b } = book();
    b.apply(msg('subscribed', 100, undefined, [['3000.00', '1.0'], ['2999.50', '2.0']], [['3000.50', '1.5'], ['3001.00', '3']]));
    expect(b.ready).toBe(true);
    b.apply(msg('update', 101, 100, [['3000.00', '0.4'], ['2999.50', '0.0000']], [['3000.25', '0.7']]));
    const snap = b.snapshot();
    expect(snap.bids.map((l) => [l.price.toString(), l.size.toString()])).toEqual([['3000', '0.4']]);
    expect(snap.asks.map((l) => l.price.toString())).toEqual(['3000.25', '3000.5', '3001']);
    expect(snap.sequence).toBe(101);
    expect(b.best()).toMatchObject({ bid: snap.bids[0]!.price, ask: snap.asks[0]!.price });
  });

  it('a gap (begin_nonce ≠ last nonce) marks the book stale, requests one resync and ignores updates until the snapshot', () => {
    const { b, requests } = book();
    const seen: number[] = [];
    b.onUpdate((s) => seen.push(s.sequence));
    b.apply(msg('subscribed', 100, undefined, [['3000.00', '1']], [['3001.00', '1']]));
    b.apply(msg('update', 105, 101, [['3000.00', '9']], []));
    expect(requests()).toBe(1);
    expect(b.ready).toBe(false);
    b.apply(msg('update', 106, 105, [['2000.00', '9']], []));
    expect(requests()).toBe(1);
    b.apply(msg('subscribed', 200, undefined, [['3000.10', '2']], [['3000.90', '2']]));
    expect(b.ready).toBe(true);
    expect(b.resyncs).toBe(1);
    expect(b.snapshot().bids.map((l) => l.price.toString())).toEqual(['3000.1']);
    b.apply(msg('update', 201, 200, [], [['3000.80', '1']]));
    expect(seen).toEqual([100, 200, 201]);
  });

  it('invalidate (connection lost) waits for the next snapshot, which counts as a resync', async () => {
    const { b, requests } = book();
    b.apply(msg('subscribed', 1, undefined, [['1.00', '1']], []));
    b.invalidate();
    const ready = b.whenReady();
    b.apply(msg('update', 2, 1, [['1.00', '5']], []));
    expect(b.snapshot().bids[0]!.size.toString()).toBe('1');
    b.apply(msg('subscribed', 50, undefined, [['1.00', '3']], []));
    await ready;
    expect(b.resyncs).toBe(1);
    expect(requests()).toBe(0);
  });

  it('updates without begin_nonce (older servers) are applied unchecked', () => {
    const { b, requests } = book();
    b.apply(msg('subscribed', 1, undefined, [], []));
    b.apply(msg('update', 7, undefined, [['5.00', '1']], []));
    expect(requests()).toBe(0);
    expect(b.snapshot().bids).toHaveLength(1);
  });
});
