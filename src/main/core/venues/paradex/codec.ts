/**
 * The one place where Paradex's number formats happen (paradex.md §5, §7):
 * - the order body carries human decimals (`size "0.03"`, `price "60000"`),
 *   rounded to the market's step size (size, **down**: never larger than
 *   asked) and tick size (price: buy **down**, sell **up**, so a limit is
 *   never worse than asked);
 * - the signed `Order` message carries size and price in chain quanta,
 *   value × 10^`paraclear_decimals` (8), floored like the official TS sample
 *   (`toQuantums`) and paradex-py (`int()`), with `"0"` as the price of a MARKET.
 * Minimums are checked on the rounded values before anything is signed.
 */
import Decimal from 'decimal.js';
import type { Market, Side } from '../venue';
import { BelowMinSizeError, InvalidOrderError } from '../venue-errors';
import type { OrderMessage } from './typed-data';

/** The market facts the codec needs. */
export type MarketScale = Pick<Market, 'symbol' | 'tickSize' | 'stepSize' | 'minBaseAmount' | 'minNotional' | 'maxNotional'>;

/**
 * Rounds a size down to the step.
 * @throws InvalidOrderError when the size is not positive; BelowMinSizeError when it rounds to zero.
 */
export function roundSize(size: Decimal, market: MarketScale): Decimal {
  if (!size.isFinite() || size.lte(0)) throw new InvalidOrderError('paradex', `${market.symbol}: size must be positive, got ${size.toString()}`);
  const rounded = size.div(market.stepSize).floor().times(market.stepSize);
  if (rounded.isZero()) throw new BelowMinSizeError('paradex', `${market.symbol}: size ${size.toString()} is below one step (${market.stepSize.toString()})`);
  return rounded;
}

/**
 * Rounds a price to the tick on the side that protects the caller: buy down, sell up.
 * @throws InvalidOrderError when the price is not positive or rounds to zero.
 */
export function roundPrice(price: Decimal, side: Side, market: MarketScale): Decimal {
  if (!price.isFinite() || price.lte(0)) throw new InvalidOrderError('paradex', `${market.symbol}: price must be positive, got ${price.toString()}`);
  const ticks = price.div(market.tickSize);
  const rounded = (side === 'buy' ? ticks.floor() : ticks.ceil()).times(market.tickSize);
  if (rounded.isZero()) throw new InvalidOrderError('paradex', `${market.symbol}: price ${price.toString()} is below one tick (${market.tickSize.toString()})`);
  return rounded;
}

/**
 * Checks the rounded size and its notional (size × `referencePrice`, USDC)
 * against the market: minimum size, minimum notional (skipped for
 * reduce-only orders, which Paradex lets below the minimum when they close a
 * position, paradex.md §7), per-order notional cap.
 * @throws BelowMinSizeError, InvalidOrderError.
 */
export function checkOrderLimits(size: Decimal, referencePrice: Decimal, reduceOnly: boolean, market: MarketScale): void {
  if (size.lt(market.minBaseAmount)) {
    throw new BelowMinSizeError('paradex', `${market.symbol}: size ${size.toString()} below the minimum ${market.minBaseAmount.toString()}`);
  }
  const notional = size.times(referencePrice);
  if (!reduceOnly && notional.lt(market.minNotional)) {
    throw new BelowMinSizeError('paradex', `${market.symbol}: notional ${notional.toString()} USDC below the minimum ${market.minNotional.toString()}`);
  }
  if (market.maxNotional !== null && notional.gt(market.maxNotional)) {
    throw new InvalidOrderError('paradex', `${market.symbol}: notional ${notional.toString()} USDC above the per-order cap ${market.maxNotional.toString()}`);
  }
}

/** `value × 10^decimals`, floored, as an integer string (official TS sample `toQuantums`, paradex.md §5). */
export function toQuantums(value: Decimal, decimals: number): string {
  return value.times(Decimal.pow(10, decimals)).floor().toFixed(0);
}

/** What {@link chainOrderFields} signs. */
export interface OrderToSign {
  /** Paradex market, e.g. `ETH-USD-PERP`. */
  market: string;
  side: Side;
  /** Paradex order type: `LIMIT` or `MARKET`. */
  type: 'LIMIT' | 'MARKET';
  /** Already rounded to the step (base units). */
  size: Decimal;
  /** Already rounded to the tick (USDC); null for MARKET. */
  price: Decimal | null;
  /** The order's `signature_timestamp`, Unix ms. */
  timestampMs: number;
}

/**
 * The `Order` message fields (paradex.md §5): side `"1"` buy / `"2"` sell,
 * size and price in chain quanta (`decimals` = `paraclear_decimals`), price
 * `"0"` for MARKET (as ccxt and paradex-py do).
 */
export function chainOrderFields(order: OrderToSign, decimals: number): OrderMessage {
  return {
    timestamp: String(order.timestampMs),
    market: order.market,
    side: order.side === 'buy' ? '1' : '2',
    orderType: order.type,
    size: toQuantums(order.size, decimals),
    price: order.type === 'MARKET' || order.price === null ? '0' : toQuantums(order.price, decimals),
  };
}
