import Decimal from 'decimal.js';
import type { Collateral, Position } from '../venue';
import type { AccountPosition } from './wire';

/**
 * A Lighter position (lighter.md §1.5) as a {@link Position}, or null when
 * flat: size = sign × position (1 long, −1 short); entry price
 * `avg_entry_price`; liquidation price null when absent, empty or zero.
 */
export function toPosition(p: AccountPosition, symbol: string): Position | null {
  const size = new Decimal(p.position).times(Math.sign(p.sign));
  if (size.isZero()) return null;
  const liq = p.liquidation_price !== undefined && /^-?\d+(\.\d+)?$/.test(p.liquidation_price) ? new Decimal(p.liquidation_price) : null;
  return {
    symbol,
    size,
    entryPrice: new Decimal(p.avg_entry_price),
    unrealizedPnl: new Decimal(p.unrealized_pnl),
    liquidationPrice: liq !== null && liq.gt(0) ? liq : null,
  };
}

/** Perp collateral (USDC): total = `collateral`, available = `available_balance` (account or user_stats, §1.5, §6.4). */
export function toCollateral(collateral: string, availableBalance: string): Collateral {
  return { total: new Decimal(collateral), available: new Decimal(availableBalance) };
}
