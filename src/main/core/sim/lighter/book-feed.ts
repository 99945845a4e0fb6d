import type Decimal from 'decimal.js';
import type { Side } from '../engine/order';
import type { LighterExchange } from './lighter-exchange';
import { aggregatedLevels, type LighterLevelJson } from './market-view';

/** An `order_book/{m}` message (lighter.md §6.2). */
export interface OrderBookMessage {
  channel: string;
  offset: number;
  order_book: {
    code: 0;
    asks: LighterLevelJson[];
    bids: LighterLevelJson[];
    offset: number;
    nonce: number;
    /** The `nonce` of the previous message of this market: a different value means a gap. */
    begin_nonce: number;
  };
  timestamp: number;
  type: 'subscribed/order_book' | 'update/order_book';
}

interface MarketFeed {
  nonce: number;
  offset: number;
  changed: { buy: Map<string, Decimal>; sell: Map<string, Decimal> };
}

/**
 * Sequencing of the `order_book` channel: a snapshot of aggregated levels,
 * then deltas carrying the changed levels with their new absolute size ("0"
 * at the market's size decimals removes a level). Every delta increments the
 * market's `nonce` and `offset`, and its `begin_nonce` equals the nonce of the
 * message before it (the snapshot's for the first delta), so a client can
 * detect a gap. One sequence per market, shared by all subscribers.
 */
export class BookFeed {
  private readonly feeds = new Map<number, MarketFeed>();

  constructor(private readonly venue: LighterExchange) {}

  /** Records that the size at (market, side, price) may have changed. */
  note(marketId: number, side: Side, price: Decimal): void {
    this.feed(marketId).changed[side].set(price.toString(), price);
  }

  /** The full book as a `subscribed/order_book` message carrying the current nonce. */
  snapshot(marketId: number): OrderBookMessage {
    const market = this.venue.market(marketId)!;
    const f = this.feed(marketId);
    return this.message(marketId, 'subscribed/order_book', aggregatedLevels(this.venue, market, 'sell'), aggregatedLevels(this.venue, market, 'buy'), f.nonce);
  }

  /**
   * Builds the delta of the changes noted since the last call for a market
   * (null when nothing changed) and advances its sequence. Callers note
   * changes only while someone watches the market.
   */
  delta(marketId: number): OrderBookMessage | null {
    const f = this.feeds.get(marketId);
    if (!f || (f.changed.buy.size === 0 && f.changed.sell.size === 0)) return null;
    const market = this.venue.market(marketId)!;
    const book = this.venue.engine.book(marketId);
    const levels = (side: Side) =>
      [...f.changed[side].values()]
        .sort((a, b) => (side === 'buy' ? b.cmp(a) : a.cmp(b)))
        .map((p) => ({ price: p.toFixed(market.priceDecimals), size: book.sizeAt(side, p).toFixed(market.sizeDecimals) }));
    const asks = levels('sell');
    const bids = levels('buy');
    f.changed.buy.clear();
    f.changed.sell.clear();
    const begin = f.nonce;
    f.nonce++;
    f.offset++;
    return this.message(marketId, 'update/order_book', asks, bids, begin);
  }

  /** Markets with pending changes. */
  pending(): number[] {
    return [...this.feeds].filter(([, f]) => f.changed.buy.size > 0 || f.changed.sell.size > 0).map(([id]) => id);
  }

  private feed(marketId: number): MarketFeed {
    let f = this.feeds.get(marketId);
    if (!f) this.feeds.set(marketId, (f = { nonce: 1, offset: 1, changed: { buy: new Map(), sell: new Map() } }));
    return f;
  }

  private message(marketId: number, type: OrderBookMessage['type'], asks: LighterLevelJson[], bids: LighterLevelJson[], beginNonce: number): OrderBookMessage {
    const f = this.feed(marketId);
    return {
      channel: `order_book:${marketId}`,
      offset: f.offset,
      order_book: { code: 0, asks, bids, offset: f.offset, nonce: f.nonce, begin_nonce: beginNonce },
      timestamp: this.venue.clock.now(),
      type,
    };
  }
}
