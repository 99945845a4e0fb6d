import Decimal from 'decimal.js';

/**
 * A market as the matching engine sees it, venue-agnostic: every value is
 * already in human units (prices in USDC per base unit, sizes in base units,
 * fee and margin rates as fractions). A venue's protocol layer builds these
 * from its own market list (Lighter: `orderBookDetails`, lighter.md §1.1).
 */
export interface MarketSpec {
  /** Venue market id (Lighter `market_id`). */
  id: number;
  symbol: string;
  /** Smallest price increment (USDC). */
  tickSize: Decimal;
  /** Smallest size increment (base units). */
  stepSize: Decimal;
  /** Smallest order size (base units). */
  minBaseAmount: Decimal;
  /** Smallest order notional (USDC). */
  minQuoteAmount: Decimal;
  /** Largest order notional (USDC), or null when uncapped. */
  maxQuoteAmount: Decimal | null;
  /** Fee rates as fractions of notional (0.0002 = 2 bps); negative = rebate. */
  makerFeeRate: Decimal;
  takerFeeRate: Decimal;
  /** Initial margin fraction used until an account picks its own leverage (0.05 = 20x). */
  defaultInitialMarginFraction: Decimal;
  /** Smallest initial margin fraction an account may choose (the maximum leverage). */
  minInitialMarginFraction: Decimal;
  /** Maintenance margin fraction (liquidation threshold). */
  maintenanceMarginFraction: Decimal;
  /** `reduce-only`: only reducing orders are accepted; `inactive`: no trading at all. */
  status: 'active' | 'reduce-only' | 'inactive';
}

/** Rounds `value` down to a multiple of `step` (`step` > 0). */
export function floorToStep(value: Decimal, step: Decimal): Decimal {
  return value.div(step).floor().mul(step);
}

/** Rounds `value` up to a multiple of `step` (`step` > 0). */
export function ceilToStep(value: Decimal, step: Decimal): Decimal {
  return value.div(step).ceil().mul(step);
}

/** True when `value` is an exact multiple of `step`. */
export function isMultipleOf(value: Decimal, step: Decimal): boolean {
  return value.mod(step).isZero();
}

/** The smallest order size accepted at `price`: max(min base, min quote / price) rounded up to the step. */
export function minimumSize(spec: MarketSpec, price: Decimal): Decimal {
  const byQuote = price.gt(0) ? ceilToStep(spec.minQuoteAmount.div(price), spec.stepSize) : new Decimal(0);
  return Decimal.max(spec.minBaseAmount, byQuote);
}
