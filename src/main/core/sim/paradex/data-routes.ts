import Decimal from 'decimal.js';
import type { ParadexAccount } from './account-registry';
import type { ParadexMarket } from './markets';
import { ParadexError } from './paradex-error';
import type { ParadexExchange } from './paradex-exchange';

/** A `{next, prev, results}` page (the caller's pager). */
export type Pager = <T>(items: readonly T[], url: URL, max?: number) => { next: string | null; prev: string | null; results: T[] };

/** Public GET routes served here. */
export const DATA_PUBLIC_GETS: ReadonlySet<string> = new Set(['markets/klines', 'funding/data']);
/** Private GET routes served here. */
export const DATA_PRIVATE_GETS: ReadonlySet<string> = new Set(['account/margin', 'funding/payments', 'transfers', 'liquidations']);

/** Kline resolutions in minutes (paradex.md §6: 1, 3, 5, 15, 30, 60). */
const RESOLUTIONS = new Set([1, 3, 5, 15, 30, 60]);
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Most klines one answer carries (the sim's cap). */
const MAX_KLINES = 1000;

/**
 * One `funding/data` row / `funding_data.{market}` push (ccxt's fetchFundingRateHistory
 * sample and paradex.md §8): funding is not simulated, so index, premium and rate are "0"
 * and `funding_period_hours` 8 (Paradex's funding period).
 */
export function fundingDataJson(market: ParadexMarket, createdAt: number) {
  return {
    market: market.spec.symbol,
    funding_index: '0',
    funding_premium: '0',
    funding_rate: '0',
    funding_rate_8h: '0',
    funding_period_hours: 8,
    created_at: createdAt,
  };
}

/**
 * The Paradex routes that third-party clients call beyond trading (paradex.md §6,
 * ccxt 4.5.84 paradex): `markets/klines` (`[[ts, o, h, l, c, volume]…]` from the sim's
 * trades, volume in base units), `funding/data` (hourly zero-rate rows), and with a JWT
 * `account/margin` (GET; `POST account/margin/{market}` sets the leverage, cross only),
 * `funding/payments` (none: no funding), `transfers` (deposits / withdrawals),
 * `liquidations` (none: not simulated).
 */
export class DataRoutes {
  constructor(
    private readonly venue: ParadexExchange,
    private readonly page: Pager,
  ) {}

  /** The body of a public GET in {@link DATA_PUBLIC_GETS}. @throws ParadexError for bad parameters. */
  publicGet(path: string, url: URL): unknown {
    if (path === 'markets/klines') return this.klines(url);
    const market = this.market(url.searchParams.get('market'));
    const { start, end } = this.window(url, DAY_MS);
    const rows = [];
    for (let t = Math.floor(end / HOUR_MS) * HOUR_MS; t >= start && rows.length < 5000; t -= HOUR_MS) rows.push(fundingDataJson(market, t));
    return this.page(rows, url);
  }

  /** The body of a private GET in {@link DATA_PRIVATE_GETS}. @throws ParadexError for bad parameters. */
  privateGet(path: string, url: URL, account: ParadexAccount): unknown {
    switch (path) {
      case 'account/margin': {
        const symbol = url.searchParams.get('market');
        const markets = symbol ? [this.market(symbol)] : this.venue.markets();
        return { account: account.address, configs: markets.map((m) => this.marginConfig(account, m)) };
      }
      case 'funding/payments':
        this.market(url.searchParams.get('market'));
        return this.page([], url);
      case 'transfers':
        return this.page(this.venue.transfers.of(account.address), url);
      default:
        return { results: [] };
    }
  }

  /**
   * `POST /v1/account/margin/{market}` `{leverage, margin_type}` → `{account, leverage, margin_type, market}`:
   * sets the market's initial margin fraction to 1 / leverage.
   * @throws ParadexError VALIDATION_ERROR (leverage not a whole number 1 … 1 / imf_base, margin_type not
   *   CROSS — isolated margin is not simulated), MARKET_NOT_FOUND, NOT_ENOUGH_MARGIN (the account would be
   *   below its initial margin).
   */
  setMargin(symbol: string, body: Record<string, unknown>, account: ParadexAccount): unknown {
    const market = this.market(symbol);
    const max = this.maxLeverage(market);
    const leverage = Number(body.leverage);
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > max) throw new ParadexError('VALIDATION_ERROR', `leverage: a whole number 1–${max}`);
    const marginType = body.margin_type ?? 'CROSS';
    if (marginType !== 'CROSS') throw new ParadexError('VALIDATION_ERROR', `margin_type: ${String(marginType)} is not simulated (CROSS only)`);
    const ok = this.venue.engine.setInitialMarginFraction(account.engineId, market.engine.id, new Decimal(1).div(leverage));
    if (!ok) throw new ParadexError('NOT_ENOUGH_MARGIN', `leverage: ${leverage} would leave the account below its initial margin`);
    return { account: account.address, leverage, margin_type: 'CROSS', market: symbol };
  }

  private marginConfig(account: ParadexAccount, market: ParadexMarket) {
    const imf = this.venue.engine.initialMarginFraction(account.engineId, market.engine.id);
    return { market: market.spec.symbol, leverage: imf.isZero() ? this.maxLeverage(market) : Math.round(new Decimal(1).div(imf).toNumber()), margin_type: 'CROSS' };
  }

  private maxLeverage(market: ParadexMarket): number {
    return Math.floor(new Decimal(1).div(market.spec.delta1_cross_margin_params.imf_base).toNumber());
  }

  private klines(url: URL) {
    const market = this.market(url.searchParams.get('symbol'));
    const minutes = Number(url.searchParams.get('resolution'));
    if (!RESOLUTIONS.has(minutes)) throw new ParadexError('VALIDATION_ERROR', 'resolution: one of 1, 3, 5, 15, 30, 60 (minutes)');
    const step = minutes * 60_000;
    const { start, end } = this.window(url, step * 100, true);
    const rows: [number, number, number, number, number, number][] = [];
    for (const t of this.venue.engine.trades()) {
      if (t.marketId !== market.engine.id || t.timestamp < start || t.timestamp > end) continue;
      const bucket = Math.floor(t.timestamp / step) * step;
      const price = t.price.toNumber();
      const last = rows[rows.length - 1];
      if (last && last[0] === bucket) {
        last[2] = Math.max(last[2], price);
        last[3] = Math.min(last[3], price);
        last[4] = price;
        last[5] = new Decimal(last[5]).add(t.size).toNumber();
      } else {
        rows.push([bucket, price, price, price, price, t.size.toNumber()]);
      }
    }
    return { results: rows.slice(-MAX_KLINES) };
  }

  /** `start_at` / `end_at` (Unix ms); `end_at` defaults to now, `start_at` to `span` before it. */
  private window(url: URL, span: number, required = false): { start: number; end: number } {
    const read = (name: string): number | undefined => {
      const raw = url.searchParams.get(name);
      if (raw === null || raw === '') {
        if (required) throw new ParadexError('VALIDATION_ERROR', `${name}: required (Unix ms)`);
        return undefined;
      }
      if (!/^\d+$/.test(raw)) throw new ParadexError('VALIDATION_ERROR', `${name}: expected Unix ms`);
      return Number(raw);
    };
    const end = read('end_at') ?? this.venue.clock.now();
    const start = read('start_at') ?? end - span;
    if (start > end) throw new ParadexError('VALIDATION_ERROR', 'start_at: after end_at');
    return { start, end };
  }

  private market(symbol: string | null): ParadexMarket {
    const m = symbol ? this.venue.market(symbol) : undefined;
    if (!m) throw new ParadexError('MARKET_NOT_FOUND', `market: ${symbol ?? '(missing)'} is not a market`);
    return m;
  }
}
