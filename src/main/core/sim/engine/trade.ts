import type Decimal from 'decimal.js';
import type { Side } from './order';

/** What one side of a trade held in the market just before it. */
export interface PositionBefore {
  /** Signed position size (base units). */
  size: Decimal;
  /** |size| × average entry price (USDC). */
  entryQuote: Decimal;
  /** The account's initial margin fraction in this market (fraction, 0.05 = 5 %). */
  initialMarginFraction: Decimal;
}

/** One fill between a resting (maker) order and an incoming (taker) order. */
export interface EngineTrade {
  /** Engine-assigned id, unique and increasing. */
  id: number;
  marketId: number;
  /** Execution price (the maker's price), USDC. */
  price: Decimal;
  /** Base units. */
  size: Decimal;
  /** price × size, USDC. */
  quote: Decimal;
  takerSide: Side;
  takerOrderId: number;
  makerOrderId: number;
  takerClientOrderId: number;
  makerClientOrderId: number;
  takerAccountId: number;
  makerAccountId: number;
  /** Fees charged (USDC, negative = rebate) and the rates applied (fractions). */
  takerFee: Decimal;
  makerFee: Decimal;
  takerFeeRate: Decimal;
  makerFeeRate: Decimal;
  takerBefore: PositionBefore;
  makerBefore: PositionBefore;
  /** True when the fill flipped that side's position from long to short or back. */
  takerSignChanged: boolean;
  makerSignChanged: boolean;
  timestamp: number;
}
