import Decimal from 'decimal.js';
import { decimalText } from '../../engine/decimal-text';
import type { RunAccount } from '../../engine/strategy';
import { LIGHTER_MAX_LEVERAGE } from '../max-leverage';
import type { TriHedgeConfig } from './config-schema';

/**
 * Problems of a fresh run's targets against the accounts' available
 * collateral, as one message per coin, naming the config field: each account
 * takes the long of every coin in turn (as primary) and hedges the others, so
 * each needs at least `target_notional / 50` USDC available for the largest
 * coin. A target beyond that would only fail after a series of refused
 * slices; this says so before the first order. Empty when every target fits.
 */
export async function collateralShortfalls(cfg: TriHedgeConfig, accounts: readonly Pick<RunAccount, 'label' | 'venue'>[]): Promise<string[]> {
  const largest = cfg.coins.reduce<(typeof cfg.coins)[number] | null>((a, c) => (a === null || c.targetNotional.gt(a.targetNotional) ? c : a), null);
  if (!largest) return [];
  const need = largest.targetNotional.div(LIGHTER_MAX_LEVERAGE);
  const available = await Promise.all(accounts.map(async (a) => (await a.venue.collateral()).available));
  const short = accounts.map((a, i) => ({ label: a.label, available: available[i]! })).filter((a) => a.available.lt(need));
  if (short.length === 0) return [];
  const field = largest.defaultTarget ? 'default_target_notional' : `${largest.path}.target_notional`;
  const who = short.map((a) => `"${a.label}" has ${decimalText(a.available, 2)}`).join(', ');
  return [
    `${field}: ${decimalText(largest.targetNotional)} USDC of ${largest.symbol} needs at least ${decimalText(need.toDecimalPlaces(2, Decimal.ROUND_UP), 2)} USDC ` +
      `of available collateral per account even at Lighter's highest leverage (${LIGHTER_MAX_LEVERAGE}×); ${who} USDC available`,
  ];
}
