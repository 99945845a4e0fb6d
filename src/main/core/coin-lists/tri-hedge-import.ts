import Decimal from 'decimal.js';
import { ContractError, type FieldIssue } from '../../../shared/errors';

/** Where the original tri_hedge_hold config keeps its coin list, in the order it looks (config-schema.ts). */
const LIST_KEYS = ['coinlist', 'symbols', 'coins'] as const;

/** Per-coin fields of the original config → coin-list fields. */
const COIN_FIELDS = {
  target_notional: 'targetNotional',
  slice_notional: 'sliceNotional',
  slice_count: 'sliceCount',
  hold_minutes: 'holdMinutes',
} as const;

/** The coins found in a tri-hedge config (still to be validated) and notes about what the mapping did. */
export interface ImportedCoins {
  /** Which key held the list: `coinlist`, `symbols` or `coins`. */
  key: (typeof LIST_KEYS)[number];
  /** Coin-list entries (`{symbol, targetNotional?, sliceNotional?, sliceCount?, holdMinutes?}`), unvalidated. */
  coins: Record<string, unknown>[];
  /** What was dropped or filled in, by coin path (`coins.2.sliceCount`) or config path (`config.symbols`). */
  notes: FieldIssue[];
}

function invalid(path: string, message: string): ContractError {
  return new ContractError('INVALID_REQUEST', `invalid tri-hedge config: ${path}: ${message}`, [{ path, message }]);
}

/** A number or numeric string of the config as a plain decimal string (USDC); other values pass through for the schema to name. */
function usdcValue(v: unknown): unknown {
  if (typeof v === 'number' && Number.isFinite(v)) return new Decimal(v).toFixed();
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return new Decimal(v.trim()).toFixed();
  return v;
}

/** A number or numeric string as a number (slice count, minutes); other values pass through. */
function numberValue(v: unknown): unknown {
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return v;
}

function convert(field: keyof typeof COIN_FIELDS, v: unknown): unknown {
  return field === 'target_notional' || field === 'slice_notional' ? usdcValue(v) : numberValue(v);
}

/** The list's entries as `[symbol-or-entry, …]`: an array, a `{SYMBOL: overrides}` map, or a comma-separated string. */
function entriesOf(list: unknown): unknown[] | null {
  if (Array.isArray(list)) return list;
  if (typeof list === 'string') return list.split(/[\s,]+/).filter((s) => s.length > 0);
  if (typeof list === 'object' && list !== null) {
    return Object.entries(list).map(([symbol, v]) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? { symbol, ...v } : symbol));
  }
  return null;
}

/**
 * Maps an original tri_hedge_hold JSON config (tri-hedge-hold/config-schema.ts:
 * the list under `coinlist`, `symbols` or `coins`; entries a symbol or
 * `{symbol, target_notional?, slice_notional?, slice_count?, hold_minutes?}`)
 * to coin-list entries. Lenient with what old configs contain: the first
 * non-empty list key wins (the others are noted), lower-case symbols,
 * numbers given as strings, a `{SYMBOL: {...}}` map or a `"ETH,BTC"` string
 * for the list; `slice_notional` wins over `slice_count` as in the original;
 * config-level `default_target_notional`, `default_slice_count` and
 * `hold_minutes`, when the config gives them, are written into every coin that
 * lacks its own (so the list trades as the config did); unknown per-coin
 * fields are dropped. Everything else of the config (accounts, keys, timing)
 * is ignored. The result is validated by the caller.
 * @param config the parsed JSON, or its text.
 * @throws ContractError `INVALID_REQUEST` (path `config…`) for text that is not JSON, a config that is not an object, or one with no coin list.
 */
export function coinsFromTriHedgeConfig(config: unknown): ImportedCoins {
  let c = config;
  if (typeof c === 'string') {
    try {
      c = JSON.parse(c) as unknown;
    } catch (err) {
      // Only where it broke: the parser's message may quote the text, keys included.
      const at = /line \d+ column \d+|position \d+/.exec((err as Error).message)?.[0];
      throw invalid('config', at ? `is not valid JSON (at ${at})` : 'is not valid JSON');
    }
  }
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw invalid('config', 'must be a tri-hedge JSON object with a coinlist');
  const obj = c as Record<string, unknown>;
  const present = LIST_KEYS.filter((k) => obj[k] !== undefined && obj[k] !== null);
  const found = present.map((k) => ({ key: k, entries: entriesOf(obj[k]) })).find((f) => f.entries !== null && f.entries.length > 0);
  if (!found) {
    const where = present[0] ?? 'coinlist';
    throw invalid(`config.${where}`, present.length > 0 ? 'lists no coins' : 'no coin list: expected coinlist, symbols or coins');
  }
  const notes: FieldIssue[] = present
    .filter((k) => k !== found.key)
    .map((k) => ({ path: `config.${k}`, message: `ignored: the coin list was taken from ${found.key}` }));

  const defaults = {
    target_notional: obj.default_target_notional,
    slice_count: obj.default_slice_count,
    hold_minutes: obj.hold_minutes,
  };
  const filled = { target_notional: 0, slice_count: 0, hold_minutes: 0 };

  const coins = found.entries!.map((entry, i): Record<string, unknown> => {
    const path = `coins.${i}`;
    const src: Record<string, unknown> = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : { symbol: entry };
    const coin: Record<string, unknown> = { symbol: typeof src.symbol === 'string' ? src.symbol.trim().toUpperCase() : src.symbol };
    for (const [field, to] of Object.entries(COIN_FIELDS) as [keyof typeof COIN_FIELDS, string][]) {
      if (src[field] !== undefined && src[field] !== null) coin[to] = convert(field, src[field]);
    }
    const dropped = Object.keys(src).filter((k) => k !== 'symbol' && !(k in COIN_FIELDS));
    if (dropped.length > 0) notes.push({ path, message: `ignored: ${dropped.join(', ')}` });
    if (coin.sliceNotional !== undefined && coin.sliceCount !== undefined) {
      notes.push({ path: `${path}.sliceCount`, message: `slice_count ${String(coin.sliceCount)} dropped: slice_notional wins when both are given` });
      delete coin.sliceCount;
    }
    if (coin.targetNotional === undefined && defaults.target_notional !== undefined) {
      coin.targetNotional = usdcValue(defaults.target_notional);
      filled.target_notional++;
    }
    if (coin.sliceNotional === undefined && coin.sliceCount === undefined && defaults.slice_count !== undefined) {
      coin.sliceCount = numberValue(defaults.slice_count);
      filled.slice_count++;
    }
    if (coin.holdMinutes === undefined && defaults.hold_minutes !== undefined) {
      coin.holdMinutes = numberValue(defaults.hold_minutes);
      filled.hold_minutes++;
    }
    return coin;
  });
  const names = { target_notional: 'default_target_notional', slice_count: 'default_slice_count', hold_minutes: 'hold_minutes' } as const;
  for (const [k, n] of Object.entries(filled) as [keyof typeof filled, number][]) {
    if (n > 0) notes.push({ path: `config.${names[k]}`, message: `${String(defaults[k])} written into ${n} coin${n === 1 ? '' : 's'} without their own` });
  }
  return { key: found.key, coins, notes };
}
