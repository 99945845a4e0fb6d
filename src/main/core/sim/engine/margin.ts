import Decimal from 'decimal.js';
import type { PositionState } from './ledger';

/**
 * One market's contribution to an account's margin: its position, the
 * remaining size of its resting non-reduce-only orders per side, the price
 * used to value it, and its margin fractions (fractions, 0.05 = 5 %).
 */
export interface MarketExposure {
  marketId: number;
  position: PositionState;
  /** Resting buy / sell size that could still increase the position (base units). */
  openBuy: Decimal;
  openSell: Decimal;
  /** Valuation price (mark), USDC; null falls back to the average entry price. */
  price: Decimal | null;
  initialMarginFraction: Decimal;
  maintenanceMarginFraction: Decimal;
}

/** An account's margin summary (all USDC). */
export interface AccountMargin {
  collateral: Decimal;
  unrealizedPnl: Decimal;
  /** collateral + unrealized PnL. */
  equity: Decimal;
  /** Initial margin of positions and resting orders. */
  initialMargin: Decimal;
  maintenanceMargin: Decimal;
  /** equity − initial margin (may be negative). */
  available: Decimal;
  /** Σ |size| × price. */
  positionValue: Decimal;
}

const ZERO = new Decimal(0);

function valuationPrice(e: MarketExposure): Decimal {
  return e.price ?? e.position.avgEntry;
}

/** size × (price − average entry), USDC. */
export function unrealizedPnl(e: MarketExposure): Decimal {
  if (e.position.size.isZero()) return ZERO;
  return e.position.size.mul(valuationPrice(e).sub(e.position.avgEntry));
}

/**
 * Initial margin of one market: the worst-case position if every resting
 * order on one side filled, max(|pos + buys|, |pos − sells|) × price × IMF.
 */
export function initialMargin(e: MarketExposure): Decimal {
  const worst = Decimal.max(e.position.size.add(e.openBuy).abs(), e.position.size.sub(e.openSell).abs());
  return worst.mul(valuationPrice(e)).mul(e.initialMarginFraction);
}

/** Maintenance margin of one market: |pos| × price × MMF. */
export function maintenanceMargin(e: MarketExposure): Decimal {
  return e.position.size.abs().mul(valuationPrice(e)).mul(e.maintenanceMarginFraction);
}

/** Sums collateral and every market's exposure into an {@link AccountMargin}. */
export function accountMargin(collateral: Decimal, exposures: readonly MarketExposure[]): AccountMargin {
  let upnl = ZERO;
  let im = ZERO;
  let mm = ZERO;
  let value = ZERO;
  for (const e of exposures) {
    upnl = upnl.add(unrealizedPnl(e));
    im = im.add(initialMargin(e));
    mm = mm.add(maintenanceMargin(e));
    value = value.add(e.position.size.abs().mul(valuationPrice(e)));
  }
  const equity = collateral.add(upnl);
  return { collateral, unrealizedPnl: upnl, equity, initialMargin: im, maintenanceMargin: mm, available: equity.sub(im), positionValue: value };
}

/**
 * Estimated liquidation price of the position in `marketId` (cross margin):
 * the price at which equity would fall to the maintenance margin, every other
 * market held at its current price. Null when flat; 0 when a long can never
 * be liquidated.
 */
export function liquidationPrice(collateral: Decimal, exposures: readonly MarketExposure[], marketId: number): Decimal | null {
  const target = exposures.find((e) => e.marketId === marketId);
  if (!target || target.position.size.isZero()) return null;
  const { equity, maintenanceMargin: mm } = accountMargin(collateral, exposures);
  const otherMm = mm.sub(maintenanceMargin(target));
  const size = target.position.size.abs();
  const price = valuationPrice(target);
  const buffer = equity.sub(otherMm);
  if (target.position.size.isPos()) {
    const liq = size.mul(price).sub(buffer).div(size.mul(new Decimal(1).sub(target.maintenanceMarginFraction)));
    return Decimal.max(liq, ZERO);
  }
  return buffer.add(size.mul(price)).div(size.mul(new Decimal(1).add(target.maintenanceMarginFraction)));
}
