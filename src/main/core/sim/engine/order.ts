import type Decimal from 'decimal.js';

/** Order side. */
export type Side = 'buy' | 'sell';

/**
 * Time in force. `GTT`: rests until filled, cancelled or `expiresAt`;
 * `IOC`: fills what it can at once, the rest is cancelled; `POST_ONLY`:
 * rests as maker or is cancelled (reason `post-only`) if it would cross.
 */
export type EngineTimeInForce = 'GTT' | 'IOC' | 'POST_ONLY';

/** `market` orders are IOC with `price` as the worst acceptable price. */
export type EngineOrderType = 'limit' | 'market';

/** A new order for {@link MatchingEngine.submit}. Prices in USDC, sizes in base units. */
export interface OrderRequest {
  accountId: number;
  marketId: number;
  /** The caller's id (0 = none); the engine does not interpret it. */
  clientOrderId: number;
  side: Side;
  type: EngineOrderType;
  timeInForce: EngineTimeInForce;
  /** Limit price, or the worst acceptable price of a market order. */
  price: Decimal;
  size: Decimal;
  reduceOnly: boolean;
  /** Unix ms after which a resting order is cancelled (reason `expired`); 0 = never. */
  expiresAt: number;
}

/**
 * Why an order ended without (fully) filling:
 * - `canceled`: by its owner (cancel, cancel-all) or by an admin;
 * - `post-only`: a post-only order would have crossed the book;
 * - `reduce-only`: a reduce-only order would have increased the position;
 * - `margin`: the account lacked margin when the order was matched;
 * - `self-trade`: self-trade prevention ended it (`self-trade.ts`: the maker under expire maker,
 *   the taker under expire taker, both under cancel both, the one reduced to zero under reduce);
 * - `expired`: its `expiresAt` passed;
 * - `no-liquidity`: an IOC/market remainder with nothing left to match (or a partial-fill fault);
 * - `price-bound`: an IOC/market remainder whose next match was beyond its price.
 */
export type CancelReason =
  | 'canceled'
  | 'post-only'
  | 'reduce-only'
  | 'margin'
  | 'self-trade'
  | 'expired'
  | 'no-liquidity'
  | 'price-bound';

/** `open`: resting (possibly partially filled); `filled` and `canceled` are final. */
export type EngineOrderStatus = 'open' | 'filled' | 'canceled';

/** An order as the engine tracks it. Snapshots handed out are copies; Decimals are immutable. */
export interface EngineOrder {
  /** Engine-assigned id, unique and increasing (Lighter: the exchange order index, ≥ 2^48). */
  id: number;
  clientOrderId: number;
  accountId: number;
  marketId: number;
  side: Side;
  type: EngineOrderType;
  timeInForce: EngineTimeInForce;
  reduceOnly: boolean;
  price: Decimal;
  /** Size as placed (or as last modified: filled + new remaining). */
  size: Decimal;
  remaining: Decimal;
  filled: Decimal;
  /** Sum of price × size over the fills (USDC). */
  filledQuote: Decimal;
  expiresAt: number;
  status: EngineOrderStatus;
  cancelReason: CancelReason | null;
  createdAt: number;
  updatedAt: number;
}

/** Why {@link MatchingEngine.precheck} refuses an order before it reaches the book. */
export type RejectReason =
  | 'unknown-market'
  | 'unknown-account'
  | 'market-inactive'
  | 'market-reduce-only'
  | 'invalid-size'
  | 'invalid-price'
  | 'below-minimum'
  | 'above-maximum'
  | 'reduce-only-increases'
  | 'insufficient-margin';
