/**
 * The coin-list editor's model: a draft of a list (name, venue, coin rows as
 * typed), the coins it sends (`coinLists.validate` / `create` / `update`),
 * and where the server's issues go.
 * USDC amounts stay the decimal strings the user typed.
 */
import type { FieldIssue } from '../../../../shared/errors';
import type { CoinList } from '../../../../shared/schemas/coin-lists';
import { DEFAULT_VENUE, type Venue } from '../../../../shared/schemas/venues';

/** How a row slices its target: the strategy's default, a slice notional (USDC) or a slice count. */
export type SliceMode = 'default' | 'notional' | 'count';

/** One coin row as typed; empty strings / nulls mean "the strategy's default". */
export interface CoinRowDraft {
  symbol: string;
  /** USDC, decimal string as typed. */
  targetNotional: string;
  sliceMode: SliceMode;
  /** USDC per slice, decimal string as typed (used when `sliceMode` is `notional`). */
  sliceNotional: string;
  /** Slices (used when `sliceMode` is `count`). */
  sliceCount: number | null;
  holdMinutes: number | null;
}

/** A coin list being edited. */
export interface CoinListDraft {
  name: string;
  venue: Venue;
  coins: CoinRowDraft[];
}

/** The row fields the editor shows issues for, as named in issue paths (`coins.3.targetNotional`). */
export const ROW_FIELDS = ['symbol', 'targetNotional', 'sliceNotional', 'sliceCount', 'holdMinutes'] as const;
/** One of {@link ROW_FIELDS}. */
export type RowField = (typeof ROW_FIELDS)[number];

/** An empty row (every override at the strategy's default). */
export function newCoinRow(symbol = ''): CoinRowDraft {
  return { symbol, targetNotional: '', sliceMode: 'default', sliceNotional: '', sliceCount: null, holdMinutes: null };
}

/** A new list draft for `venue` with one empty row. */
export function newCoinListDraft(venue: Venue = DEFAULT_VENUE): CoinListDraft {
  return { name: '', venue, coins: [newCoinRow()] };
}

/** The draft of a saved list. */
export function draftFromList(list: CoinList): CoinListDraft {
  return {
    name: list.name,
    venue: list.venue,
    coins: list.coins.map((c) => ({
      symbol: c.symbol,
      targetNotional: c.targetNotional ?? '',
      sliceMode: c.sliceNotional !== undefined ? 'notional' : c.sliceCount !== undefined ? 'count' : 'default',
      sliceNotional: c.sliceNotional ?? '',
      sliceCount: c.sliceCount ?? null,
      holdMinutes: c.holdMinutes ?? null,
    })),
  };
}

/** One row as a coin of the contract: trimmed, empty overrides left out, only the chosen slice form. */
export function coinOf(row: CoinRowDraft): Record<string, unknown> {
  const coin: Record<string, unknown> = { symbol: row.symbol.trim() };
  if (row.targetNotional.trim() !== '') coin.targetNotional = row.targetNotional.trim();
  if (row.sliceMode === 'notional' && row.sliceNotional.trim() !== '') coin.sliceNotional = row.sliceNotional.trim();
  if (row.sliceMode === 'count' && row.sliceCount !== null) coin.sliceCount = row.sliceCount;
  if (row.holdMinutes !== null) coin.holdMinutes = row.holdMinutes;
  return coin;
}

/** The coins of a draft, in row order. */
export function coinsOf(draft: CoinListDraft): Record<string, unknown>[] {
  return draft.coins.map(coinOf);
}

/** An issue path of a coin-list command as an editor field: `patch.` dropped, so `patch.coins.2.symbol` → `coins.2.symbol`. */
export function editorField(path: string): string {
  return path.startsWith('patch.') ? path.slice('patch.'.length) : path;
}

/**
 * Issues as messages per editor field (joined). With `onlyTyped`, issues of
 * rows whose symbol is still empty are left out (validation as you type does
 * not nag about a row just added).
 */
export function issuesByField(issues: readonly FieldIssue[], draft: CoinListDraft, onlyTyped = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = editorField(issue.path);
    const row = /^coins\.(\d+)/.exec(field);
    if (onlyTyped && row && (draft.coins[Number(row[1])]?.symbol.trim() ?? '') === '') continue;
    out[field] = out[field] ? `${out[field]}; ${issue.message}` : issue.message;
  }
  return out;
}

/** Messages of one row: its own (`coins.2`) and those of its fields, joined — for a row summary. */
export function rowMessages(errors: Readonly<Record<string, string>>, index: number): string[] {
  const prefix = `coins.${index}`;
  return Object.entries(errors)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
    .map(([, message]) => message);
}

/** Errors of rows after `index`, renumbered after the row at `index` is removed. */
export function shiftRowErrors(errors: Readonly<Record<string, string>>, removed: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^coins\.(\d+)(.*)$/.exec(path);
    if (!m) {
      out[path] = message;
      continue;
    }
    const i = Number(m[1]);
    if (i < removed) out[path] = message;
    else if (i > removed) out[`coins.${i - 1}${m[2]}`] = message;
  }
  return out;
}
