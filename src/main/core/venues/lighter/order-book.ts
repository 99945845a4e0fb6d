import Decimal from 'decimal.js';
import type { Logger } from '../../log/logger';
import type { BookLevel, BookSnapshot } from '../venue';
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
export class LighterOrderBook {
  private readonly bids = new Map<string, BookLevel>();
  private readonly asks = new Map<string, BookLevel>();
  private lastNonce: number | null = null;
  private stale = true;
  private snapshots = 0;
  private timestamp = 0;
  private readonly listeners = new Set<(book: BookSnapshot) => void>();
  private readyResolvers: (() => void)[] = [];

  /**
   * @param requestResync asks for a fresh snapshot (resubscribe); called once per detected gap.
   * @param now current time (Unix ms), used when a message carries no timestamp.
   */
  constructor(
    readonly symbol: string,
    private readonly requestResync: () => void,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** How many snapshots replaced an earlier book (gap or reconnect). */
  get resyncs(): number {
    return Math.max(0, this.snapshots - 1);
  }

  /** True once a snapshot is applied and no gap is pending. */
  get ready(): boolean {
    return !this.stale;
  }

  /** Resolves once the book is {@link ready}. */
  whenReady(): Promise<void> {
    if (!this.stale) return Promise.resolve();
    return new Promise((resolve) => this.readyResolvers.push(resolve));
  }

  /** Applies one `order_book` channel message (already schema-checked). */
  apply(message: WsOrderBook): void {
    const book = message.order_book;
    if (message.type === 'subscribed/order_book') {
      this.bids.clear();
      this.asks.clear();
      this.snapshots++;
      this.stale = false;
    } else {
      if (this.stale) return;
      if (book.begin_nonce !== undefined && this.lastNonce !== null && book.begin_nonce !== this.lastNonce) {
        this.logger.warn({ symbol: this.symbol, expected: this.lastNonce, got: book.begin_nonce }, 'Lighter order book gap; resyncing');
        this.stale = true;
        this.requestResync();
        return;
      }
    }
    setLevels(this.bids, book.bids);
    setLevels(this.asks, book.asks);
    this.lastNonce = book.nonce;
    this.timestamp = message.timestamp ?? this.now();
    if (this.readyResolvers.length > 0) {
      for (const resolve of this.readyResolvers) resolve();
      this.readyResolvers = [];
    }
    if (this.listeners.size > 0) {
      const snap = this.snapshot();
      for (const l of this.listeners) l(snap);
    }
  }

  /** Marks the book stale until the next snapshot (the connection dropped). */
  invalidate(): void {
    this.stale = true;
  }

  /** The book now: bids highest first, asks lowest first; `sequence` = last applied nonce. */
  snapshot(): BookSnapshot {
    return {
      symbol: this.symbol,
      bids: [...this.bids.values()].sort((a, b) => b.price.comparedTo(a.price)),
      asks: [...this.asks.values()].sort((a, b) => a.price.comparedTo(b.price)),
      sequence: this.lastNonce ?? 0,
      timestamp: this.timestamp,
    };
  }

  /** Best bid and ask (null on an empty side). */
  best(): { bid: Decimal | null; ask: Decimal | null; timestamp: number } {
    let bid: Decimal | null = null;
    let ask: Decimal | null = null;
    for (const l of this.bids.values()) if (bid === null || l.price.gt(bid)) bid = l.price;
    for (const l of this.asks.values()) if (ask === null || l.price.lt(ask)) ask = l.price;
    return { bid, ask, timestamp: this.timestamp };
  }

  /** Listens to every applied snapshot or update; returns the unsubscribe function. */
  onUpdate(listener: (book: BookSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function setLevels(side: Map<string, BookLevel>, levels: PriceLevel[]): void {
  for (const level of levels) {
    const price = new Decimal(level.price);
    const key = price.toFixed();
    const size = new Decimal(level.size);
    if (size.isZero()) side.delete(key);
    else side.set(key, { price, size });
  }
}
