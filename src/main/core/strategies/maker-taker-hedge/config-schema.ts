import Decimal from 'decimal.js';
import { z } from 'zod';
import { formatPath, type FieldIssue } from '../../../../shared/errors';
import type { MakerTakerMode } from '../../../../shared/schemas/maker-taker-hedge';
import { ConfigError } from '../../engine/config-error';
import { redactRedisUrl, redisUrlProblem } from './redis-url';

const number = (what: string) => z.number({ error: `must be a number (${what})` }).finite();
const positive = (what: string) => number(what).positive('must be greater than 0');
const whole = (what: string) => number(what).int('must be a whole number');

/** How `quantity` is counted: the venue's integer base amount (`--quantity 100000` = 10 ETH with 4 size decimals), or base units (0.01 ETH). */
export const QUANTITY_UNITS = ['integer', 'base'] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

/**
 * The maker-taker-hedge configuration, with the field names of the systems it
 * replaces (hedge_strategy / Lighter-hedge: `--market --quantity --depth`,
 * `strategy.retry_times`, `strategy.poll_interval`,
 * `lighter.maker_order_time_out`; their nested spelling is accepted by
 * {@link parseMakerTakerConfig}). Unknown fields are ignored.
 */
export const makerTakerConfigSchema = z
  .object({
    market: z
      .string({ error: 'must be a symbol such as "ETH"' })
      .trim()
      .min(1, 'must not be empty')
      .transform((s) => s.toUpperCase())
      .describe('The market A quotes and B hedges, e.g. ETH.'),
    quantity: positive('a size').optional().describe('Size of each maker order of A: the venue integer base amount (as the original --quantity 100000) or base units, as quantity_unit says.'),
    quantity_unit: z.enum(QUANTITY_UNITS, { error: 'must be "integer" (venue base amount) or "base" (base units)' }).default('integer').describe('integer: quantity is the venue integer base amount (scaled by the size decimals); base: quantity is in base units (ETH).'),
    depth: whole('a book level').min(1, 'must be at least 1 (1 = best bid)').max(50, 'must be at most 50').default(1).describe('The bid level A joins: 1 = best bid, 2 = second bid…'),
    mode: z.enum(['both', 'a', 'b'], { error: 'must be both, a or b' }).default('both').describe('both: A posts and B hedges here; a: only A (its fills go to the transport); b: only B (hedges the fills of an A elsewhere, needs redis_url).'),
    redis_url: z
      .string({ error: 'must be a redis:// URL' })
      .trim()
      .superRefine((v, ctx) => {
        const problem = redisUrlProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .describe('Fill events through Redis (channels hedge:account_a_filled / hedge:account_b_filled) instead of in-process.'),
    retry_times: whole('retries').min(0, 'must not be negative').max(20, 'must be at most 20').default(3).describe('How many times B retries a hedge that was refused or did not fill, before the run flattens A and stops.'),
    poll_interval: positive('seconds').default(1).describe('REST reconciliation period (positions), seconds; fills come from the WebSocket.'),
    order_timeout: positive('seconds').default(30).describe("A maker order resting longer than this is cancelled (the original's maker_order_time_out), seconds."),
    slippage_bps: positive('basis points').max(2000, 'must be at most 2000').default(50).describe("Slippage cap of B's marketable IOC hedges: worst price = best bid × (1 − cap), basis points."),
    ack_timeout: positive('seconds').default(30).describe("How long A waits for B's hedge ack before it flattens its unhedged size and stops, seconds."),
    max_cycles: whole('cycles').min(0, 'must not be negative').default(0).describe('Stop after this many hedged maker orders (0 = until stopped).'),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'b' && c.redis_url === undefined) ctx.addIssue({ code: 'custom', path: ['redis_url'], message: 'B-only mode hedges the fills of an A elsewhere: give the Redis URL they come through' });
    if (c.quantity === undefined && c.mode !== 'b') ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'the size of A\'s maker orders is required (mode both and a)' });
    if (c.quantity !== undefined && c.quantity_unit === 'integer' && !Number.isInteger(c.quantity)) ctx.addIssue({ code: 'custom', path: ['quantity'], message: `${c.quantity} is not a whole venue base amount (use quantity_unit "base" for base units)` });
  });
type RawConfig = z.output<typeof makerTakerConfigSchema>;
/** The configuration as a caller writes it (defaults optional). */
export type MakerTakerConfigInput = z.input<typeof makerTakerConfigSchema>;

/** A parsed configuration. Durations ms; the quantity as given (converted with the market's size decimals by {@link orderSize}). */
export interface MakerTakerConfig {
  symbol: string;
  /** Null in B-only mode when not given (B hedges what A fills). */
  quantity: Decimal | null;
  quantityUnit: QuantityUnit;
  depth: number;
  mode: MakerTakerMode;
  redisUrl: string | null;
  retryTimes: number;
  pollIntervalMs: number;
  orderTimeoutMs: number;
  slippageBps: number;
  ackTimeoutMs: number;
  /** 0 = until stopped. */
  maxCycles: number;
}

/** The account roles of a mode, in order: `both` → A, B; `a` → A; `b` → B. */
export function rolesForMode(mode: MakerTakerMode): readonly string[] {
  return mode === 'both' ? ['A', 'B'] : mode === 'a' ? ['A'] : ['B'];
}

/**
 * The originals' nested config (`strategy: {retry_times, poll_interval}`,
 * `lighter: {maker_order_time_out}`, `redis: {host, port, db}`)
 * flattened onto this schema's keys; flat keys win.
 */
function flattenOriginal(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { strategy, lighter, redis, ...rest } = raw as Record<string, unknown>;
  const obj = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const s = obj(strategy);
  const l = obj(lighter);
  const r = obj(redis);
  const out: Record<string, unknown> = {};
  if (s.retry_times !== undefined) out.retry_times = s.retry_times;
  if (s.poll_interval !== undefined) out.poll_interval = s.poll_interval;
  if (l.maker_order_time_out !== undefined) out.order_timeout = l.maker_order_time_out;
  if (r.host !== undefined) out.redis_url = `redis://${String(r.host)}:${String(r.port ?? 6379)}/${String(r.db ?? 0)}`;
  return { ...out, ...rest };
}

function normalise(c: RawConfig): MakerTakerConfig {
  return {
    symbol: c.market,
    quantity: c.quantity === undefined ? null : new Decimal(String(c.quantity)),
    quantityUnit: c.quantity_unit,
    depth: c.depth,
    mode: c.mode,
    redisUrl: c.redis_url ?? null,
    retryTimes: c.retry_times,
    pollIntervalMs: Math.round(c.poll_interval * 1000),
    orderTimeoutMs: Math.round(c.order_timeout * 1000),
    slippageBps: c.slippage_bps,
    ackTimeoutMs: Math.round(c.ack_timeout * 1000),
    maxCycles: c.max_cycles,
  };
}

/**
 * Parses a maker-taker-hedge configuration (flat keys, or the originals' nested ones).
 * @throws ConfigError listing every problem by field path, e.g. `quantity: must be greater than 0`,
 *   `redis_url: B-only mode hedges the fills of an A elsewhere…`.
 */
export function parseMakerTakerConfig(raw: unknown): MakerTakerConfig {
  const parsed = makerTakerConfigSchema.safeParse(flattenOriginal(raw));
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    throw new ConfigError('invalid maker-taker-hedge configuration', issues);
  }
  return normalise(parsed.data);
}

/** The mode a raw (possibly stored) configuration asks for; `both` when it has none or a bad one. Never throws. */
export function modeOf(raw: unknown): MakerTakerMode {
  const mode = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).mode : undefined;
  return mode === 'a' || mode === 'b' ? mode : 'both';
}

/** The configuration with its secret (a password in `redis_url`) masked, for storing with a run. */
export function withoutSecrets(raw: unknown): unknown {
  const flat = flattenOriginal(raw);
  if (typeof flat !== 'object' || flat === null || Array.isArray(flat)) return flat;
  const rest = { ...(flat as Record<string, unknown>) };
  if (typeof rest.redis_url === 'string') rest.redis_url = redactRedisUrl(rest.redis_url);
  return rest;
}
