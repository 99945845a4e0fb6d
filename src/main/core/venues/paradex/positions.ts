import Decimal from 'decimal.js';
import type { Collateral, Position } from '../venue';
import type { AccountSummary, ParadexPosition } from './wire';

/**
 * A Paradex position (paradex.md §6) as a {@link Position} of app symbol
 * `symbol`, or null when flat or CLOSED. Size is signed from `side` (LONG +,
 * SHORT −) applied to |size| — whether Paradex signs short sizes itself is
 * unverified (§6), so both conventions read the same. Liquidation price null
 * when empty or zero.
 */
export function toPosition(p: ParadexPosition, symbol: string): Position | null {
  const magnitude = new Decimal(p.size).abs();
  if (p.status === 'CLOSED' || magnitude.isZero()) return null;
  const short = p.side === 'SHORT' || (p.side !== 'LONG' && new Decimal(p.size).isNegative());
  const liq = p.liquidation_price !== null ? new Decimal(p.liquidation_price) : null;
  return {
    symbol,
    size: short ? magnitude.neg() : magnitude,
    entryPrice: new Decimal(p.average_entry_price ?? 0),
    unrealizedPnl: new Decimal(p.unrealized_pnl ?? 0),
    liquidationPrice: liq !== null && liq.gt(0) ? liq : null,
  };
}

/** Collateral (USDC) from the account summary (§6 `GET /account`): total = `account_value`, available = `free_collateral`. */
export function toCollateral(a: Pick<AccountSummary, 'account_value' | 'free_collateral'>): Collateral {
  return { total: new Decimal(a.account_value), available: new Decimal(a.free_collateral) };
}
