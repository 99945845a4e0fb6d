import Decimal from 'decimal.js';
import type { EngineOrder, Side } from './order';

/** One price level: its resting orders in time priority (oldest first). */
export interface BookLevel {
  price: Decimal;
  orders: EngineOrder[];
}

/** An aggregated level: total remaining size at one price. */
export interface AggregatedLevel {
  price: Decimal;
  size: Decimal;
}

/**
 * The resting orders of one market with price-time priority: bids best
 * (highest) first, asks best (lowest) first, each level oldest first. Holds
 * the engine's live order objects; only the engine mutates them.
 */
export class OrderBook {
  private readonly bids: BookLevel[] = [];
  private readonly asks: BookLevel[] = [];

  constructor(readonly marketId: number) {}

  /** Appends an order at the back of its price level (creating the level). */
  add(order: EngineOrder): void {
    const levels = this.side(order.side);
    const i = this.search(order.side, order.price);
    const existing = levels[i];
    if (existing && existing.price.eq(order.price)) existing.orders.push(order);
    else levels.splice(i, 0, { price: order.price, orders: [order] });
  }

  /** Removes an order; true when it was in the book. */
  remove(order: EngineOrder): boolean {
    const levels = this.side(order.side);
    const i = this.search(order.side, order.price);
    const level = levels[i];
    if (!level || !level.price.eq(order.price)) return false;
    const at = level.orders.findIndex((o) => o.id === order.id);
    if (at < 0) return false;
    level.orders.splice(at, 1);
    if (level.orders.length === 0) levels.splice(i, 1);
    return true;
  }

  /** The best level of a side, or undefined when the side is empty. */
  best(side: Side): BookLevel | undefined {
    return this.side(side)[0];
  }

  /** The levels of a side, best first (the live array: do not mutate). */
  levels(side: Side): readonly BookLevel[] {
    return this.side(side);
  }

  /** Total remaining size at `price` on `side` (0 when there is no level). */
  sizeAt(side: Side, price: Decimal): Decimal {
    const level = this.side(side)[this.search(side, price)];
    if (!level || !level.price.eq(price)) return new Decimal(0);
    return level.orders.reduce((sum, o) => sum.add(o.remaining), new Decimal(0));
  }

  /** Aggregated levels of a side, best first, at most `limit` of them. */
  depth(side: Side, limit = Infinity): AggregatedLevel[] {
    return this.side(side)
      .slice(0, limit)
      .map((l) => ({ price: l.price, size: l.orders.reduce((sum, o) => sum.add(o.remaining), new Decimal(0)) }));
  }

  /** (best bid + best ask) / 2, or null when a side is empty. */
  mid(): Decimal | null {
    const bid = this.best('buy');
    const ask = this.best('sell');
    return bid && ask ? bid.price.add(ask.price).div(2) : null;
  }

  private side(side: Side): BookLevel[] {
    return side === 'buy' ? this.bids : this.asks;
  }

  /** Index of the level at `price`, or where it would be inserted. */
  private search(side: Side, price: Decimal): number {
    const levels = this.side(side);
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = levels[mid]!.price.cmp(price);
      const before = side === 'buy' ? cmp > 0 : cmp < 0;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
