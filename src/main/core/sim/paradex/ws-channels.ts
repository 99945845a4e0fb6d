import type { ParadexMarket } from './markets';
import type { ParadexExchange } from './paradex-exchange';

/** What a channel streams. */
export type ChannelKind = 'markets_summary' | 'bbo' | 'order_book' | 'trades' | 'orders' | 'fills' | 'positions' | 'account' | 'balance_events' | 'funding_data';

/** A parsed subscription channel. `market` null = every market (`ALL`, or a channel without a market). */
export interface Channel {
  name: string;
  kind: ChannelKind;
  market: ParadexMarket | null;
  /** Needs an authenticated connection. */
  private: boolean;
}

const PRIVATE: ReadonlySet<ChannelKind> = new Set(['orders', 'fills', 'positions', 'account', 'balance_events']);

/**
 * Parses a channel name (paradex.md §8 "Channels"): `markets_summary`,
 * `bbo.{market}`, `funding_data.{market}`, `order_book.{market}.snapshot@15@50ms|100ms`, `order_book.{market}.deltas`,
 * `trades.{market|ALL}`, and the private `orders.{market|ALL}`,
 * `fills.{market|ALL}`, `positions`, `account`, `balance_events`.
 * Null for anything else or an unknown market.
 */
export function parseChannel(venue: ParadexExchange, name: unknown): Channel | null {
  if (typeof name !== 'string') return null;
  const make = (kind: ChannelKind, market: ParadexMarket | null): Channel => ({ name, kind, market, private: PRIVATE.has(kind) });
  if (name === 'markets_summary' || name === 'positions' || name === 'account' || name === 'balance_events') return make(name, null);
  const book = /^order_book\.([^.]+)\.(snapshot@15@(50ms|100ms)|deltas)$/.exec(name);
  if (book) {
    const m = venue.market(book[1]!);
    return m ? make('order_book', m) : null;
  }
  const m = /^(bbo|trades|orders|fills|funding_data)\.([^.]+)$/.exec(name);
  if (!m) return null;
  const kind = m[1] as 'bbo' | 'trades' | 'orders' | 'fills' | 'funding_data';
  if (m[2] === 'ALL') return kind === 'bbo' || kind === 'funding_data' ? null : make(kind, null);
  const market = venue.market(m[2]!);
  return market ? make(kind, market) : null;
}
