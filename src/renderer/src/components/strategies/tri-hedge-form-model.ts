/**
 * The Tri-Hedge Hold form: its model (defaults of the original
 * tri_hedge_hold config), the config it sends with `runs.start` (the original
 * JSON shape) and the form fields server issues are shown next to.
 */

/** Time in force of the primaries' slices, as the original config spells them. */
export const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK', 'PO'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

/** One coin-list row. Numbers are null when left empty (the config's default applies). */
export interface CoinRow {
  symbol: string;
  targetNotional: number | null;
  sliceCount: number | null;
}

export interface TriHedgeFormModel {
  /** Account ids for the roles A, B, C (null: not chosen). */
  accounts: [string | null, string | null, string | null];
  coins: CoinRow[];
  holdMinutes: number | null;
  sliceDelaySeconds: number | null;
  sliceDelayJitterSeconds: number | null;
  sliceFillTimeout: number | null;
  pauseBetweenSymbols: number | null;
  splitMin: number | null;
  splitMax: number | null;
  timeInForce: TimeInForce;
  runOnce: boolean;
}

/** The roles of the three accounts, in the order `runs.start` takes them. */
export const ROLES = ['A', 'B', 'C'] as const;

/** Defaults of the original tri_hedge_hold config. */
export const TRI_DEFAULTS = {
  holdMinutes: 21,
  sliceDelaySeconds: 3,
  sliceDelayJitterSeconds: 4,
  sliceFillTimeout: 8,
  pauseBetweenSymbols: 15,
  splitMin: 0.45,
  splitMax: 0.55,
  targetNotional: 5000,
  sliceCount: 50,
} as const;

/** A coin-list row with the original defaults. */
export function newCoinRow(symbol = ''): CoinRow {
  return { symbol, targetNotional: TRI_DEFAULTS.targetNotional, sliceCount: TRI_DEFAULTS.sliceCount };
}

/** A new form: the original defaults, one ETH row, accounts preselected from `accountIds` (first three). */
export function newTriHedgeForm(accountIds: readonly string[] = []): TriHedgeFormModel {
  return {
    accounts: [accountIds[0] ?? null, accountIds[1] ?? null, accountIds[2] ?? null],
    coins: [newCoinRow('ETH')],
    holdMinutes: TRI_DEFAULTS.holdMinutes,
    sliceDelaySeconds: TRI_DEFAULTS.sliceDelaySeconds,
    sliceDelayJitterSeconds: TRI_DEFAULTS.sliceDelayJitterSeconds,
    sliceFillTimeout: TRI_DEFAULTS.sliceFillTimeout,
    pauseBetweenSymbols: TRI_DEFAULTS.pauseBetweenSymbols,
    splitMin: TRI_DEFAULTS.splitMin,
    splitMax: TRI_DEFAULTS.splitMax,
    timeInForce: 'GTC',
    runOnce: false,
  };
}

/** The scalar parameters: form key → config key (also the issue path). */
export const PARAMS = [
  ['holdMinutes', 'hold_minutes'],
  ['sliceDelaySeconds', 'slice_delay_seconds'],
  ['sliceDelayJitterSeconds', 'slice_delay_jitter_seconds'],
  ['sliceFillTimeout', 'slice_fill_timeout'],
  ['pauseBetweenSymbols', 'pause_between_symbols'],
] as const satisfies readonly (readonly [keyof TriHedgeFormModel, string])[];

/** The `runs.start` config (original JSON shape); empty numbers are left out so the defaults apply. */
export function triHedgeConfig(model: TriHedgeFormModel): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, configKey] of PARAMS) {
    const value = model[key];
    if (value !== null) config[configKey] = value;
  }
  if (model.splitMin !== null || model.splitMax !== null) {
    config.random_split_range = [model.splitMin ?? TRI_DEFAULTS.splitMin, model.splitMax ?? TRI_DEFAULTS.splitMax];
  }
  config.primary_time_in_force = model.timeInForce;
  config.run_once = model.runOnce;
  config.coinlist = model.coins.map((row) => {
    const coin: Record<string, unknown> = { symbol: row.symbol.trim().toUpperCase() };
    if (row.targetNotional !== null) coin.target_notional = row.targetNotional;
    if (row.sliceCount !== null) coin.slice_count = row.sliceCount;
    return coin;
  });
  return config;
}

/** The account ids in role order; null when one is missing. */
export function chosenAccounts(model: TriHedgeFormModel): string[] | null {
  const ids = model.accounts.filter((id): id is string => id !== null);
  return ids.length === 3 ? ids : null;
}

/** Every field path the form shows feedback for (the config's issue paths). */
export function triFormFields(model: TriHedgeFormModel): string[] {
  return [
    'accountIds',
    ...PARAMS.map(([, key]) => key),
    'random_split_range',
    'random_split_range.0',
    'random_split_range.1',
    'primary_time_in_force',
    'run_once',
    'coinlist',
    ...model.coins.flatMap((_, i) => [`coinlist.${i}`, `coinlist.${i}.symbol`, `coinlist.${i}.target_notional`, `coinlist.${i}.slice_count`, `coinlist.${i}.slice_notional`]),
  ];
}

/** An issue path of `runs.start` as a form field: config paths may come prefixed with `config.`; `accountIds.1` names the accounts. */
export function triIssueField(path: string): string {
  const p = path.startsWith('config.') ? path.slice('config.'.length) : path;
  return p.startsWith('accountIds') ? 'accountIds' : p;
}
