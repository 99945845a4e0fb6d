import Decimal from 'decimal.js';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { MarketSpec } from '../engine/market-spec';
import defaultMarketsFile from './default-markets.json';

const int = z.number().int();
const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');

/**
 * One perp entry of `GET /api/v1/orderBookDetails` with the exact field names
 * and types of the recorded snapshot (shared/data/lighter/order_book_details.json,
 * lighter.md §1.1): decimals and margin fractions are numbers, amounts, fees
 * and `created_at` are strings. Unknown extra fields are allowed.
 */
export const lighterPerpSpecSchema = z.object({
  symbol: z.string().min(1),
  market_id: int.min(0).max(254),
  market_type: z.literal('perp'),
  base_asset_id: int,
  quote_asset_id: int,
  status: z.enum(['active', 'inactive']),
  taker_fee: decimalString,
  is_taker_fee_enabled: z.boolean(),
  maker_fee: decimalString,
  is_maker_fee_enabled: z.boolean(),
  liquidation_fee: decimalString,
  min_base_amount: decimalString,
  min_quote_amount: decimalString,
  order_quote_limit: z.union([decimalString, z.literal('')]),
  supported_size_decimals: int,
  supported_price_decimals: int,
  supported_quote_decimals: int,
  size_decimals: int.min(0).max(12),
  price_decimals: int.min(0).max(12),
  display_size_decimals: int,
  display_price_decimals: int,
  quote_multiplier: int,
  default_initial_margin_fraction: int.min(1).max(10_000),
  min_initial_margin_fraction: int.min(1).max(10_000),
  maintenance_margin_fraction: int.min(1).max(10_000),
  closeout_margin_fraction: int,
  market_config: z.object({
    market_margin_mode: int,
    insurance_fund_account_index: int,
    liquidation_mode: int,
    force_reduce_only: z.boolean(),
    trading_hours: z.string(),
    funding_fee_discounts_enabled: z.boolean(),
    hidden: z.boolean(),
    rfq_enabled: z.boolean(),
  }),
  market_flags: int,
  strategy_index: int,
  funding_clamp_small: decimalString,
  funding_clamp_big: decimalString,
  funding_premium_multiplier: int,
  base_interest_rate: decimalString,
  created_at: z.string(),
  multiplier: z.string(),
});

/** A perp market entry as Lighter sends it (see {@link lighterPerpSpecSchema}). */
export type LighterPerpSpec = z.infer<typeof lighterPerpSpecSchema>;

/** A loaded market: the verbatim JSON entry (served back unchanged), its parsed form and the engine's view. */
export interface LighterMarket {
  /** The entry exactly as loaded, for `orderBookDetails`. */
  raw: Readonly<Record<string, unknown>>;
  spec: LighterPerpSpec;
  engine: MarketSpec;
  sizeDecimals: number;
  priceDecimals: number;
}

/**
 * Rough starting mid prices (USDC) of the default markets. Markets without
 * one start at min_quote_amount / min_base_amount (Lighter sizes its minimums
 * so that this is the right order of magnitude).
 */
const REFERENCE_MIDS: Readonly<Record<string, string>> = {
  ETH: '3000',
  BTC: '100000',
  SOL: '150',
  DOGE: '0.2',
  XRP: '2.5',
  LINK: '15',
  AVAX: '20',
  SUI: '3',
  HYPE: '40',
  BNB: '900',
  LTC: '90',
};

function pow10(exp: number): Decimal {
  return new Decimal(10).pow(exp);
}

/** The engine's view of a Lighter perp: 10^-decimals steps, percent fees → fractions, 1/10,000 margin fractions → fractions. */
export function toEngineSpec(spec: LighterPerpSpec): MarketSpec {
  const limit = spec.order_quote_limit === '' ? new Decimal(0) : new Decimal(spec.order_quote_limit);
  const fee = (value: string, enabled: boolean) => (enabled ? new Decimal(value).div(100) : new Decimal(0));
  const status = spec.status === 'inactive' ? 'inactive' : spec.market_config.force_reduce_only ? 'reduce-only' : 'active';
  return {
    id: spec.market_id,
    symbol: spec.symbol,
    tickSize: pow10(-spec.price_decimals),
    stepSize: pow10(-spec.size_decimals),
    minBaseAmount: new Decimal(spec.min_base_amount),
    minQuoteAmount: new Decimal(spec.min_quote_amount),
    maxQuoteAmount: limit.gt(0) ? limit : null,
    makerFeeRate: fee(spec.maker_fee, spec.is_maker_fee_enabled),
    takerFeeRate: fee(spec.taker_fee, spec.is_taker_fee_enabled),
    defaultInitialMarginFraction: new Decimal(spec.default_initial_margin_fraction).div(10_000),
    minInitialMarginFraction: new Decimal(spec.min_initial_margin_fraction).div(10_000),
    maintenanceMarginFraction: new Decimal(spec.maintenance_margin_fraction).div(10_000),
    status,
  };
}

/** The starting mid of a market (USDC), on its tick. */
export function referenceMid(market: LighterMarket): Decimal {
  const known = REFERENCE_MIDS[market.spec.symbol];
  const minBase = new Decimal(market.spec.min_base_amount);
  const raw = known ? new Decimal(known) : minBase.gt(0) ? new Decimal(market.spec.min_quote_amount).div(minBase) : new Decimal(1);
  return Decimal.max(raw.toDecimalPlaces(market.priceDecimals), market.engine.tickSize);
}

/**
 * Validates perp entries and builds the markets.
 * @throws Error naming the entry and field that do not match the recorded format, or a duplicate market_id.
 */
export function parseMarkets(entries: readonly unknown[]): LighterMarket[] {
  const seen = new Set<number>();
  return entries.map((entry, i) => {
    const r = lighterPerpSpecSchema.safeParse(entry);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new Error(`market entry ${i}: ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
    }
    if (seen.has(r.data.market_id)) throw new Error(`market entry ${i}: duplicate market_id ${r.data.market_id}`);
    seen.add(r.data.market_id);
    return {
      raw: entry as Record<string, unknown>,
      spec: r.data,
      engine: toEngineSpec(r.data),
      sizeDecimals: r.data.size_decimals,
      priceDecimals: r.data.price_decimals,
    };
  });
}

/**
 * Loads markets: the committed defaults (ETH, BTC, SOL, DOGE, XRP, LINK,
 * AVAX, SUI, HYPE, BNB, LTC — verbatim entries of the recorded mainnet
 * snapshot, see the README), a list of perp entries, or the path of a file
 * holding a full `orderBookDetails` response (its perps are loaded, spot
 * entries are ignored) or a bare array of perp entries.
 * @throws Error when the file cannot be read or parsed, or an entry is invalid.
 */
export function loadMarkets(source?: string | readonly LighterPerpSpec[]): LighterMarket[] {
  if (source === undefined) return parseMarkets(defaultMarketsFile.order_book_details);
  if (typeof source !== 'string') return parseMarkets(source);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(source, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read markets file ${source}: ${(err as Error).message}`, { cause: err });
  }
  if (Array.isArray(json)) return parseMarkets(json);
  const list = (json as { order_book_details?: unknown } | null)?.order_book_details;
  if (!Array.isArray(list)) throw new Error(`markets file ${source}: expected an orderBookDetails response ({"order_book_details": [...]}) or an array of entries`);
  return parseMarkets(list);
}
