import type { Account } from '../../../../shared/schemas/account';
import type { MakerTakerMode } from '../../../../shared/schemas/maker-taker-hedge';
import type { StrategyParam } from '../../../../shared/schemas/strategy-params';
import { paramDefaults, type ParamValue } from './tri-hedge-form-model';

/** Config keys the maker-taker form edits with its own fields; the other described parameters are generated. */
export const MAKER_TAKER_OWN_FIELDS = ['market', 'quantity', 'quantity_unit', 'depth', 'mode', 'redis_url'] as const;

/** The maker-taker-hedge start form. */
export interface MakerTakerFormModel {
  /** Account ids of A (maker) and B (taker); the mode says which are used. */
  accounts: { A: string | null; B: string | null };
  market: string;
  /** Size of each maker order, in `quantityUnit`. */
  quantity: number | null;
  /** `integer`: the venue integer base amount (as the originals' --quantity); `base`: base units. */
  quantityUnit: 'integer' | 'base';
  depth: number | null;
  mode: MakerTakerMode;
  /** Empty: in-process transport. */
  redisUrl: string;
  /** Config key → value of the generated parameters (retry_times, poll_interval, …). */
  params: Record<string, ParamValue>;
}

/** A new form: ETH, 0.01 ETH (100 at 4 size decimals) at the best bid, both legs here, in-process. */
export function newMakerTakerForm(params: readonly StrategyParam[] = []): MakerTakerFormModel {
  return { accounts: { A: null, B: null }, market: 'ETH', quantity: 100, quantityUnit: 'integer', depth: 1, mode: 'both', redisUrl: '', params: paramDefaults(params) };
}

/** The roles a mode trades: both → A and B, a → A, b → B. */
export function formRoles(mode: MakerTakerMode): ('A' | 'B')[] {
  return mode === 'both' ? ['A', 'B'] : mode === 'a' ? ['A'] : ['B'];
}

/** Accounts to preselect: the first two Lighter accounts (any accounts when there are fewer). */
export function defaultMakerTakerAccounts(accounts: readonly Account[]): { A: string | null; B: string | null } {
  const lighter = accounts.filter((a) => a.venue === 'lighter');
  const pool = lighter.length >= 2 ? lighter : accounts;
  return { A: pool[0]?.id ?? null, B: pool[1]?.id ?? null };
}

/** The generated parameters: every described one the form has no own field for. */
export function generatedParams(params: readonly StrategyParam[]): StrategyParam[] {
  return params.filter((p) => !(MAKER_TAKER_OWN_FIELDS as readonly string[]).includes(p.key));
}

/** The `runs.start` config: own fields (empty ones left out so the server names them) and every non-empty generated parameter. */
export function makerTakerConfig(model: MakerTakerFormModel, params: readonly StrategyParam[]): Record<string, unknown> {
  const config: Record<string, unknown> = { market: model.market.trim().toUpperCase(), quantity_unit: model.quantityUnit, mode: model.mode };
  if (model.quantity !== null) config.quantity = model.quantity;
  if (model.depth !== null) config.depth = model.depth;
  if (model.redisUrl.trim() !== '') config.redis_url = model.redisUrl.trim();
  for (const param of generatedParams(params)) {
    const value = model.params[param.key];
    if (value !== null && value !== undefined) config[param.key] = value;
  }
  return config;
}

/** The account ids for `runs.start`, in role order; null when a role the mode needs has no account. */
export function makerTakerAccountIds(model: MakerTakerFormModel): string[] | null {
  const ids = formRoles(model.mode).map((role) => model.accounts[role]);
  return ids.every((id): id is string => id !== null) ? ids : null;
}

/** Every field path the form shows feedback for (issue paths of `runs.start`). */
export function makerTakerFormFields(params: readonly StrategyParam[]): string[] {
  return ['accountIds', 'accountIds.0', 'accountIds.1', ...MAKER_TAKER_OWN_FIELDS, ...generatedParams(params).map((p) => p.key)];
}
