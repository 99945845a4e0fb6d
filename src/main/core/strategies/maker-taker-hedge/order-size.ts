import Decimal from 'decimal.js';
import type { FieldIssue } from '../../../../shared/errors';
import { decimalText } from '../../engine/decimal-text';
import type { RunAccount } from '../../engine/strategy';
import type { Market } from '../../venues/venue';
import { LIGHTER_MAX_LEVERAGE } from '../max-leverage';
import type { MakerTakerConfig } from './config-schema';

/**
 * The size of each maker order of A in base units: `quantity` itself
 * (`quantity_unit` "base"), or the venue integer base amount scaled by the
 * market's size decimals (`quantity_unit` "integer"; Lighter `base_amount`,
 * venues/lighter.md: sizes are integers × 10^size_decimals, so 100000 on ETH
 * with 4 size decimals is 10 ETH).
 */
export function orderSize(config: MakerTakerConfig & { quantity: Decimal }, market: Market): Decimal {
  return config.quantityUnit === 'integer' ? config.quantity.div(new Decimal(10).pow(market.sizeDecimals)) : config.quantity;
}

/**
 * Problems with a configuration on the venue's markets, by field path: an
 * unknown or inactive `market`, a `quantity` below the market's minimum base
 * amount or off its step size. (The minimum notional depends on the price and
 * is checked when each order is sized.)
 */
export function checkMakerTakerMarkets(config: MakerTakerConfig, markets: readonly Market[]): FieldIssue[] {
  const market = markets.find((m) => m.symbol.toUpperCase() === config.symbol);
  if (!market) {
    const known = markets.slice(0, 12).map((m) => m.symbol).join(', ');
    return [{ path: 'market', message: `unknown market "${config.symbol}" (the venue has e.g. ${known}…)` }];
  }
  if (market.status === 'inactive') return [{ path: 'market', message: `${config.symbol} does not trade on the venue (inactive)` }];
  if (config.quantity === null) return [];
  const size = orderSize({ ...config, quantity: config.quantity }, market);
  const issues: FieldIssue[] = [];
  const asGiven = config.quantityUnit === 'integer' ? ` (${config.quantity} = ${size} ${config.symbol} at ${market.sizeDecimals} size decimals)` : '';
  if (size.lt(market.minBaseAmount)) issues.push({ path: 'quantity', message: `${size} ${config.symbol}${asGiven} is below the minimum order of ${market.minBaseAmount} ${config.symbol}` });
  else if (!size.mod(market.stepSize).isZero()) issues.push({ path: 'quantity', message: `${size} ${config.symbol} is not a multiple of the step size ${market.stepSize}` });
  return issues;
}

/**
 * Why A's maker order of `size` (base units) at about `price` (USDC) cannot
 * be placed, checked before the first order instead of after a series of
 * refusals: above the market's largest order notional, or more than an
 * account's available collateral carries even at Lighter's highest leverage
 * (both A, who buys, and B, who hedges it, need that margin). Null when it fits.
 */
export async function orderSizeProblem(size: Decimal, price: Decimal, market: Market, accounts: readonly Pick<RunAccount, 'label' | 'venue'>[]): Promise<string | null> {
  const notional = size.times(price);
  const approx = `${size} ${market.symbol} (about ${decimalText(notional, 2)} USDC)`;
  if (market.maxNotional !== null && notional.gt(market.maxNotional)) return `quantity: ${approx} is above the largest order of ${market.maxNotional} USDC on ${market.symbol}`;
  const need = notional.div(LIGHTER_MAX_LEVERAGE);
  const available = await Promise.all(accounts.map(async (a) => (await a.venue.collateral()).available));
  const short = accounts.flatMap((a, i) => (available[i]!.lt(need) ? [`"${a.label}" has ${decimalText(available[i]!, 2)}`] : []));
  if (short.length === 0) return null;
  return `quantity: ${approx} needs at least ${decimalText(need.toDecimalPlaces(2, Decimal.ROUND_UP), 2)} USDC of available collateral even at Lighter's highest leverage (${LIGHTER_MAX_LEVERAGE}×); ${short.join(', ')} USDC available`;
}
