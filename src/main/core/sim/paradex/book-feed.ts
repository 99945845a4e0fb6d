import type { ParadexMarket } from './markets';
import type { ParadexExchange } from './paradex-exchange';

/** One level change of an order-book push: `{side, price, size}` (size "0" in `deletes`). */
export interface BookChange {
  side: 'BUY' | 'SELL';
  price: string;
  size: string;
}

/** An `order_book.{market}.…` push (paradex.md §8): `update_type` "s" = snapshot, "d" = delta. */
export interface BookMessage {
  seq_no: number;
  market: string;
  last_updated_at: number;
  update_type: 's' | 'd';
  inserts: BookChange[];
  updates: BookChange[];
  deletes: BookChange[];
}

interface MarketState {
  /** Level sizes by side and price, as last published. */
  levels: { BUY: Map<string, string>; SELL: Map<string, string> };
  seq: number;
}

/**
 * The order-book streams of every market: per market a published copy of the
 * full-depth book and a `seq_no` that grows by one per published delta, so a
 * client of `order_book.{market}.deltas` can check continuity (paradex.md §8:
 * "apply by seq_no"). The `snapshot@15@…` channel carries the same `seq_no`.
 */
export class BookFeed {
  private readonly states = new Map<number, MarketState>();

  constructor(private readonly venue: ParadexExchange) {}

  /** The book's changes since the last call for `market` as a delta (seq + 1), or null when nothing changed. */
  delta(market: ParadexMarket): BookMessage | null {
    const state = this.state(market);
    const now = this.read(market);
    const msg: BookMessage = { seq_no: state.seq, market: market.spec.symbol, last_updated_at: this.venue.clock.now(), update_type: 'd', inserts: [], updates: [], deletes: [] };
    for (const side of ['BUY', 'SELL'] as const) {
      for (const [price, size] of now[side]) {
        const before = state.levels[side].get(price);
        if (before === undefined) msg.inserts.push({ side, price, size });
        else if (before !== size) msg.updates.push({ side, price, size });
      }
      for (const price of state.levels[side].keys()) if (!now[side].has(price)) msg.deletes.push({ side, price, size: '0' });
    }
    if (msg.inserts.length + msg.updates.length + msg.deletes.length === 0) return null;
    state.levels = now;
    msg.seq_no = ++state.seq;
    return msg;
  }

  /**
   * A full snapshot (`update_type: "s"`) at the current `seq_no`: every level
   * (deltas channel) or the best `depth` per side (the `snapshot@15@…` channel).
   * Call {@link delta} first so the published copy is current.
   */
  snapshot(market: ParadexMarket, depth = Infinity): BookMessage {
    const state = this.state(market);
    const inserts: BookChange[] = [];
    for (const side of ['BUY', 'SELL'] as const) {
      for (const [price, size] of [...state.levels[side]].slice(0, depth)) inserts.push({ side, price, size });
    }
    return { seq_no: state.seq, market: market.spec.symbol, last_updated_at: this.venue.clock.now(), update_type: 's', inserts, updates: [], deletes: [] };
  }

  /** The market's current `seq_no` (that of the last published delta). */
  seq(market: ParadexMarket): number {
    return this.state(market).seq;
  }

  private state(market: ParadexMarket): MarketState {
    let state = this.states.get(market.engine.id);
    if (!state) {
      state = { levels: this.read(market), seq: 1 };
      this.states.set(market.engine.id, state);
    }
    return state;
  }

  /** The book now, best levels first on each side. */
  private read(market: ParadexMarket): MarketState['levels'] {
    const book = this.venue.engine.book(market.engine.id);
    const side = (s: 'buy' | 'sell') => new Map(book.depth(s).map((l) => [l.price.toFixed(), l.size.toFixed()]));
    return { BUY: side('buy'), SELL: side('sell') };
  }
}
