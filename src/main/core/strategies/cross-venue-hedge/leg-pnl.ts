import Decimal from 'decimal.js';
import type { CycleCloseReason } from '../../../../shared/schemas/cross-venue-hedge';

/** A leg as take-profit / stop-loss judge it: its side, entry price and current mark (USDC). */
export interface JudgedLeg {
  role: 'long' | 'short';
  entryPrice: Decimal;
  mark: Decimal;
}

/**
 * A leg's price PnL in % of its entry: (mark − entry) / entry × 100 for the
 * long leg, the opposite for the short leg. Fees are not in it.
 */
export function legPnlPct(leg: JudgedLeg): Decimal {
  const move = leg.mark.minus(leg.entryPrice).div(leg.entryPrice).times(100);
  return leg.role === 'long' ? move : move.neg();
}

/**
 * Whether to close a cycle now, each leg judged on its own: `take-profit`
 * when any leg's PnL % reaches `takeProfitPct`, `stop-loss` when any leg's
 * PnL % is at or below −`stopLossPct` (stop-loss wins when both happen),
 * else null. Percentages of the entry price (e.g. 2 = 2 %).
 */
export function judgeLegs(legs: readonly JudgedLeg[], takeProfitPct: Decimal, stopLossPct: Decimal): Extract<CycleCloseReason, 'take-profit' | 'stop-loss'> | null {
  const pnl = legs.map(legPnlPct);
  if (pnl.some((p) => p.lte(stopLossPct.neg()))) return 'stop-loss';
  if (pnl.some((p) => p.gte(takeProfitPct))) return 'take-profit';
  return null;
}

/**
 * Fill price against the mid at sending, in basis points, positive when the
 * fill was worse than the mid (paid away): (price − mid) / mid × 10 000 for a
 * buy, the opposite for a sell.
 */
export function slippageBps(side: 'buy' | 'sell', price: Decimal, mid: Decimal): Decimal {
  const bps = price.minus(mid).div(mid).times(10_000);
  return side === 'buy' ? bps : bps.neg();
}

/** A leg's PnL in USDC: (exit − entry) × size for the long leg, the opposite for the short, minus fees. */
export function legPnlUsdc(role: 'long' | 'short', entry: Decimal, exit: Decimal, size: Decimal, fees: Decimal): Decimal {
  const gross = exit.minus(entry).times(size);
  return (role === 'long' ? gross : gross.neg()).minus(fees);
}
