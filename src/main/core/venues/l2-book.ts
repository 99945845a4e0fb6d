import type Decimal from 'decimal.js';
import type { DepthToSize } from './book-depth';
import { BookSideLevels } from './book-side-levels';
import type { BookSnapshot } from './venue';

/** Which side of an L2 book a level is on. */
export type BookSide = 'bid' | 'ask';

/**
 * The venue-agnostic state of one market's L2 book: price levels per side
 * kept sorted as they change ({@link BookSideLevels}: best bid/ask and mid
 * in O(1), a delta by binary search and splice, plus one array copy when a snapshot of that
 * side is still held), the last applied sequence and
 * timestamp, a "stale" flag (no snapshot yet, or a gap / dropped connection
 * pending a fresh snapshot), waiters for readiness and update listeners.
 *
 * A venue's book subclasses it and decodes its own messages: a snapshot
 * calls {@link beginSnapshot}, then {@link setLevel} / {@link deleteLevel}
 * per level, then {@link commit}; continuity checks (nonce, seq_no) stay in
 * the subclass, which calls {@link invalidate} on a gap.
 *
 * Snapshots share the sides' sorted arrays (no sort, no copy when taken) and
 * stay unchanged by later updates: listeners get one such snapshot per commit.
 */
export abstract class L2Book {
  private readonly bids = new BookSideLevels(true);
  private readonly asks = new BookSideLevels(false);
  private lastSequence: number | null = null;
  private stale = true;
  private timestamp = 0;
  private readonly listeners = new Set<(book: BookSnapshot) => void>();
  private readyResolvers: (() => void)[] = [];

  /** @param symbol the app symbol (e.g. `ETH`). */
  constructor(readonly symbol: string) {}

  /** How many snapshots replaced an earlier book (gap or reconnect); venue-specific counting. */
  abstract get resyncs(): number;

  /** True once a snapshot is applied and no gap is pending. */
  get ready(): boolean {
    return !this.stale;
  }

  /** Resolves once the book is {@link ready}. */
  whenReady(): Promise<void> {
    if (!this.stale) return Promise.resolve();
    return new Promise((resolve) => this.readyResolvers.push(resolve));
  }

  /** Marks the book stale until the next snapshot (the connection dropped, or a gap was found). */
  invalidate(): void {
    this.stale = true;
  }

  /**
   * The book now: bids highest first, asks lowest first; `sequence` = last
   * committed sequence (0 before any). O(1): the arrays are the sides' own,
   * read-only, and not changed by later updates.
   */
  snapshot(): BookSnapshot {
    return {
      symbol: this.symbol,
      bids: this.bids.view(),
      asks: this.asks.view(),
      sequence: this.lastSequence ?? 0,
      timestamp: this.timestamp,
    };
  }

  /** Best bid and ask (null on an empty side); `timestamp` in Unix ms. O(1). */
  best(): { bid: Decimal | null; ask: Decimal | null; timestamp: number } {
    return { bid: this.bids.best?.price ?? null, ask: this.asks.best?.price ?? null, timestamp: this.timestamp };
  }

  /** Mid of the best bid and ask (USDC); null when either side is empty. O(1). */
  mid(): Decimal | null {
    const bid = this.bids.best?.price;
    const ask = this.asks.best?.price;
    return bid && ask ? bid.plus(ask).div(2) : null;
  }

  /**
   * What `size` base units would take from one side, best level first
   * (bids for a sell, asks for a buy); kept incrementally per size (recomputed
   * only after a change within the levels it read).
   * @throws RangeError when `size` is negative.
   */
  depthToSize(side: BookSide, size: Decimal): DepthToSize {
    return (side === 'bid' ? this.bids : this.asks).depthToSize(size);
  }

  /** Listens to every committed snapshot or update; returns the unsubscribe function. */
  onUpdate(listener: (book: BookSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True while no snapshot is applied or a gap / drop is pending. */
  protected get isStale(): boolean {
    return this.stale;
  }

  /** The sequence of the last committed message, null before the first. */
  protected get sequence(): number | null {
    return this.lastSequence;
  }

  /** Starts a full book: empties both sides and clears the stale flag. */
  protected beginSnapshot(): void {
    this.bids.clear();
    this.asks.clear();
    this.stale = false;
  }

  /** Sets a level's absolute size; a zero size removes the level. */
  protected setLevel(side: BookSide, price: Decimal, size: Decimal): void {
    (side === 'bid' ? this.bids : this.asks).set(price, size);
  }

  /** Removes the level at `price` (no-op when absent). */
  protected deleteLevel(side: BookSide, price: Decimal): void {
    (side === 'bid' ? this.bids : this.asks).delete(price);
  }

  /**
   * Ends one applied message: records its sequence and timestamp (Unix ms),
   * wakes {@link whenReady} waiters and tells every listener (one shared
   * {@link snapshot}, taken only when there is a listener).
   */
  protected commit(sequence: number, timestamp: number): void {
    this.lastSequence = sequence;
    this.timestamp = timestamp;
    if (this.readyResolvers.length > 0) {
      for (const resolve of this.readyResolvers) resolve();
      this.readyResolvers = [];
    }
    if (this.listeners.size > 0) {
      const snap = this.snapshot();
      for (const l of this.listeners) l(snap);
    }
  }
}
