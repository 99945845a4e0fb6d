import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import type { BookSubscription } from '../venue';
import { VenueUnavailableError } from '../venue-errors';
import type { MarketCatalog } from './markets';
import { LighterOrderBook } from './order-book';
import { wsOrderBookSchema } from './wire';
import type { LighterWs } from './ws-connection';

/**
 * The live books of one client, one `order_book/{market}` subscription per
 * symbol shared by every {@link BookSubscription} handle on it (lighter.md
 * §6.2). A gap resubscribes the channel; a dropped connection marks every
 * book stale until the reconnect brings fresh snapshots.
 */
export class BookSubscriptions {
  private readonly books = new Map<string, { book: LighterOrderBook; handles: number; unsubscribe: () => void }>();

  constructor(
    private readonly ws: LighterWs,
    private readonly markets: MarketCatalog,
    private readonly clock: Clock,
    private readonly logger: Logger,
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
    const entry = this.books.get(symbol) ?? this.create(symbol);
    entry.handles++;
    let closed = false;
    const release = () => {
      if (closed) return;
      closed = true;
      entry.handles--;
      if (entry.handles === 0) {
        entry.unsubscribe();
        this.books.delete(symbol);
      }
    };
    try {
      await withTimeout(entry.book.whenReady(), timeoutMs, `no Lighter order book snapshot for ${symbol} within ${timeoutMs} ms`);
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

  /** The live book of `symbol` when one is subscribed and consistent. */
  ready(symbol: string): LighterOrderBook | undefined {
    const book = this.books.get(symbol)?.book;
    return book?.ready ? book : undefined;
  }

  private create(symbol: string) {
    const channel = `order_book/${this.markets.idOf(symbol)}`;
    const book = new LighterOrderBook(symbol, () => this.ws.resubscribe(channel), () => this.clock.now(), this.logger);
    const unsubscribe = this.ws.subscribe(channel, false, (message) => {
      const parsed = wsOrderBookSchema.safeParse(message);
      if (parsed.success) book.apply(parsed.data);
      else this.logger.warn({ channel, issue: parsed.error.message.slice(0, 200) }, 'unexpected Lighter order_book message');
    });
    const entry = { book, handles: 0, unsubscribe };
    this.books.set(symbol, entry);
    return entry;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new VenueUnavailableError('lighter', message)), ms);
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
