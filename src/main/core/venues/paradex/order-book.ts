import Decimal from 'decimal.js';
import type { Logger } from '../../log/logger';
import { L2Book, type BookSide } from '../l2-book';
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
export class ParadexOrderBook extends L2Book {
  private snapshots = 0;
  private resyncCount = 0;

  /**
   * @param symbol the app symbol (e.g. `ETH`).
   * @param requestResync asks for a fresh snapshot; called once per detected gap.
   */
  constructor(
    symbol: string,
    private readonly requestResync: () => void,
    private readonly logger: Logger,
  ) {
    super(symbol);
  }

  /** How many snapshots replaced a stale book (after a gap or a reconnect). */
  get resyncs(): number {
    return this.resyncCount;
  }

  /** Applies one (schema-checked) order book message. */
  apply(message: WsOrderBook): void {
    if (message.update_type === 's') {
      if (this.isStale && this.snapshots > 0) this.resyncCount++;
      this.beginSnapshot();
      this.snapshots++;
    } else {
      if (this.isStale) return;
      const lastSeq = this.sequence;
      if (lastSeq !== null && message.seq_no !== lastSeq + 1) {
        this.logger.warn({ symbol: this.symbol, expected: lastSeq + 1, got: message.seq_no }, 'Paradex order book gap; resyncing');
        this.invalidate();
        this.requestResync();
        return;
      }
    }
    for (const change of message.deletes) this.deleteLevel(sideOf(change.side), new Decimal(change.price));
    for (const change of [...message.updates, ...message.inserts]) {
      this.setLevel(sideOf(change.side), new Decimal(change.price), new Decimal(change.size));
    }
    this.commit(message.seq_no, message.last_updated_at);
  }
}

function sideOf(side: 'BUY' | 'SELL'): BookSide {
  return side === 'BUY' ? 'bid' : 'ask';
}
