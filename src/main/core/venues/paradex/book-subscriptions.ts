import type { Logger } from '../../log/logger';
import type { BookSubscription } from '../venue';
import { BookSubscriptionSet } from '../book-subscription-set';
import type { MarketCatalog } from './markets';
import { ParadexOrderBook } from './order-book';
import { wsOrderBookSchema } from './wire';
import type { ParadexWs } from './ws-connection';

/**
 * Which order book channel to follow (paradex.md §8): `deltas` =
 * `order_book.{market}.deltas`, a snapshot then deltas checked by `seq_no`
 * (consecutive per market — what the crib sheet's "apply by seq_no" and the
 * simulator say; unverified against the live venue); `snapshot` =
 * `order_book.{market}.snapshot@15@50ms`, 15 levels per side sent whole every
 * 50 ms (the channel ccxt uses), a fallback needing no continuity.
 */
export type BookFeed = 'snapshot' | 'deltas';

/** The channel name of `feed` for a Paradex market. */
export function orderBookChannel(venueSymbol: string, feed: BookFeed): string {
  return feed === 'deltas' ? `order_book.${venueSymbol}.deltas` : `order_book.${venueSymbol}.snapshot@15@50ms`;
}

/**
 * The live books of one client, one order book channel subscription per
 * symbol shared by every {@link BookSubscription} handle on it. A gap
 * resubscribes the channel; a dropped connection marks every book stale
 * until the reconnect brings fresh snapshots.
 */
export class BookSubscriptions extends BookSubscriptionSet<ParadexOrderBook> {
  constructor(
    ws: ParadexWs,
    private readonly markets: MarketCatalog,
    logger: Logger,
    feed: BookFeed,
  ) {
    super('paradex', 'Paradex', (symbol) => {
      const channel = orderBookChannel(String(markets.get(symbol).venueMarketId), feed);
      const book = new ParadexOrderBook(symbol, () => ws.resubscribe(channel), logger);
      const unsubscribe = ws.subscribe(channel, (data) => {
        const parsed = wsOrderBookSchema.safeParse(data);
        if (parsed.success) book.apply(parsed.data);
        else logger.warn({ channel, issue: parsed.error.message.slice(0, 200) }, 'unexpected Paradex order_book message');
      });
      return { book, unsubscribe };
    });
    ws.onState((state) => {
      if (state === 'disconnected') this.invalidateAll();
    });
  }

  /**
   * A handle on `symbol`'s (app or Paradex symbol) live book, once its first snapshot arrived.
   * @throws InvalidOrderError for an unknown symbol.
   * @throws VenueUnavailableError when no snapshot arrives within `timeoutMs`.
   */
  override async open(symbol: string, timeoutMs: number): Promise<BookSubscription> {
    return super.open(this.markets.get(symbol).symbol, timeoutMs, symbol);
  }
}
