import type { Logger } from '../../log/logger';
import type { BookSubscription } from '../venue';
import { VenueUnavailableError } from '../venue-errors';
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
 * The live books of one client, one order book channel subscription per symbol shared by every {@link BookSubscription} handle on
 * it. A gap resubscribes the channel; a dropped connection marks every book
 * stale until the reconnect brings fresh snapshots.
 */
export class BookSubscriptions {
  private readonly books = new Map<string, { book: ParadexOrderBook; handles: number; unsubscribe: () => void }>();

  constructor(
    private readonly ws: ParadexWs,
    private readonly markets: MarketCatalog,
    private readonly logger: Logger,
    private readonly feed: BookFeed,
  ) {
    ws.onState((state) => {
      if (state === 'disconnected') for (const { book } of this.books.values()) book.invalidate();
    });
  }

  /**
   * A handle on `symbol`'s live book, once its first snapshot arrived.
   * @throws InvalidOrderError for an unknown symbol.
   * @throws VenueUnavailableError when no snapshot arrives within `timeoutMs`.
   */
  async open(symbol: string, timeoutMs: number): Promise<BookSubscription> {
    const market = this.markets.get(symbol);
    const entry = this.books.get(market.symbol) ?? this.create(market.symbol, String(market.venueMarketId));
    entry.handles++;
    let closed = false;
    const release = () => {
      if (closed) return;
      closed = true;
      entry.handles--;
      if (entry.handles === 0) {
        entry.unsubscribe();
        this.books.delete(market.symbol);
      }
    };
    try {
      await withTimeout(entry.book.whenReady(), timeoutMs, `no Paradex order book snapshot for ${symbol} within ${timeoutMs} ms`);
    } catch (err) {
      release();
      throw err;
    }
    const { book } = entry;
    const unlisten: (() => void)[] = [];
    return {
      snapshot: () => book.snapshot(),
      onUpdate: (listener) => {
        const off = book.onUpdate(listener);
        unlisten.push(off);
        return off;
      },
      get resyncs() {
        return book.resyncs;
      },
      close: () => {
        for (const off of unlisten) off();
        release();
      },
    };
  }

  /** The live book of an app symbol when one is subscribed and consistent. */
  ready(symbol: string): ParadexOrderBook | undefined {
    const book = this.books.get(symbol)?.book;
    return book?.ready ? book : undefined;
  }

  private create(symbol: string, venueSymbol: string) {
    const channel = orderBookChannel(venueSymbol, this.feed);
    const book = new ParadexOrderBook(symbol, () => this.ws.resubscribe(channel), this.logger);
    const unsubscribe = this.ws.subscribe(channel, (data) => {
      const parsed = wsOrderBookSchema.safeParse(data);
      if (parsed.success) book.apply(parsed.data);
      else this.logger.warn({ channel, issue: parsed.error.message.slice(0, 200) }, 'unexpected Paradex order_book message');
    });
    const entry = { book, handles: 0, unsubscribe };
    this.books.set(symbol, entry);
    return entry;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new VenueUnavailableError('paradex', message)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
