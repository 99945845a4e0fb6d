import Decimal from 'decimal.js';
import type { EngineTrade } from '../engine/trade';
import { dailyStats } from './daily-stats';
import defaultAssetsFile from './default-assets.json';
import type { Query } from './http-io';
import { LighterError } from './lighter-error';
import type { LighterExchange } from './lighter-exchange';
import type { LighterMarket } from './markets';
import { txJson } from './tx-log';

/** A GET route under `/api/v1/`: its answer body (`code: 200` included). */
export type GetRoute = (q: Query) => unknown;

/** Candle resolutions Lighter accepts (lighter.md §1.8), in ms. */
const RESOLUTIONS: Readonly<Record<string, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
};
/** Most candles / funding entries one answer carries (the sim's cap). */
const MAX_POINTS = 500;
const HOUR_MS = 3_600_000;

/** One OHLCV bucket built from trades. */
interface Bucket {
  start: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  base: Decimal;
  quote: Decimal;
  lastTradeId: number;
}

/**
 * Lighter's market-data and chain reads that third-party clients call
 * (lighter.md §1.8 and the Dec 2026 update): `assetDetails` (the recorded
 * mainnet snapshot, `shared/data/lighter/asset_details.json`, verbatim),
 * `candles` (ccxt 4.5.84 / lighter-python `Candle`: `{code, r, c:[{t,o,h,l,c,v,V,i}]}`),
 * the older `candlesticks` (recorded: `{code, resolution, candlesticks:[…]}`), both in Unix ms,
 * `fundings` (Unix seconds in and out), `funding-rates` (recorded shape), `exchangeStats`
 * (lighter-python `ExchangeStats`), `currentHeight` and `tx`
 * (`by=hash|sequence_index`, Lighter's Transaction JSON). Candles are built from
 * the sim's trades; funding is not simulated, so every rate is 0.
 */
export function marketDataRoutes(venue: LighterExchange): Record<string, GetRoute> {
  const market = (q: Query): LighterMarket => {
    const m = venue.market(q.int('market_id', 0, 4094));
    if (!m) throw new LighterError(21602);
    return m;
  };
  const resolution = (q: Query): [string, number] => {
    const r = q.str('resolution');
    const ms = r === undefined ? undefined : RESOLUTIONS[r];
    if (r === undefined || ms === undefined) throw new LighterError(20001, 'resolution');
    return [r, ms];
  };
  const window = (q: Query, step: number): { start: number; end: number; countBack: number } => {
    const end = q.optInt('end_timestamp') ?? venue.clock.now();
    const countBack = q.optInt('count_back', 0, 10_000) ?? 0;
    const start = q.optInt('start_timestamp') ?? end - step * (countBack || MAX_POINTS);
    if (start > end) throw new LighterError(20001, 'start_timestamp');
    return { start, end, countBack };
  };
  const buckets = (q: Query): { r: string; m: LighterMarket; list: Bucket[] } => {
    const m = market(q);
    const [r, step] = resolution(q);
    const { start, end, countBack } = window(q, step);
    const trades = venue.engine.trades().filter((t) => t.marketId === m.spec.market_id && t.timestamp >= start && t.timestamp <= end);
    const list = toBuckets(trades, step);
    const limit = Math.min(countBack || MAX_POINTS, MAX_POINTS);
    return { r, m, list: list.slice(-limit) };
  };

  return {
    'GET assetDetails': (q) => {
      const id = q.optInt('asset_id');
      const assets = defaultAssetsFile.asset_details.filter((a) => id === undefined || a.asset_id === id);
      if (id !== undefined && assets.length === 0) throw new LighterError(20001, 'asset_id');
      return { code: 200, asset_details: assets };
    },
    'GET candles': (q) => {
      const { r, list } = buckets(q);
      return {
        code: 200,
        r,
        c: list.map((b) => ({
          t: b.start,
          o: b.open.toNumber(),
          h: b.high.toNumber(),
          l: b.low.toNumber(),
          c: b.close.toNumber(),
          v: b.base.toNumber(),
          V: b.quote.toNumber(),
          i: b.lastTradeId,
        })),
      };
    },
    'GET candlesticks': (q) => {
      const { r, list } = buckets(q);
      return {
        code: 200,
        resolution: r,
        candlesticks: list.map((b) => ({
          timestamp: b.start,
          open: b.open.toNumber(),
          high: b.high.toNumber(),
          low: b.low.toNumber(),
          close: b.close.toNumber(),
          open_raw: 0,
          high_raw: 0,
          low_raw: 0,
          close_raw: 0,
          volume0: b.base.toNumber(),
          volume1: b.quote.toNumber(),
          last_trade_id: b.lastTradeId,
        })),
      };
    },
    'GET fundings': (q) => {
      // Unix **seconds** in and out, unlike candles (a third-party write-up of the live API:
      // start_timestamp 1770116400 → {"timestamp": 1770116400, "value": "0.00", "rate": "0.0001", "direction": "short"}).
      market(q);
      const [r, stepMs] = resolution(q);
      const step = Math.max(stepMs, HOUR_MS) / 1000;
      const end = q.optInt('end_timestamp') ?? Math.floor(venue.clock.now() / 1000);
      const countBack = q.optInt('count_back', 0, 10_000) ?? 0;
      const start = q.optInt('start_timestamp') ?? end - step * (countBack || MAX_POINTS);
      if (start > end) throw new LighterError(20001, 'start_timestamp');
      const fundings: { timestamp: number; value: string; rate: string; direction: string }[] = [];
      for (let t = Math.ceil(start / step) * step; t <= end && fundings.length < MAX_POINTS * 4; t += step) {
        fundings.push({ timestamp: t, value: '0.00', rate: '0.0000', direction: 'long' });
      }
      return { code: 200, resolution: r, fundings: fundings.slice(-Math.min(countBack || MAX_POINTS, MAX_POINTS)) };
    },
    'GET funding-rates': () => ({
      code: 200,
      funding_rates: venue.markets().map((m) => ({ market_id: m.spec.market_id, exchange: 'lighter', symbol: m.spec.symbol, rate: 0 })),
    }),
    'GET exchangeStats': () => {
      const stats = venue.markets().map((m) => ({ symbol: m.spec.symbol, ...dailyStats(venue, m) }));
      return {
        code: 200,
        total: stats.length,
        order_book_stats: stats.map((s) => ({
          symbol: s.symbol,
          last_trade_price: s.last_trade_price,
          daily_trades_count: s.daily_trades_count,
          daily_base_token_volume: s.daily_base_token_volume,
          daily_quote_token_volume: s.daily_quote_token_volume,
          daily_price_change: s.daily_price_change,
        })),
        daily_usd_volume: stats.reduce((sum, s) => sum + s.daily_quote_token_volume, 0),
        daily_trades_count: stats.reduce((sum, s) => sum + s.daily_trades_count, 0),
      };
    },
    'GET currentHeight': () => ({ code: 200, height: venue.blockHeight() }),
    'GET tx': (q) => {
      const by = q.str('by');
      const value = q.str('value');
      if (value === undefined) throw new LighterError(20001, 'value');
      let rec;
      if (by === 'hash') rec = venue.txLog.byTxHash(value);
      else if (by === 'sequence_index') rec = venue.txLog.bySequenceIndex(q.int('value'));
      else throw new LighterError(20001, 'by');
      if (!rec) throw new LighterError(29404, 'transaction');
      return { code: 200, ...txJson(rec) };
    },
  };
}

/** Trades (oldest first) grouped into `step`-ms buckets that had trades, oldest first. */
function toBuckets(trades: readonly EngineTrade[], step: number): Bucket[] {
  const out: Bucket[] = [];
  for (const t of trades) {
    const start = Math.floor(t.timestamp / step) * step;
    const last = out[out.length - 1];
    if (last && last.start === start) {
      last.high = Decimal.max(last.high, t.price);
      last.low = Decimal.min(last.low, t.price);
      last.close = t.price;
      last.base = last.base.add(t.size);
      last.quote = last.quote.add(t.quote);
      last.lastTradeId = t.id;
    } else {
      out.push({ start, open: t.price, high: t.price, low: t.price, close: t.price, base: t.size, quote: t.quote, lastTradeId: t.id });
    }
  }
  return out;
}
