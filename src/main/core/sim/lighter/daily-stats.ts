import Decimal from 'decimal.js';
import type { LighterExchange } from './lighter-exchange';
import type { LighterMarket } from './markets';

const DAY_MS = 86_400_000;

/**
 * The live statistics Lighter puts inside each `orderBookDetails` entry
 * (ccxt's recorded response, lighter.md §1.1 and the Dec 2026 update): all JSON
 * **numbers** — last trade price, trades / base volume / quote volume over the
 * last 24 h, 24 h low / high, 24 h change in percent, open interest in base units
 * (long side), `daily_chart` `{}`. Computed from the sim's trades of the last
 * 24 h; without trades the prices are the mark.
 */
export interface DailyStats {
  last_trade_price: number;
  daily_trades_count: number;
  daily_base_token_volume: number;
  daily_quote_token_volume: number;
  daily_price_low: number;
  daily_price_high: number;
  daily_price_change: number;
  open_interest: number;
  daily_chart: Record<string, never>;
}

/** A market's figures over the last 24 h of the sim's trades (prices in USDC, sizes in base units); without trades the prices are the last trade's, else the mark. */
export interface DayFigures {
  mark: Decimal;
  last: Decimal;
  trades: number;
  baseVolume: Decimal;
  quoteVolume: Decimal;
  low: Decimal;
  high: Decimal;
  /** Change from the first trade of the window to the last price, percent. */
  changePercent: Decimal;
  /** Open interest in base units (the long side). */
  openInterest: Decimal;
}

/** {@link DayFigures} of one market now. */
export function dayFigures(venue: LighterExchange, market: LighterMarket): DayFigures {
  const { engine } = venue;
  const id = market.spec.market_id;
  const mark = engine.markPrice(id) ?? new Decimal(0);
  const last = engine.lastTradePrice(id) ?? mark;
  const since = venue.clock.now() - DAY_MS;
  const day = engine.trades().filter((t) => t.marketId === id && t.timestamp >= since);
  let baseVolume = new Decimal(0);
  let quoteVolume = new Decimal(0);
  for (const t of day) {
    baseVolume = baseVolume.add(t.size);
    quoteVolume = quoteVolume.add(t.quote);
  }
  const prices = day.map((t) => t.price);
  const open = prices[0] ?? last;
  let openInterest = new Decimal(0);
  for (const accountId of engine.ledger.ids()) {
    const size = engine.ledger.position(accountId, id).size;
    if (size.isPos()) openInterest = openInterest.add(size);
  }
  return {
    mark,
    last,
    trades: day.length,
    baseVolume,
    quoteVolume,
    low: prices.length ? Decimal.min(...prices) : last,
    high: prices.length ? Decimal.max(...prices) : last,
    changePercent: open.isZero() ? new Decimal(0) : last.sub(open).div(open).mul(100),
    openInterest,
  };
}

/** {@link DailyStats} of one market now. */
export function dailyStats(venue: LighterExchange, market: LighterMarket): DailyStats {
  const f = dayFigures(venue, market);
  return {
    last_trade_price: f.last.toNumber(),
    daily_trades_count: f.trades,
    daily_base_token_volume: f.baseVolume.toNumber(),
    daily_quote_token_volume: f.quoteVolume.toNumber(),
    daily_price_low: f.low.toNumber(),
    daily_price_high: f.high.toNumber(),
    daily_price_change: f.changePercent.toNumber(),
    open_interest: f.openInterest.toNumber(),
    daily_chart: {},
  };
}

/**
 * A market's `orderBookDetails` entry with the live statistics: the loaded
 * entry's keys in their order, the statistics inserted before `market_config`
 * (where the recorded response has them; appended when there is none).
 */
export function detailsWithStats(venue: LighterExchange, market: LighterMarket): Record<string, unknown> {
  const stats = dailyStats(venue, market);
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [key, value] of Object.entries(market.raw)) {
    if (key in stats) continue;
    if (key === 'market_config' && !placed) {
      Object.assign(out, stats);
      placed = true;
    }
    out[key] = value;
  }
  return placed ? out : { ...out, ...stats };
}
