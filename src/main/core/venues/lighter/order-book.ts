import Decimal from 'decimal.js';
import type { Logger } from '../../log/logger';
import { L2Book, type BookSide } from '../l2-book';
import type { PriceLevel, WsOrderBook } from './wire';

/**
 * One market's L2 book kept from Lighter's `order_book/{market}` channel
 * (lighter.md §6.2): the `subscribed/order_book` message is the full book,
 * each `update/order_book` carries changed levels with their new absolute
 * size (zero removes the level).
 *
 * Continuity: an update's `begin_nonce` must equal the `nonce` of the
 * message before it (§6.2); on a mismatch the book is marked stale, updates
 * are ignored and `requestResync` is called (the client resubscribes, which
 * brings a fresh snapshot). Updates without `begin_nonce` (older servers)
 * cannot be checked and are applied. Every snapshot after the first counts
 * as one resync (after a gap or a reconnect).
 */
export class LighterOrderBook extends L2Book {
  private snapshots = 0;

  /**
   * @param requestResync asks for a fresh snapshot (resubscribe); called once per detected gap.
   * @param now current time (Unix ms), used when a message carries no timestamp.
   */
  constructor(
    symbol: string,
    private readonly requestResync: () => void,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {
    super(symbol);
  }

  /** How many snapshots replaced an earlier book (gap or reconnect). */
  get resyncs(): number {
    return Math.max(0, this.snapshots - 1);
  }

  /** Applies one `order_book` channel message (already schema-checked). */
  apply(message: WsOrderBook): void {
    const book = message.order_book;
    if (message.type === 'subscribed/order_book') {
      this.beginSnapshot();
      this.snapshots++;
    } else {
      if (this.isStale) return;
      const lastNonce = this.sequence;
      if (book.begin_nonce !== undefined && lastNonce !== null && book.begin_nonce !== lastNonce) {
        this.logger.warn({ symbol: this.symbol, expected: lastNonce, got: book.begin_nonce }, 'Lighter order book gap; resyncing');
        this.invalidate();
        this.requestResync();
        return;
      }
    }
    this.setLevels('bid', book.bids);
    this.setLevels('ask', book.asks);
    this.commit(book.nonce, message.timestamp ?? this.now());
  }

  private setLevels(side: BookSide, levels: PriceLevel[]): void {
    for (const level of levels) this.setLevel(side, new Decimal(level.price), new Decimal(level.size));
  }
}
