import type { Account } from '../../../../shared/schemas/account';
import type { StrategyParam } from '../../../../shared/schemas/strategy-params';
import { paramDefaults, type ParamValue } from './tri-hedge-form-model';

/** The cross-venue-hedge start form: the two accounts (long first, short second), the ticker and the described parameters. */
export interface CrossVenueFormModel {
  /** Account ids: [long, short] (`reverse` swaps their sides). */
  accounts: [string | null, string | null];
  ticker: string;
  /** Config key → value, for every described parameter (`margin`, `hold_time`, …). */
  params: Record<string, ParamValue>;
}

/** A new form: ETH, the parameters at their schema defaults. */
export function newCrossVenueForm(params: readonly StrategyParam[] = []): CrossVenueFormModel {
  return { accounts: [null, null], ticker: 'ETH', params: paramDefaults(params) };
}

/**
 * Accounts to preselect: the first Paradex account long and the first
 * Lighter account short (the original bot's default); otherwise the first
 * two accounts. Null where there is none.
 */
export function defaultCrossAccounts(accounts: readonly Account[]): [string | null, string | null] {
  const paradex = accounts.find((a) => a.venue === 'paradex');
  const lighter = accounts.find((a) => a.venue === 'lighter');
  if (paradex && lighter) return [paradex.id, lighter.id];
  return [accounts[0]?.id ?? null, accounts[1]?.id ?? null];
}

/** The `runs.start` config: the ticker (upper case) and every parameter that is not empty (empty ones take the defaults). */
export function crossVenueConfig(model: CrossVenueFormModel, params: readonly StrategyParam[]): Record<string, unknown> {
  const config: Record<string, unknown> = { ticker: model.ticker.trim().toUpperCase() };
  for (const param of params) {
    const value = model.params[param.key];
    if (value !== null && value !== undefined) config[param.key] = value;
  }
  return config;
}

/** Every field path the form shows feedback for (issue paths of `runs.start`). */
export function crossFormFields(params: readonly StrategyParam[]): string[] {
  return ['accountIds', 'accountIds.0', 'accountIds.1', 'ticker', ...params.map((p) => p.key)];
}
