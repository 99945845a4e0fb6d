import type { WsOrderBook } from '../src/main/core/venues/lighter/wire';

/**
 * A seeded stream of Lighter `order_book:0` messages for the book benches:
 * a snapshot of `levels` price levels per side around 3000.00 (tick 0.01,
 * 1.0000 each), then `updates` single-level deltas on a random side and level,
 * 10 % of them removing the level (size 0.0000; re-added by later deltas).
 * Deterministic for a seed; bounded in count.
 */
export function lighterBookMessages(levels: number, updates: number, seed: number): WsOrderBook[] {
  const level = (price: number, size: string) => ({ price: price.toFixed(2), size });
  const out: WsOrderBook[] = [
    {
      channel: 'order_book:0',
      type: 'subscribed/order_book',
      offset: 1,
      timestamp: 1,
      order_book: {
        code: 0,
        bids: Array.from({ length: levels }, (_, i) => level(3000 - i * 0.01, '1.0000')),
        asks: Array.from({ length: levels }, (_, i) => level(3000.01 + i * 0.01, '1.0000')),
        offset: 1,
        nonce: 1,
        begin_nonce: 1,
      },
    },
  ];
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 1; n <= updates; n++) {
    const bid = rnd() < 0.5;
    const offset = Math.floor(rnd() * levels);
    const price = bid ? 3000 - offset * 0.01 : 3000.01 + offset * 0.01;
    const size = rnd() < 0.1 ? '0.0000' : (0.01 + rnd() * 5).toFixed(4);
    out.push({
      channel: 'order_book:0',
      type: 'update/order_book',
      offset: n + 1,
      timestamp: n + 1,
      order_book: { code: 0, bids: bid ? [level(price, size)] : [], asks: bid ? [] : [level(price, size)], offset: n + 1, nonce: n + 1, begin_nonce: n },
    });
  }
  return out;
}
