import type { FieldIssue } from '../../../../shared/errors';
import type { Market } from '../../venues/venue';
import type { TriHedgeConfig } from './config-schema';

/**
 * Problems with a configuration on the venue's markets, by field path:
 * an unknown symbol (`coinlist.2.symbol`, or `coinlist.2` for a plain
 * string entry), a market that does not trade, a slice above the market's
 * largest order notional (`maxNotional`), or a target below the
 * market's minimum order notional (`coinlist.0.target_notional`, or
 * `default_target_notional` when the default applies). A target that is
 * above the minimum notional but converts to less than the minimum base
 * amount at the live price is not an error: that coin skips straight to
 * holding.
 */
export function checkTriHedgeMarkets(config: TriHedgeConfig, markets: readonly Market[], raw: unknown): FieldIssue[] {
  const bySymbol = new Map(markets.map((m) => [m.symbol.toUpperCase(), m]));
  const known = [...bySymbol.keys()].slice(0, 12).join(', ');
  const issues: FieldIssue[] = [];
  config.coins.forEach((coin) => {
    const [list, index] = coin.path.split('.');
    const entry = (raw as Record<string, unknown[]> | null)?.[list!]?.[Number(index)];
    const symbolPath = typeof entry === 'object' && entry !== null ? `${coin.path}.symbol` : coin.path;
    const market = bySymbol.get(coin.symbol);
    if (!market) {
      issues.push({ path: symbolPath, message: `unknown symbol "${coin.symbol}" (Lighter has e.g. ${known}…)` });
      return;
    }
    if (market.status !== 'active') issues.push({ path: symbolPath, message: `${coin.symbol} is ${market.status} on the venue` });
    if (market.maxNotional !== null && coin.sliceNotional.gt(market.maxNotional)) {
      issues.push({
        path: coin.defaultTarget ? 'default_target_notional' : `${coin.path}.target_notional`,
        message: `a slice of ${coin.sliceNotional} USDC is above the largest order of ${market.maxNotional} USDC on ${coin.symbol}: lower the target or slice it finer`,
      });
    }
    if (coin.targetNotional.lt(market.minNotional)) {
      issues.push({
        path: coin.defaultTarget ? 'default_target_notional' : `${coin.path}.target_notional`,
        message: `target ${coin.targetNotional} USDC is below the minimum order of ${market.minNotional} USDC on ${coin.symbol}`,
      });
    }
  });
  return issues;
}
