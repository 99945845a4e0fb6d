import Decimal from 'decimal.js';
import type { Fill } from '../venue';
import { toMs } from './orders';
import type { LighterTrade } from './wire';

/** Lighter fee unit: fees are integers in millionths of notional (`FeeTick = 1_000_000`, lighter.md §1.7, §8). */
const FEE_TICK = 1_000_000;

/**
 * A Lighter `Trade` (lighter.md §1.7) as the account's {@link Fill}, or null
 * when the account is on neither side. Own side: buyer when
 * `bid_account_id` is the account, seller when `ask_account_id` is; maker
 * when the own side is the one `is_maker_ask` names (ask maker → seller is
 * maker). Fee (USDC) = notional × fee / 1,000,000, using `maker_fee` or
 * `taker_fee` (omitted = 0; negative = rebate); notional = `usd_amount`, or
 * size × price when absent. `fillId` = `trade_id`. A self-trade (both sides
 * the account) is read as the buy side; Lighter's default self-trade rule
 * expires the maker instead (§3.6).
 */
export function toFill(
  t: LighterTrade,
  accountIndex: number,
  symbol: string,
  clientOrderIdOf: (clientIndex: number | undefined, orderIndex: number) => string | null,
): Fill | null {
  const buyer = t.bid_account_id === accountIndex;
  if (!buyer && t.ask_account_id !== accountIndex) return null;
  const maker = buyer ? !t.is_maker_ask : t.is_maker_ask;
  const price = new Decimal(t.price);
  const size = new Decimal(t.size);
  const notional = t.usd_amount !== undefined ? new Decimal(t.usd_amount) : price.times(size);
  const feeMillionths = (maker ? t.maker_fee : t.taker_fee) ?? 0;
  const orderIndex = buyer ? t.bid_id : t.ask_id;
  return {
    fillId: String(t.trade_id),
    symbol,
    venueOrderId: String(orderIndex),
    clientOrderId: clientOrderIdOf(buyer ? t.bid_client_id : t.ask_client_id, orderIndex),
    side: buyer ? 'buy' : 'sell',
    price,
    size,
    fee: notional.times(feeMillionths).div(FEE_TICK),
    liquidity: maker ? 'maker' : 'taker',
    timestamp: toMs(t.timestamp),
  };
}
