import type { Side } from '../engine/order';
import type { LighterExchange } from './lighter-exchange';
import { dayFigures } from './daily-stats';
import type { LighterMarket } from './markets';

/** Fields of an `orderBooks` entry (the SDK's `OrderBook` model, lighter.md §1.2), picked from the market entry. */
const ORDER_BOOKS_FIELDS = [
  'symbol',
  'market_id',
  'market_type',
  'base_asset_id',
  'quote_asset_id',
  'status',
  'taker_fee',
  'maker_fee',
  'liquidation_fee',
  'min_base_amount',
  'min_quote_amount',
  'supported_size_decimals',
  'supported_price_decimals',
  'supported_quote_decimals',
  'order_quote_limit',
  'is_maker_fee_enabled',
  'is_taker_fee_enabled',
  'created_at',
  'multiplier',
] as const;

/** An `orderBooks` entry for a market. */
export function orderBooksEntry(market: LighterMarket): Record<string, unknown> {
  return Object.fromEntries(ORDER_BOOKS_FIELDS.map((k) => [k, market.raw[k]]));
}

/** One resting order of `orderBookOrders` (recorded field names, lighter.md §1.3). */
export interface LighterBookOrderJson {
  order_index: number;
  order_id: string;
  owner_account_index: number;
  initial_base_amount: string;
  remaining_base_amount: string;
  price: string;
  order_expiry: number;
}

/** The individual resting orders of one side, best price first and oldest first within a price, at most `limit`. */
export function bookOrders(venue: LighterExchange, market: LighterMarket, side: Side, limit: number): LighterBookOrderJson[] {
  const out: LighterBookOrderJson[] = [];
  for (const level of venue.engine.book(market.spec.market_id).levels(side)) {
    for (const o of level.orders) {
      if (out.length >= limit) return out;
      out.push({
        order_index: o.id,
        order_id: String(o.id),
        owner_account_index: o.accountId,
        initial_base_amount: o.size.toFixed(market.sizeDecimals),
        remaining_base_amount: o.remaining.toFixed(market.sizeDecimals),
        price: o.price.toFixed(market.priceDecimals),
        order_expiry: o.expiresAt,
      });
    }
  }
  return out;
}

/** An aggregated price level of the `order_book` channel. */
export interface LighterLevelJson {
  price: string;
  size: string;
}

/** Aggregated levels of one side, best first. */
export function aggregatedLevels(venue: LighterExchange, market: LighterMarket, side: Side): LighterLevelJson[] {
  return venue.engine
    .book(market.spec.market_id)
    .depth(side)
    .map((l) => ({ price: l.price.toFixed(market.priceDecimals), size: l.size.toFixed(market.sizeDecimals) }));
}

/**
 * The `market_stats` object (lighter.md §6.3): prices and open interest as
 * strings, the daily figures as JSON numbers (as Lighter sends them), over
 * the trades of the last 24 h. Funding is not simulated (rates "0.0000").
 */
export function marketStats(venue: LighterExchange, market: LighterMarket): Record<string, unknown> {
  const pd = market.priceDecimals;
  const f = dayFigures(venue, market);
  const hour = 3_600_000;
  return {
    market_id: market.spec.market_id,
    index_price: f.mark.toFixed(pd),
    mark_price: f.mark.toFixed(pd),
    open_interest: f.openInterest.mul(f.mark).toFixed(6),
    open_interest_limit: '72057594037927936.000000',
    funding_clamp_small: market.spec.funding_clamp_small,
    funding_clamp_big: market.spec.funding_clamp_big,
    last_trade_price: f.last.toFixed(pd),
    current_funding_rate: '0.0000',
    funding_rate: '0.0000',
    funding_timestamp: Math.ceil(venue.clock.now() / hour) * hour,
    daily_base_token_volume: f.baseVolume.toNumber(),
    daily_quote_token_volume: f.quoteVolume.toNumber(),
    daily_price_low: f.low.toNumber(),
    daily_price_high: f.high.toNumber(),
    daily_price_change: f.changePercent.toNumber(),
  };
}
