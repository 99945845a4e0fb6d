import Decimal from 'decimal.js';
import type { SymbolNetExposure } from '../../../shared/schemas/portfolio';

/** One account's position in one symbol, as the exposure computation needs it. */
export interface ExposureInput {
  symbol: string;
  /** Signed size, base units (positive long, negative short). */
  size: Decimal;
  /** Mark price, USDC per base unit; null when unknown. */
  markPrice: Decimal | null;
  /** The market's decimals, for display. */
  priceDecimals: number;
  sizeDecimals: number;
}

/** Decimals of a net notional in USDC. */
const NOTIONAL_DECIMALS = 6;

/**
 * Net exposure per symbol across every account and venue:
 * `netSize` = Σ signed sizes (base units); `markPrice` = the first known
 * mark in `accounts` order (USDC; 0 when none is known);
 * `netNotional` = |netSize| × markPrice (USDC, 6 decimals);
 * `beyondThreshold` = netNotional > `thresholdUsdc` (strictly: a notional
 * equal to the threshold is within it); `accounts` = how many accounts
 * hold a non-zero position in it. Symbols are sorted by name; a symbol
 * appears when any account holds it, also when the sizes cancel out
 * (net 0: hedged).
 *
 * @param accounts per account, its positions (zero sizes are ignored).
 * @param thresholdUsdc the settings' `exposureThresholdUsdc`, USDC.
 */
export function computeNetExposure(accounts: readonly (readonly ExposureInput[])[], thresholdUsdc: Decimal): SymbolNetExposure[] {
  const bySymbol = new Map<string, { net: Decimal; mark: Decimal | null; accounts: number; priceDecimals: number; sizeDecimals: number }>();
  for (const positions of accounts) {
    for (const p of positions) {
      if (p.size.isZero()) continue;
      const e = bySymbol.get(p.symbol) ?? { net: new Decimal(0), mark: null, accounts: 0, priceDecimals: 0, sizeDecimals: 0 };
      e.net = e.net.plus(p.size);
      e.mark ??= p.markPrice;
      e.accounts += 1;
      e.priceDecimals = Math.max(e.priceDecimals, p.priceDecimals);
      e.sizeDecimals = Math.max(e.sizeDecimals, p.sizeDecimals);
      bySymbol.set(p.symbol, e);
    }
  }
  return [...bySymbol.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, e]) => {
      const mark = e.mark ?? new Decimal(0);
      const notional = e.net.abs().times(mark).toDecimalPlaces(NOTIONAL_DECIMALS);
      return {
        symbol,
        netSize: e.net.toFixed(),
        markPrice: mark.toFixed(),
        netNotional: notional.toFixed(),
        beyondThreshold: notional.gt(thresholdUsdc),
        accounts: e.accounts,
        priceDecimals: e.priceDecimals,
        sizeDecimals: e.sizeDecimals,
      };
    });
}
