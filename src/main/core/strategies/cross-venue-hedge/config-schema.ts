import Decimal from 'decimal.js';
import { z } from 'zod';
import { formatPath, type FieldIssue } from '../../../../shared/errors';
import { ConfigError } from '../../engine/config-error';

const number = (what: string) => z.number({ error: `must be a number (${what})` }).finite();
const positive = (what: string) => number(what).positive('must be greater than 0');

/**
 * The cross-venue-hedge configuration (README.md in this folder). Durations
 * in seconds, `margin` in USDC, `take_profit` / `stop_loss` in % of a leg's
 * entry price, `slippage_bps` in basis points. Unknown fields are refused.
 */
export const crossVenueHedgeConfigSchema = z
  .object({
    ticker: z
      .string({ error: 'must be a symbol such as "ETH"' })
      .trim()
      .min(1, 'must not be empty')
      .max(32, 'must be at most 32 characters')
      .transform((s) => s.toUpperCase())
      .describe('The base asset both legs trade, e.g. ETH (the same symbol on both venues).'),
    margin: positive('USDC').describe('Notional of each leg per cycle, USDC: quantity = margin / the average of both mids.'),
    hold_time: positive('seconds').default(600).describe('How long a cycle holds both legs before closing them, seconds.'),
    take_profit: positive('percent').default(2).describe("Close both legs when one leg's PnL reaches this % of its entry price."),
    stop_loss: positive('percent').default(2).describe("Close both legs when one leg's loss reaches this % of its entry price."),
    reverse: z.boolean({ error: 'must be true or false' }).default(false).describe('Swap the sides: the first account goes short, the second long.'),
    cooldown: number('seconds').min(0, 'must not be negative').default(20).describe('Pause between two cycles (and after a failed open), seconds.'),
    close_on_stop: z.boolean({ error: 'must be true or false' }).default(true).describe('Close open legs when the run is stopped (Stop & flatten always closes them).'),
    slippage_bps: positive('basis points')
      .max(1000, 'must be at most 1000 (10 %)')
      .default(50)
      .describe("Worst price of the legs' marketable orders, basis points beyond the venue's mid."),
    max_failures: number('cycles').int('must be a whole number').min(1, 'must be at least 1').default(3).describe('Failed opens in a row after which the run stops.'),
  })
  .strict();

/** The config as a form edits it (input side: optional fields with defaults). */
export type CrossVenueHedgeConfigInput = z.input<typeof crossVenueHedgeConfigSchema>;

/** A parsed cross-venue-hedge configuration. Money in USDC and percentages as decimals; durations in ms. */
export interface CrossVenueHedgeConfig {
  ticker: string;
  margin: Decimal;
  holdMs: number;
  takeProfitPct: Decimal;
  stopLossPct: Decimal;
  reverse: boolean;
  cooldownMs: number;
  closeOnStop: boolean;
  slippageBps: number;
  maxFailures: number;
}

const dec = (n: number) => new Decimal(String(n));

/**
 * Parses a cross-venue-hedge configuration.
 * @throws ConfigError listing every problem by field path, e.g.
 *   `margin: must be greater than 0`, `hold_tme: is not a known field`.
 */
export function parseCrossVenueHedgeConfig(raw: unknown): CrossVenueHedgeConfig {
  const parsed = crossVenueHedgeConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ path: formatPath([...i.path, k]), message: 'is not a known field' }))
        : [{ path: formatPath(i.path), message: i.message }],
    );
    throw new ConfigError('invalid cross-venue-hedge configuration', issues);
  }
  const c = parsed.data;
  return {
    ticker: c.ticker,
    margin: dec(c.margin),
    holdMs: Math.round(c.hold_time * 1000),
    takeProfitPct: dec(c.take_profit),
    stopLossPct: dec(c.stop_loss),
    reverse: c.reverse,
    cooldownMs: Math.round(c.cooldown * 1000),
    closeOnStop: c.close_on_stop,
    slippageBps: c.slippage_bps,
    maxFailures: c.max_failures,
  };
}
