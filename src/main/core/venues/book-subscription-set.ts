import type { Venue as VenueId } from '../../../shared/schemas/venues';
import type { L2Book } from './l2-book';
import type { BookSubscription } from './venue';
import { VenueUnavailableError } from './venue-errors';

/** One symbol's live book and how to stop feeding it. */
export interface BookChannel<B extends L2Book> {
  book: B;
  /** Unsubscribes the venue channel feeding `book`. */
  unsubscribe: () => void;
}

/**
 * The live books of one venue client: one venue channel subscription per
 * symbol, shared by every {@link BookSubscription} handle on it and dropped
 * with the last handle. Venue-agnostic: how a symbol's channel is subscribed
 * and decoded is `subscribeBook`'s business (the venue folder's
 * book-subscriptions); call {@link invalidateAll} when the connection drops.
 */
export class BookSubscriptionSet<B extends L2Book> {
  private readonly books = new Map<string, BookChannel<B> & { handles: number }>();

  /**
   * @param venue the venue named in errors.
   * @param venueLabel the venue's display name in messages (e.g. `Lighter`).
   * @param subscribeBook subscribes `symbol`'s book channel (may throw, e.g. InvalidOrderError for an unknown symbol).
   */
  constructor(
    private readonly venue: VenueId,
    private readonly venueLabel: string,
    private readonly subscribeBook: (symbol: string) => BookChannel<B>,
  ) {}

  /**
   * A handle on `symbol`'s live book, once its first snapshot arrived.
   * @param symbol the app symbol, the key books are shared by.
   * @param asked the symbol as the caller wrote it (for the timeout message); defaults to `symbol`.
   * @throws whatever `subscribeBook` throws (e.g. InvalidOrderError for an unknown symbol).
   * @throws VenueUnavailableError when no snapshot arrives within `timeoutMs`.
   */
  async open(symbol: string, timeoutMs: number, asked = symbol): Promise<BookSubscription> {
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
      await withTimeout(entry.book.whenReady(), timeoutMs, () => new VenueUnavailableError(this.venue, `no ${this.venueLabel} order book snapshot for ${asked} within ${timeoutMs} ms`));
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
  ready(symbol: string): B | undefined {
    const book = this.books.get(symbol)?.book;
    return book?.ready ? book : undefined;
  }

  /** Marks every book stale until its next snapshot (the connection dropped). */
  invalidateAll(): void {
    for (const { book } of this.books.values()) book.invalidate();
  }

  private create(symbol: string) {
    const entry = { ...this.subscribeBook(symbol), handles: 0 };
    this.books.set(symbol, entry);
    return entry;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms);
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
