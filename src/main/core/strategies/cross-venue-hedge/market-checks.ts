import type { FieldIssue } from '../../../../shared/errors';
import type { Market } from '../../venues/venue';
import type { CrossVenueHedgeConfig } from './config-schema';

/**
 * Problems with a configuration on one venue's markets, by field path
 * (`ticker`: unknown symbol or a market that does not trade; `margin`: below
 * the market's minimum notional). The engine checks the first account's
 * venue before storing the run; the strategy checks both venues again with
 * the same function when it starts.
 */
export function checkCrossVenueMarkets(config: CrossVenueHedgeConfig, markets: readonly Market[], venueName: string): FieldIssue[] {
  const market = markets.find((m) => m.symbol.toUpperCase() === config.ticker);
  if (!market) {
    const known = markets.slice(0, 12).map((m) => m.symbol).join(', ');
    return [{ path: 'ticker', message: `unknown symbol "${config.ticker}" on ${venueName} (it has e.g. ${known}…)` }];
  }
  const issues: FieldIssue[] = [];
  if (market.status !== 'active') issues.push({ path: 'ticker', message: `${config.ticker} is ${market.status} on ${venueName}` });
  if (config.margin.lt(market.minNotional)) {
    issues.push({ path: 'margin', message: `${config.margin} USDC is below the minimum order of ${market.minNotional} USDC on ${venueName}` });
  }
  return issues;
}
