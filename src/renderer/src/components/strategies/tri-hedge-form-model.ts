/**
 * The Tri-Hedge Hold form: its model (accounts, coin list and the parameters
 * `strategies.describe` lists, with the config schema's defaults), the config
 * it sends with `runs.start` (the original JSON shape) and the form fields
 * server issues are shown next to.
 */
import type { CoinList } from '../../../../shared/schemas/coin-lists';
import type { StrategyParam } from '../../../../shared/schemas/strategy-params';

/**
 * One coin-list row. Numbers are null when left empty (the config's default
 * applies). `sliceNotional` (USDC) and `holdMinutes` come from a loaded coin
 * list; a slice notional replaces the slice count.
 */
export interface CoinRow {
  symbol: string;
  targetNotional: number | null;
  sliceCount: number | null;
  sliceNotional?: number | null;
  holdMinutes?: number | null;
}

/** A parameter's value in the form: null when left empty (the config's default applies). */
export type ParamValue = number | boolean | string | [number | null, number | null] | null;

export interface TriHedgeFormModel {
  /** Account ids for the roles A, B, C (null: not chosen). */
  accounts: [string | null, string | null, string | null];
  coins: CoinRow[];
  /** Config key → value, for every described parameter. */
  params: Record<string, ParamValue>;
}

/** The roles of the three accounts, in the order `runs.start` takes them. */
export const ROLES = ['A', 'B', 'C'] as const;

/** Coin-row defaults of the original tri_hedge_hold config. */
export const COIN_DEFAULTS = { targetNotional: 5000, sliceCount: 50 } as const;

/** A coin-list row with the original defaults. */
export function newCoinRow(symbol = ''): CoinRow {
  return { symbol, targetNotional: COIN_DEFAULTS.targetNotional, sliceCount: COIN_DEFAULTS.sliceCount };
}

/** The form value of a parameter's schema default. */
export function paramDefault(param: StrategyParam): ParamValue {
  const d = param.default;
  switch (param.kind) {
    case 'number':
    case 'integer':
      return typeof d === 'number' ? d : null;
    case 'boolean':
      return typeof d === 'boolean' ? d : false;
    case 'enum':
      return typeof d === 'string' ? d : (param.options?.[0] ?? null);
    case 'range':
      return Array.isArray(d) && d.length === 2 ? [typeof d[0] === 'number' ? d[0] : null, typeof d[1] === 'number' ? d[1] : null] : [null, null];
  }
}

/** The parameter values of the schema defaults. */
export function paramDefaults(params: readonly StrategyParam[]): Record<string, ParamValue> {
  return Object.fromEntries(params.map((p) => [p.key, paramDefault(p)]));
}

/** A new form: one ETH row, accounts preselected from `accountIds` (first three), parameters at their defaults. */
export function newTriHedgeForm(accountIds: readonly string[] = [], params: readonly StrategyParam[] = []): TriHedgeFormModel {
  return {
    accounts: [accountIds[0] ?? null, accountIds[1] ?? null, accountIds[2] ?? null],
    coins: [newCoinRow('ETH')],
    params: paramDefaults(params),
  };
}

/** A parameter as config JSON; undefined when left empty (the config's default applies). */
function configValue(param: StrategyParam, value: ParamValue): unknown {
  if (value === null) return undefined;
  if (param.kind === 'range') {
    if (!Array.isArray(value)) return undefined;
    const fallback = paramDefault(param) as [number | null, number | null];
    const [lo, hi] = [value[0] ?? fallback[0], value[1] ?? fallback[1]];
    return lo === null || hi === null ? undefined : [lo, hi];
  }
  return value;
}

/** The `runs.start` config (original JSON shape); empty values are left out so the defaults apply. */
export function triHedgeConfig(model: TriHedgeFormModel, params: readonly StrategyParam[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const param of params) {
    const value = configValue(param, model.params[param.key] ?? null);
    if (value !== undefined) config[param.key] = value;
  }
  config.coinlist = model.coins.map((row) => {
    const coin: Record<string, unknown> = { symbol: row.symbol.trim().toUpperCase() };
    if (row.targetNotional !== null) coin.target_notional = row.targetNotional;
    if (row.sliceNotional != null) coin.slice_notional = row.sliceNotional;
    else if (row.sliceCount !== null) coin.slice_count = row.sliceCount;
    if (row.holdMinutes != null) coin.hold_minutes = row.holdMinutes;
    return coin;
  });
  return config;
}

/** The account ids in role order; null when one is missing. */
export function chosenAccounts(model: TriHedgeFormModel): string[] | null {
  const ids = model.accounts.filter((id): id is string => id !== null);
  return ids.length === 3 ? ids : null;
}

/** The issue paths shown next to a parameter (a range's ends too). */
export function paramPaths(param: StrategyParam): string[] {
  return param.kind === 'range' ? [param.key, `${param.key}.0`, `${param.key}.1`] : [param.key];
}

/** Every field path the form shows feedback for (the config's issue paths). */
export function triFormFields(model: TriHedgeFormModel, params: readonly StrategyParam[]): string[] {
  return [
    'accountIds',
    ...params.flatMap(paramPaths),
    'coinlist',
    ...model.coins.flatMap((_, i) => [`coinlist.${i}`, `coinlist.${i}.symbol`, `coinlist.${i}.target_notional`, `coinlist.${i}.slice_count`, `coinlist.${i}.slice_notional`, `coinlist.${i}.hold_minutes`]),
  ];
}

/** An issue path of `runs.start` as a form field: config paths may come prefixed with `config.`; `accountIds.1` names the accounts. */
export function triIssueField(path: string): string {
  const p = path.startsWith('config.') ? path.slice('config.'.length) : path;
  return p.startsWith('accountIds') ? 'accountIds' : p;
}

/** Test ids the end-to-end tests know some parameters by; the others are `tri-param-<key>`. */
const PARAM_TEST_IDS: Record<string, string> = {
  hold_minutes: 'tri-hold-minutes',
  run_once: 'tri-run-once',
  slice_delay_seconds: 'tri-slice-delay',
  slice_delay_jitter_seconds: 'tri-jitter',
  pause_between_symbols: 'tri-pause',
  slice_fill_timeout: 'tri-fill-timeout',
  random_split_range: 'tri-split',
  primary_time_in_force: 'tri-tif',
};

/** The test id of a parameter's input (a range's are this plus `-min` / `-max`). */
export function paramTestId(key: string): string {
  return PARAM_TEST_IDS[key] ?? `tri-param-${key}`;
}

/** The rows of a saved coin list (USDC decimal strings as form numbers; empty overrides stay null: the config's defaults apply). */
export function coinRowsFromList(list: CoinList): CoinRow[] {
  return list.coins.map((c) => ({
    symbol: c.symbol,
    targetNotional: c.targetNotional !== undefined ? Number(c.targetNotional) : null,
    sliceCount: c.sliceCount ?? null,
    sliceNotional: c.sliceNotional !== undefined ? Number(c.sliceNotional) : null,
    holdMinutes: c.holdMinutes ?? null,
  }));
}

/** The rows as coin-list coins (`coinLists.create`): symbols trimmed, USDC as decimal strings, empty values left out. */
export function coinListCoins(rows: readonly CoinRow[]): Record<string, unknown>[] {
  return rows.map((row) => {
    const coin: Record<string, unknown> = { symbol: row.symbol.trim().toUpperCase() };
    if (row.targetNotional !== null) coin.targetNotional = String(row.targetNotional);
    if (row.sliceNotional != null) coin.sliceNotional = String(row.sliceNotional);
    else if (row.sliceCount !== null) coin.sliceCount = row.sliceCount;
    if (row.holdMinutes != null) coin.holdMinutes = row.holdMinutes;
    return coin;
  });
}

const COIN_LIST_FIELDS: Record<string, string> = {
  symbol: 'symbol',
  targetNotional: 'target_notional',
  sliceCount: 'slice_count',
  sliceNotional: 'slice_notional',
  holdMinutes: 'hold_minutes',
};

/** A coin-list issue path (`coins.2.targetNotional`) as this form's field (`coinlist.2.target_notional`); other paths unchanged. */
export function coinListIssueField(path: string): string {
  const m = /^coins\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (!m) return path;
  return m[2] === undefined ? `coinlist.${m[1]}` : `coinlist.${m[1]}.${COIN_LIST_FIELDS[m[2]] ?? m[2]}`;
}
