import Decimal from 'decimal.js';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { MarketSpec } from '../engine/market-spec';
import defaultMarkets from './default-markets.json';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string');

/**
 * One perp entry of `GET /v1/markets` → `results[]`, with the recorded field
 * names and types (paradex.md §7; shared/data/paradex/ccxt_static_response.json
 * fetchMarkets). Unknown extra fields are kept and served as loaded.
 */
export const paradexMarketSpecSchema = z
  .object({
    symbol: z.string().regex(/^[A-Za-z0-9]+-USD-PERP$/, 'a BASE-USD-PERP symbol'),
    base_currency: z.string().min(1),
    quote_currency: z.string().min(1),
    settlement_currency: z.string().min(1),
    order_size_increment: decimalString,
    price_tick_size: decimalString,
    min_notional: decimalString,
    open_at: z.number().int(),
    expiry_at: z.number().int(),
    asset_kind: z.literal('PERP'),
    position_limit: decimalString,
    price_bands_width: decimalString,
    max_open_orders: z.number().int().positive(),
    max_funding_rate: decimalString,
    delta1_cross_margin_params: z.object({ imf_base: decimalString, imf_shift: decimalString, imf_factor: decimalString, mmf_factor: decimalString }).passthrough(),
    price_feed_id: z.string(),
    oracle_ewma_factor: decimalString,
    max_order_size: decimalString,
    max_funding_rate_change: decimalString,
    max_tob_spread: decimalString,
  })
  .passthrough();

/** A `/markets` entry (see {@link paradexMarketSpecSchema}). */
export type ParadexMarketSpec = z.infer<typeof paradexMarketSpecSchema>;

/** A loaded market: its `/markets` entry as served, the engine spec and the sim-only parameters. */
export interface ParadexMarket {
  /** The `/markets` entry, served verbatim. */
  spec: ParadexMarketSpec;
  /** The matching engine's view (numeric id = load order). */
  engine: MarketSpec;
  tickSize: Decimal;
  stepSize: Decimal;
  minNotional: Decimal;
  maxOrderSize: Decimal;
  /** Largest absolute position, base units (`position_limit`). */
  positionLimit: Decimal;
  /** Market orders match up to mark × (1 ± this) (`price_bands_width`). */
  priceBand: Decimal;
  /** Starting mid of the synthetic liquidity, USD. */
  referenceMid: Decimal;
}

/** Starting mids (USD) by base currency — the same rough reference prices as the Lighter sim (lighter/markets.ts). */
const REFERENCE_MIDS: Readonly<Record<string, string>> = { BTC: '100000', ETH: '3000', SOL: '150' };

/**
 * Fee rates (fractions of notional). `/markets` carries no fee fields, so these
 * are the sim's choice: taker 0.02 %, maker 0 % (README "Paradex layer").
 */
export const SIM_FEE_RATES = { maker: new Decimal(0), taker: new Decimal('0.0002') } as const;

function engineSpec(id: number, spec: ParadexMarketSpec, tick: Decimal, step: Decimal): MarketSpec {
  const imf = new Decimal(spec.delta1_cross_margin_params.imf_base);
  return {
    id,
    symbol: spec.symbol,
    tickSize: tick,
    stepSize: step,
    minBaseAmount: step,
    // min_notional is checked by the Paradex layer (against the mark, with the reduce-only exception, paradex.md §7).
    minQuoteAmount: new Decimal(0),
    maxQuoteAmount: null,
    makerFeeRate: SIM_FEE_RATES.maker,
    takerFeeRate: SIM_FEE_RATES.taker,
    defaultInitialMarginFraction: imf,
    minInitialMarginFraction: imf,
    maintenanceMarginFraction: imf.mul(spec.delta1_cross_margin_params.mmf_factor),
    status: 'active',
  };
}

/**
 * Validates market entries and builds the engine's view of each.
 * @throws Error naming the entry and field (`markets[1].price_tick_size: …`), or a duplicate symbol.
 */
export function buildMarkets(entries: readonly unknown[]): ParadexMarket[] {
  const seen = new Set<string>();
  return entries.map((raw, i) => {
    const r = paradexMarketSpecSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new Error(`markets[${i}].${issue.path.join('.')}: ${issue.message}`);
    }
    const spec = r.data;
    if (seen.has(spec.symbol)) throw new Error(`markets[${i}].symbol: ${spec.symbol} appears twice`);
    seen.add(spec.symbol);
    const tick = new Decimal(spec.price_tick_size);
    const step = new Decimal(spec.order_size_increment);
    if (!tick.gt(0) || !step.gt(0)) throw new Error(`markets[${i}]: price_tick_size and order_size_increment must be positive`);
    const known = REFERENCE_MIDS[spec.base_currency];
    const fallback = Decimal.max(new Decimal(spec.min_notional).div(step.mul(100)), tick.mul(1000));
    return {
      spec,
      engine: engineSpec(i, spec, tick, step),
      tickSize: tick,
      stepSize: step,
      minNotional: new Decimal(spec.min_notional),
      maxOrderSize: new Decimal(spec.max_order_size),
      positionLimit: new Decimal(spec.position_limit),
      priceBand: new Decimal(spec.price_bands_width),
      referenceMid: known ? new Decimal(known) : fallback.toDecimalPlaces(tick.decimalPlaces()),
    };
  });
}

/**
 * Loads markets: the committed defaults (`default-markets.json`: BTC-USD-PERP
 * verbatim from the recorded testnet `/markets`, ETH- and SOL-USD-PERP shaped
 * like it), a list of entries, or the path of a `/markets` JSON response
 * (`{"results": [...]}`) or a bare array.
 * @throws Error for an unreadable file or invalid entries (see {@link buildMarkets}).
 */
export function loadMarkets(source?: string | readonly ParadexMarketSpec[]): ParadexMarket[] {
  if (source === undefined) return buildMarkets(defaultMarkets.results);
  if (typeof source !== 'string') return buildMarkets(source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(source, 'utf8'));
  } catch (err) {
    throw new Error(`markets file ${source}: ${(err as Error).message}`, { cause: err });
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { results?: unknown })?.results;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`markets file ${source}: expected {"results": [...]} with at least one market`);
  return buildMarkets(list);
}
