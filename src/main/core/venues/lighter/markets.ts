import Decimal from 'decimal.js';
import type { Market } from '../venue';
import { InvalidOrderError } from '../venue-errors';
import type { OrderBookDetail } from './wire';

/**
 * One `orderBookDetails` perp entry as a {@link Market} (lighter.md §1.1, §8):
 * tick = 10^−price_decimals, step = 10^−size_decimals, minimums from
 * `min_base_amount` / `min_quote_amount`, `order_quote_limit` as the per-order
 * notional cap (none when empty or zero), fees from percentage strings to
 * fractions (`"0.0200"` % → 0.0002), status `inactive` → inactive,
 * `market_config.force_reduce_only` → reduce-only.
 */
export function toMarket(detail: OrderBookDetail): Market {
  const cap = detail.order_quote_limit === '' ? null : new Decimal(detail.order_quote_limit);
  let status: Market['status'] = 'active';
  if (detail.status !== 'active') status = 'inactive';
  else if (detail.market_config?.force_reduce_only) status = 'reduce-only';
  return {
    symbol: detail.symbol,
    venueMarketId: detail.market_id,
    tickSize: Decimal.pow(10, -detail.price_decimals),
    stepSize: Decimal.pow(10, -detail.size_decimals),
    minBaseAmount: new Decimal(detail.min_base_amount),
    minNotional: new Decimal(detail.min_quote_amount),
    maxNotional: cap === null || cap.isZero() ? null : cap,
    priceDecimals: detail.price_decimals,
    sizeDecimals: detail.size_decimals,
    makerFee: new Decimal(detail.maker_fee).div(100),
    takerFee: new Decimal(detail.taker_fee).div(100),
    status,
  };
}

/**
 * The perp markets of one `orderBookDetails` answer, by symbol and by
 * market id. Spot markets (`market_type: "spot"`, ids ≥ 2048, §1.1) are left
 * out: HedgeDesk trades Lighter perps.
 */
export class MarketCatalog {
  private readonly bySymbol = new Map<string, Market>();
  private readonly byId = new Map<number, Market>();

  constructor(details: OrderBookDetail[]) {
    for (const d of details) {
      if (d.market_type !== undefined && d.market_type !== 'perp') continue;
      const m = toMarket(d);
      this.bySymbol.set(m.symbol, m);
      this.byId.set(d.market_id, m);
    }
  }

  /** Every perp market, in the venue's order. */
  all(): Market[] {
    return [...this.bySymbol.values()];
  }

  /** @throws InvalidOrderError for an unknown symbol. */
  get(symbol: string): Market {
    const m = this.bySymbol.get(symbol);
    if (!m) throw new InvalidOrderError('lighter', `unknown Lighter market ${symbol}`);
    return m;
  }

  /** The market with Lighter market id `id`, if known. */
  byMarketId(id: number): Market | undefined {
    return this.byId.get(id);
  }

  /** Lighter's market id of `symbol`. @throws InvalidOrderError for an unknown symbol. */
  idOf(symbol: string): number {
    return Number(this.get(symbol).venueMarketId);
  }
}
