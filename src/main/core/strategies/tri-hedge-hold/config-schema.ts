import Decimal from 'decimal.js';
import { isPrintableLabel, LABEL_FORBIDDEN_MESSAGE } from '../../../../shared/schemas/account';
import { z } from 'zod';
import { formatPath, type FieldIssue } from '../../../../shared/errors';
import { ConfigError } from '../../engine/config-error';

/**
 * Time in force of the primaries' slices. `FOK` does not exist on Lighter:
 * it is sent as IOC, and only when the visible book at the limit price covers
 * the whole slice (see time-in-force.ts).
 */
export type PrimaryTimeInForce = 'GTC' | 'IOC' | 'FOK' | 'POST_ONLY';

/** The time-in-force spellings of the original config a form offers (TIF_NAMES accepts aliases too). */
export const PRIMARY_TIME_IN_FORCE_OPTIONS = ['GTC', 'IOC', 'FOK', 'PO'] as const;

const TIF_NAMES: Record<string, PrimaryTimeInForce> = {
  GTC: 'GTC',
  GTT: 'GTC',
  IOC: 'IOC',
  FOK: 'FOK',
  PO: 'POST_ONLY',
  POST_ONLY: 'POST_ONLY',
  POSTONLY: 'POST_ONLY',
  'POST-ONLY': 'POST_ONLY',
  ALO: 'POST_ONLY',
};

const number = (what: string) => z.number({ error: `must be a number (${what})` }).finite();
const positive = (what: string) => number(what).positive('must be greater than 0');

/**
 * Largest |entry / exit price offset|, basis points (5 %). A slice priced
 * further from the touch does not fill within `slice_fill_timeout` in any
 * ordinary market (and from 10 000 bps on the price is zero or negative), so
 * the run would trade nothing and still report done; on the crossing side it
 * caps how far through the book a marketable slice may go.
 */
export const MAX_PRICE_OFFSET_BPS = 500;
const priceOffset = () =>
  number('basis points')
    .min(-MAX_PRICE_OFFSET_BPS, `must be within ±${MAX_PRICE_OFFSET_BPS} bps (5 %): further through the book is not a limit order any more`)
    .max(MAX_PRICE_OFFSET_BPS, `must be within ±${MAX_PRICE_OFFSET_BPS} bps (5 %): a slice priced further from the touch never fills before slice_fill_timeout, so the run would trade nothing`);
const nonNegative = (what: string) => number(what).min(0, 'must not be negative');
const unit = number('a fraction').min(0, 'must be within [0, 1]').max(1, 'must be within [0, 1]');
const symbol = z
  .string({ error: 'must be a symbol such as "ETH"' })
  .trim()
  .min(1, 'must not be empty')
  .transform((s) => s.toUpperCase());

/** One coin of the coin list: a symbol, or an object overriding the defaults for it. */
const coinSchema = z.union([
  symbol,
  z.object({
    symbol,
    target_notional: positive('USDC').optional(),
    slice_notional: positive('USDC').optional(),
    slice_count: number('slices').int('must be a whole number').min(1, 'must be at least 1').optional(),
    hold_minutes: nonNegative('minutes').optional(),
  }),
]);

/** One account of the original config (moved into HedgeDesk's accounts and keychain by the CLI). */
const accountSchema = z.object({
  label: z.string({ error: 'must be a name' }).trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters').refine(isPrintableLabel, LABEL_FORBIDDEN_MESSAGE),
  api_private_key: z.string().optional(),
  account_index: number('an account index').int('must be a whole number').min(0, 'must not be negative').optional(),
  account_address: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'must be 0x followed by 40 hex digits')
    .optional(),
  api_key_index: number('an API key index').int('must be a whole number').min(0, 'must be 0–254').max(254, 'must be 0–254').optional(),
  base_url: z.url('must be a URL').optional(),
  chain_id: z.union([z.literal(304), z.literal(300)], { error: 'must be 304 (mainnet) or 300 (testnet)' }).optional(),
  signer_lib_dir: z.string().optional(),
  /** HedgeDesk addition: trade this account on the built-in simulator. */
  paper: z.boolean().optional(),
});
export type ConfigAccount = z.infer<typeof accountSchema>;

const COIN_LIST_KEYS = ['coinlist', 'symbols', 'coins'] as const;

/**
 * The tri_hedge_hold configuration as the original JSON spells it: field
 * names, aliases (`coinlist` | `symbols` | `coins`) and defaults of the
 * system it replaces. Unknown fields are ignored (listed by
 * {@link unknownConfigKeys}).
 */
export const triHedgeConfigSchema = z
  .object({
    hold_minutes: nonNegative('minutes').default(21).describe('How long each primary holds its long once built, minutes.'),
    entry_price_offset_bps: priceOffset().default(0).describe('Entry buy price = best bid × (1 − offset / 10 000): positive rests further from the touch, negative closer.'),
    exit_price_offset_bps: priceOffset().default(0).describe('Exit sell price = best ask × (1 + offset / 10 000): positive rests further from the touch, negative closer.'),
    slice_delay_seconds: nonNegative('seconds').default(3).describe('Pause between two slices, seconds.'),
    slice_delay_jitter_seconds: nonNegative('seconds').default(4).describe('Random extra pause between slices, up to this many seconds.'),
    slice_fill_timeout: positive('seconds').default(8).describe('A slice not filled within this many seconds is cancelled; the next pass tries again.'),
    order_poll_interval: positive('seconds').default(2).describe('Period of the REST position snapshots, seconds (fills come from the WebSocket).'),
    pause_between_symbols: nonNegative('seconds').default(15).describe('Pause between two rounds, seconds.'),
    random_split_range: z
      .tuple([unit, unit], { error: 'must be two fractions [low, high]' })
      .default([0.45, 0.55])
      .describe("The first hedger's share of each hedge is drawn from [low, high]."),
    primary_time_in_force: z
      .string({ error: 'must be GTC, IOC, FOK or PO' })
      .default('GTC')
      .meta({
        description: 'Time in force of the primaries\' slices: GTC, IOC, FOK (sent as IOC when the book covers the slice) or PO (post-only).',
        // The spellings a form offers; the aliases of TIF_NAMES are accepted too.
        enum: [...PRIMARY_TIME_IN_FORCE_OPTIONS],
      })
      .transform((v, ctx) => {
        const tif = TIF_NAMES[v.trim().toUpperCase()];
        if (!tif) {
          ctx.addIssue({ code: 'custom', message: `"${v}" is not GTC, IOC, FOK or PO (post-only)` });
          return z.NEVER;
        }
        return tif;
      }),
    default_target_notional: positive('USDC').default(5000).describe('Long to build per symbol when its entry gives no target_notional, USDC.'),
    default_slice_count: number('slices').int('must be a whole number').min(1, 'must be at least 1').default(50).describe('slice_notional = target / slice count unless given.'),
    coinlist: z.array(coinSchema).optional(),
    symbols: z.array(coinSchema).optional(),
    coins: z.array(coinSchema).optional(),
    run_once: z.boolean().default(false).describe('Stop after one pass over the whole coin list.'),
    /** HedgeDesk addition: worst-price distance of the hedgers' marketable orders from the best bid/ask. */
    hedge_slippage_bps: positive('basis points').default(50).describe("Worst price of the hedgers' marketable orders, basis points beyond the best bid / ask."),
    base_url: z.url('must be a URL').optional(),
    telegram_bot_token: z.string().optional(),
    telegram_chat_id: z.union([z.string(), z.number()]).optional(),
    accounts: z.array(accountSchema).optional(),
  })
  .superRefine((c, ctx) => {
    const lists = COIN_LIST_KEYS.filter((k) => c[k] !== undefined);
    if (lists.length === 0) ctx.addIssue({ code: 'custom', path: ['coinlist'], message: 'a coin list is required (coinlist, symbols or coins)' });
    if (lists.length > 1) ctx.addIssue({ code: 'custom', path: [lists[1]!], message: `give one coin list, not ${lists.join(' and ')}` });
    const key = lists[0];
    const list = key ? c[key]! : [];
    if (key && list.length === 0) ctx.addIssue({ code: 'custom', path: [key], message: 'must list at least one symbol' });
    const seen = new Map<string, number>();
    list.forEach((coin, i) => {
      const s = typeof coin === 'string' ? coin : coin.symbol;
      if (seen.has(s)) ctx.addIssue({ code: 'custom', path: [key!, i], message: `${s} is listed twice (also at ${seen.get(s)})` });
      seen.set(s, i);
    });
    const [lo, hi] = c.random_split_range;
    if (lo > hi) ctx.addIssue({ code: 'custom', path: ['random_split_range'], message: `the low end ${lo} is above the high end ${hi}` });
    if (c.accounts !== undefined) {
      if (c.accounts.length !== 3) {
        ctx.addIssue({ code: 'custom', path: ['accounts'], message: `needs three accounts (A, B, C), got ${c.accounts.length}` });
      }
      const labels = new Map<string, number>();
      c.accounts.forEach((a, i) => {
        const k = a.label.toLowerCase();
        if (labels.has(k)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'label'], message: `"${a.label}" is used by accounts.${labels.get(k)} too` });
        labels.set(k, i);
      });
    }
  });
type RawConfig = z.output<typeof triHedgeConfigSchema>;

/** One coin of a run, defaults applied. Money in USDC. */
export interface CoinPlan {
  symbol: string;
  targetNotional: Decimal;
  sliceNotional: Decimal;
  holdMinutes: number;
  /** Where the entry sits in the config, e.g. `coinlist.1`, for error messages. */
  path: string;
  /** Whether `target_notional` came from `default_target_notional`. */
  defaultTarget: boolean;
}

/** A parsed tri-hedge-hold configuration. Money in USDC (decimal); durations as in the config (seconds, minutes). */
export interface TriHedgeConfig {
  holdMinutes: number;
  entryPriceOffsetBps: number;
  exitPriceOffsetBps: number;
  sliceDelaySeconds: number;
  sliceDelayJitterSeconds: number;
  sliceFillTimeoutSeconds: number;
  orderPollIntervalSeconds: number;
  pauseBetweenSymbolsSeconds: number;
  randomSplitRange: [number, number];
  primaryTimeInForce: PrimaryTimeInForce;
  hedgeSlippageBps: number;
  runOnce: boolean;
  coins: CoinPlan[];
  /** The original config's accounts (the CLI imports them); the engine takes account ids instead. */
  accounts: ConfigAccount[] | undefined;
  /** Global `base_url` of the original config (live accounts). */
  baseUrl: string | undefined;
  telegram: { botToken: string | undefined; chatId: string | undefined };
}

function toDecimal(n: number): Decimal {
  return new Decimal(String(n));
}

function normalise(c: RawConfig): TriHedgeConfig {
  const key = COIN_LIST_KEYS.find((k) => c[k] !== undefined)!;
  const coins = c[key]!.map((coin, i): CoinPlan => {
    const entry = typeof coin === 'string' ? { symbol: coin } : coin;
    const target = toDecimal(entry.target_notional ?? c.default_target_notional);
    const slice =
      entry.slice_notional !== undefined ? toDecimal(entry.slice_notional) : target.div(entry.slice_count ?? c.default_slice_count).toDecimalPlaces(6, Decimal.ROUND_DOWN);
    return {
      symbol: entry.symbol,
      targetNotional: target,
      sliceNotional: Decimal.min(slice, target),
      holdMinutes: entry.hold_minutes ?? c.hold_minutes,
      path: `${key}.${i}`,
      defaultTarget: entry.target_notional === undefined,
    };
  });
  return {
    holdMinutes: c.hold_minutes,
    entryPriceOffsetBps: c.entry_price_offset_bps,
    exitPriceOffsetBps: c.exit_price_offset_bps,
    sliceDelaySeconds: c.slice_delay_seconds,
    sliceDelayJitterSeconds: c.slice_delay_jitter_seconds,
    sliceFillTimeoutSeconds: c.slice_fill_timeout,
    orderPollIntervalSeconds: c.order_poll_interval,
    pauseBetweenSymbolsSeconds: c.pause_between_symbols,
    randomSplitRange: c.random_split_range,
    primaryTimeInForce: c.primary_time_in_force,
    hedgeSlippageBps: c.hedge_slippage_bps,
    runOnce: c.run_once,
    coins,
    accounts: c.accounts,
    baseUrl: c.base_url,
    telegram: { botToken: c.telegram_bot_token, chatId: c.telegram_chat_id === undefined ? undefined : String(c.telegram_chat_id) },
  };
}

/**
 * Parses a tri_hedge_hold configuration (the original JSON, unchanged).
 * @throws ConfigError listing every problem by field path, e.g.
 *   `random_split_range.1: must be within [0, 1]`, `accounts: needs three accounts (A, B, C), got 2`.
 */
export function parseTriHedgeConfig(raw: unknown): TriHedgeConfig {
  const parsed = triHedgeConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    throw new ConfigError('invalid tri-hedge-hold configuration', issues);
  }
  return normalise(parsed.data);
}

/** Top-level fields of `raw` this strategy does not know (ignored; worth a warning). */
export function unknownConfigKeys(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const known = new Set(Object.keys(triHedgeConfigSchema.shape));
  return Object.keys(raw).filter((k) => !known.has(k));
}

/** The configuration with its secrets (`api_private_key`, `telegram_bot_token`) removed, for storing with a run. */
export function withoutSecrets(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { telegram_bot_token: _token, ...rest } = raw as Record<string, unknown>;
  if (Array.isArray(rest.accounts)) {
    rest.accounts = rest.accounts.map((a: unknown) => {
      if (typeof a !== 'object' || a === null) return a;
      const { api_private_key: _key, ...account } = a as Record<string, unknown>;
      return account;
    });
  }
  return rest;
}
