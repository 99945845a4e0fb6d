import Decimal from 'decimal.js';
import { formatPath, type FieldIssue } from '../../../shared/errors';
import { coinEntrySchema, coinSymbolSchema, MAX_COINS, USDC_DECIMALS, type CoinEntry, type CoinListCheck } from '../../../shared/schemas/coin-lists';
import { VENUE_NAMES } from '../../../shared/schemas/venues';
import type { Market } from '../venues/venue';
import type { CatalogMarkets } from '../markets/market-catalog';

/**
 * The smallest order a market takes, USDC: the larger of its min notional and
 * its min base amount × the indicative price (when one is known). `detail`
 * says how it was derived, for messages.
 */
export interface MinimumOrder {
  notional: Decimal;
  detail: string;
}

const usdc = (d: Decimal) => d.toFixed();

/** The minimum order of `market` at the indicative `price` (USDC per base unit), rounded up to the cent's millionth. */
export function minimumOrder(market: Market, price: Decimal | undefined): MinimumOrder {
  const byNotional = market.minNotional;
  if (!price || market.minBaseAmount.isZero()) return { notional: byNotional, detail: `min notional ${usdc(byNotional)} USDC` };
  const byBase = market.minBaseAmount.times(price).toDecimalPlaces(USDC_DECIMALS, Decimal.ROUND_UP);
  const detail = `min notional ${usdc(byNotional)} USDC; min size ${market.minBaseAmount.toFixed()} ${market.symbol} × ~${price.toFixed()} USDC = ${usdc(byBase)} USDC`;
  return { notional: Decimal.max(byNotional, byBase), detail };
}

/**
 * Problems of one well-formed coin on the venue's markets (paths under
 * `prefix`, e.g. `coins.2`): an unknown symbol (`coins.2.symbol: XYZ is not a
 * Lighter market`), a market that is inactive or reduce-only, a target or a
 * slice notional below the minimum order, a slice above the venue's largest
 * order, and a slice count that cuts the target into slices below the
 * minimum order. A slice larger than the target is a warning (the strategy
 * uses the target as one slice).
 */
export function checkCoinOnMarkets(coin: CoinEntry, prefix: string, catalog: CatalogMarkets, bySymbol: ReadonlyMap<string, Market>): CoinListCheck {
  const issues: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const venue = VENUE_NAMES[catalog.venue];
  const s = coin.symbol;
  const market = bySymbol.get(s);
  if (!market) {
    const named = [...bySymbol.values()].find((m) => String(m.venueMarketId).toUpperCase() === s);
    const hint = named ? ` (write ${named.symbol}: HedgeDesk names ${venue} perps by their base asset)` : '';
    issues.push({ path: `${prefix}.symbol`, message: `${s} is not a ${venue} market${hint}` });
    return { issues, warnings };
  }
  if (market.status !== 'active') {
    const why = market.status === 'inactive' ? 'does not trade' : 'takes reducing orders only';
    issues.push({ path: `${prefix}.symbol`, message: `${s} is ${market.status} on ${venue} (it ${why})` });
  }
  const min = minimumOrder(market, catalog.referencePrices.get(s));
  const target = coin.targetNotional !== undefined ? new Decimal(coin.targetNotional) : undefined;
  if (target?.lt(min.notional)) {
    issues.push({
      path: `${prefix}.targetNotional`,
      message: `${s}: target ${usdc(target)} USDC is below the minimum order of ${usdc(min.notional)} USDC (${min.detail})`,
    });
  }
  if (coin.sliceNotional !== undefined) {
    const slice = new Decimal(coin.sliceNotional);
    if (slice.lt(min.notional)) {
      issues.push({
        path: `${prefix}.sliceNotional`,
        message: `${s}: slice ${usdc(slice)} USDC is below the minimum order of ${usdc(min.notional)} USDC (${min.detail})`,
      });
    } else if (market.maxNotional && slice.gt(market.maxNotional)) {
      issues.push({ path: `${prefix}.sliceNotional`, message: `${s}: slice ${usdc(slice)} USDC is above the largest order of ${usdc(market.maxNotional)} USDC` });
    } else if (target && slice.gt(target)) {
      warnings.push({ path: `${prefix}.sliceNotional`, message: `${s}: slice ${usdc(slice)} USDC is above the target ${usdc(target)} USDC; the target is traded as one slice` });
    }
  }
  if (coin.sliceCount !== undefined && target?.gte(min.notional)) {
    const slice = target.div(coin.sliceCount).toDecimalPlaces(USDC_DECIMALS, Decimal.ROUND_DOWN);
    if (slice.lt(min.notional)) {
      const most = target.div(min.notional).floor();
      issues.push({
        path: `${prefix}.sliceCount`,
        message: `${s}: ${coin.sliceCount} slices of ${usdc(target)} USDC are ${usdc(slice)} USDC each, below the minimum order of ${usdc(min.notional)} USDC (at most ${most.toFixed()} slices)`,
      });
    }
  }
  return { issues, warnings };
}

/**
 * Checks a coin list's coins as the user typed them (not yet validated):
 * each entry against the schema (`coins.3.targetNotional: must be greater
 * than 0`, both slice forms), symbols listed twice, and every well-formed
 * entry against `catalog` (see {@link checkCoinOnMarkets}). When the venue's
 * specs are unavailable only the schema is checked and a warning on `venue`
 * says so. Issues block saving; warnings do not.
 * @param prefix the path of the coins in the request (`coins`, `patch.coins`).
 */
export function checkCoins(raw: readonly unknown[], catalog: CatalogMarkets, prefix = 'coins'): CoinListCheck {
  const issues: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  if (raw.length === 0) issues.push({ path: prefix, message: 'must list at least one coin' });
  if (raw.length > MAX_COINS) issues.push({ path: prefix, message: `must list at most ${MAX_COINS} coins` });
  const bySymbol = new Map(catalog.markets.map((m) => [m.symbol.toUpperCase(), m]));
  const seen = new Map<string, number>();
  raw.forEach((entry, i) => {
    const path = `${prefix}.${i}`;
    const symbol = coinSymbolSchema.safeParse((entry as { symbol?: unknown } | null)?.symbol);
    if (symbol.success) {
      const first = seen.get(symbol.data);
      if (first !== undefined) {
        issues.push({ path: `${path}.symbol`, message: `${symbol.data} is listed twice (also ${prefix}.${first})` });
        return;
      }
      seen.set(symbol.data, i);
    }
    const parsed = coinEntrySchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
        for (const p of keys) issues.push({ path: formatPath(p, [prefix, i]), message: issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message });
      }
      return;
    }
    const coin = parsed.data;
    if (catalog.source === 'unavailable') return;
    const found = checkCoinOnMarkets(coin, path, catalog, bySymbol);
    issues.push(...found.issues);
    warnings.push(...found.warnings);
  });
  if (catalog.source === 'unavailable') {
    warnings.push({ path: 'venue', message: `market specs unavailable for ${VENUE_NAMES[catalog.venue]}: symbols and minimum orders are not checked` });
  }
  return { issues, warnings };
}
