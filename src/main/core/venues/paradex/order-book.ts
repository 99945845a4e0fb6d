import Decimal from 'decimal.js';
import type { Logger } from '../../log/logger';
import type { BookLevel, BookSnapshot } from '../venue';
import type { WsOrderBook } from './wire';

/**
 * One market's L2 book kept from Paradex's order book channels (paradex.md
 * §8): a message with `update_type: "s"` is the full book (replace
 * everything; the `snapshot@15@…` channel sends one every tick), `"d"` a
 * delta (the `deltas` channel) whose `deletes`, `updates` and `inserts` carry
 * levels with their new absolute size (deletes and size 0 remove the level).
 *
 * Continuity: a delta's `seq_no` must be the previous message's + 1; on any
 * other value the book is marked stale, deltas are ignored and
 * `requestResync` is called once (the client resubscribes, and the channel
 * starts again with a snapshot). A snapshot that replaces a stale book
 * (after a gap or a dropped connection) counts as one resync.
 */
export class ParadexOrderBook {
  private readonly bids = new Map<string, BookLevel>();
  private readonly asks = new Map<string, BookLevel>();
  private lastSeq: number | null = null;
  private stale = true;
  private snapshots = 0;
  private resyncCount = 0;
  private timestamp = 0;
  private readonly listeners = new Set<(book: BookSnapshot) => void>();
  private readyResolvers: (() => void)[] = [];

  /**
   * @param symbol the app symbol (e.g. `ETH`).
   * @param requestResync asks for a fresh snapshot; called once per detected gap.
   */
  constructor(
    readonly symbol: string,
    private readonly requestResync: () => void,
    private readonly logger: Logger,
  ) {}

  /** How many snapshots replaced a stale book (after a gap or a reconnect). */
  get resyncs(): number {
    return this.resyncCount;
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

  /** Applies one (schema-checked) order book message. */
  apply(message: WsOrderBook): void {
    if (message.update_type === 's') {
      this.bids.clear();
      this.asks.clear();
      if (this.stale && this.snapshots > 0) this.resyncCount++;
      this.snapshots++;
      this.stale = false;
    } else {
      if (this.stale) return;
      if (this.lastSeq !== null && message.seq_no !== this.lastSeq + 1) {
        this.logger.warn({ symbol: this.symbol, expected: this.lastSeq + 1, got: message.seq_no }, 'Paradex order book gap; resyncing');
        this.stale = true;
        this.requestResync();
        return;
      }
    }
    for (const change of message.deletes) this.side(change.side).delete(new Decimal(change.price).toFixed());
    for (const change of [...message.updates, ...message.inserts]) {
      const price = new Decimal(change.price);
      const size = new Decimal(change.size);
      if (size.isZero()) this.side(change.side).delete(price.toFixed());
      else this.side(change.side).set(price.toFixed(), { price, size });
    }
    this.lastSeq = message.seq_no;
    this.timestamp = message.last_updated_at;
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

  /** The book now: bids highest first, asks lowest first; `sequence` = last applied `seq_no`. */
  snapshot(): BookSnapshot {
    return {
      symbol: this.symbol,
      bids: [...this.bids.values()].sort((a, b) => b.price.comparedTo(a.price)),
      asks: [...this.asks.values()].sort((a, b) => a.price.comparedTo(b.price)),
      sequence: this.lastSeq ?? 0,
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

  /** Listens to every applied snapshot or delta; returns the unsubscribe function. */
  onUpdate(listener: (book: BookSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private side(side: 'BUY' | 'SELL'): Map<string, BookLevel> {
    return side === 'BUY' ? this.bids : this.asks;
  }
}
