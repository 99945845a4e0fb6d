import Decimal from 'decimal.js';
import type { EngineTrade } from '../engine/trade';
import type { ParadexMarket } from './markets';
import type { ParadexExchange } from './paradex-exchange';

/**
 * Paradex's public market JSON (paradex.md §6, §7, §8) with the recorded field
 * names and types (shared/data/paradex/ccxt_static_response.json: fetchTickers,
 * fetchOrderBook, fetchTrades): prices and sizes as decimal strings, times as
 * Unix ms numbers.
 */

const price = (m: ParadexMarket, d: Decimal | null | undefined) => (d ? d.toDecimalPlaces(m.tickSize.decimalPlaces() + 4).toFixed() : '');

/** A `/v1/markets/summary` entry / WS `markets_summary` payload. Funding is not simulated ("0"). */
export function marketSummaryJson(venue: ParadexExchange, m: ParadexMarket) {
  const id = m.engine.id;
  const book = venue.engine.book(id);
  const mark = venue.engine.markPrice(id);
  const last = venue.engine.lastTradePrice(id);
  let volume = new Decimal(0);
  let openInterest = new Decimal(0);
  const dayAgo = venue.clock.now() - 86_400_000;
  for (const t of venue.engine.trades()) if (t.marketId === id && t.timestamp >= dayAgo) volume = volume.add(t.quote);
  for (const a of venue.registry.all()) {
    const size = venue.engine.ledger.position(a.engineId, id).size;
    if (size.isPos()) openInterest = openInterest.add(size);
  }
  return {
    symbol: m.spec.symbol,
    oracle_price: price(m, mark),
    mark_price: price(m, mark),
    last_traded_price: price(m, last),
    bid: price(m, book.best('buy')?.price),
    ask: price(m, book.best('sell')?.price),
    volume_24h: volume.toFixed(),
    total_volume: volume.toFixed(),
    created_at: venue.clock.now(),
    underlying_price: price(m, mark),
    open_interest: openInterest.toFixed(),
    funding_rate: '0',
    price_change_rate_24h: '0',
  };
}

/** `GET /v1/orderbook/{market}`: `asks` ascending, `bids` descending, `[price, size]` string pairs, at most `depth` levels. */
export function orderBookJson(venue: ParadexExchange, m: ParadexMarket, depth: number, seqNo: number) {
  const book = venue.engine.book(m.engine.id);
  const level = (l: { price: Decimal; size: Decimal }) => [l.price.toFixed(), l.size.toFixed()];
  const asks = book.depth('sell', depth).map(level);
  const bids = book.depth('buy', depth).map(level);
  return {
    market: m.spec.symbol,
    seq_no: seqNo,
    last_updated_at: venue.clock.now(),
    asks,
    bids,
    best_ask_api: asks[0] ?? null,
    best_bid_api: bids[0] ?? null,
    best_ask_interactive: asks[0] ?? null,
    best_bid_interactive: bids[0] ?? null,
  };
}

/** `GET /v1/bbo/{market}` / WS `bbo.{market}` payload. */
export function bboJson(venue: ParadexExchange, m: ParadexMarket, seqNo: number) {
  const book = venue.engine.book(m.engine.id);
  const bid = book.depth('buy', 1)[0];
  const ask = book.depth('sell', 1)[0];
  return {
    market: m.spec.symbol,
    bid: bid?.price.toFixed() ?? '',
    bid_size: bid?.size.toFixed() ?? '',
    ask: ask?.price.toFixed() ?? '',
    ask_size: ask?.size.toFixed() ?? '',
    last_updated_at: venue.clock.now(),
    seq_no: seqNo,
  };
}

/** A `/v1/trades` entry / WS `trades.{market}` payload; `side` is the taker's. */
export function tradeJson(venue: ParadexExchange, t: EngineTrade) {
  return {
    id: `${t.timestamp}${String(t.id).padStart(15, '0')}`,
    market: venue.marketById(t.marketId)!.spec.symbol,
    side: t.takerSide === 'buy' ? 'BUY' : 'SELL',
    size: t.size.toFixed(),
    price: t.price.toFixed(),
    created_at: t.timestamp,
    trade_type: 'FILL',
  };
}
