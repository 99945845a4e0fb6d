import type Decimal from 'decimal.js';
import type { EngineTrade } from '../engine/trade';
import type { TradeMeta } from './lighter-exchange';
import type { LighterMarket } from './markets';

/**
 * Lighter's `Trade` object (REST trades / recentTrades, WS trade,
 * account_all, account_all_trades), lighter.md §1.7. As on Lighter, the fee,
 * margin-fraction and sign-changed fields are omitted when zero / false. Fee
 * fields are rates in millionths; `*_position_size_before` are signed.
 */
export interface LighterTradeJson {
  trade_id: number;
  tx_hash: string;
  type: 'trade';
  market_id: number;
  size: string;
  price: string;
  usd_amount: string;
  ask_id: number;
  bid_id: number;
  ask_client_id: number;
  bid_client_id: number;
  ask_account_id: number;
  bid_account_id: number;
  is_maker_ask: boolean;
  block_height: number;
  timestamp: number;
  taker_fee?: number;
  taker_position_size_before: string;
  taker_entry_quote_before: string;
  taker_initial_margin_fraction_before?: number;
  taker_position_sign_changed?: true;
  maker_fee?: number;
  maker_position_size_before: string;
  maker_entry_quote_before: string;
  maker_initial_margin_fraction_before?: number;
  maker_position_sign_changed?: true;
}

function millionths(rate: Decimal): number | undefined {
  const v = rate.mul(1_000_000).round().toNumber();
  return v === 0 ? undefined : v;
}

function tenThousandths(fraction: Decimal): number | undefined {
  const v = fraction.mul(10_000).round().toNumber();
  return v === 0 ? undefined : v;
}

/** An engine trade as Lighter's `Trade` JSON. */
export function toLighterTrade(trade: EngineTrade, market: LighterMarket, meta: TradeMeta): LighterTradeJson {
  const sd = market.sizeDecimals;
  const takerIsBuyer = trade.takerSide === 'buy';
  const json: LighterTradeJson = {
    trade_id: trade.id,
    tx_hash: meta.txHash,
    type: 'trade',
    market_id: trade.marketId,
    size: trade.size.toFixed(sd),
    price: trade.price.toFixed(market.priceDecimals),
    usd_amount: trade.quote.toFixed(6),
    ask_id: takerIsBuyer ? trade.makerOrderId : trade.takerOrderId,
    bid_id: takerIsBuyer ? trade.takerOrderId : trade.makerOrderId,
    ask_client_id: takerIsBuyer ? trade.makerClientOrderId : trade.takerClientOrderId,
    bid_client_id: takerIsBuyer ? trade.takerClientOrderId : trade.makerClientOrderId,
    ask_account_id: takerIsBuyer ? trade.makerAccountId : trade.takerAccountId,
    bid_account_id: takerIsBuyer ? trade.takerAccountId : trade.makerAccountId,
    is_maker_ask: takerIsBuyer,
    block_height: meta.blockHeight,
    timestamp: trade.timestamp,
    taker_fee: millionths(trade.takerFeeRate),
    taker_position_size_before: trade.takerBefore.size.toFixed(sd),
    taker_entry_quote_before: trade.takerBefore.entryQuote.toFixed(6),
    taker_initial_margin_fraction_before: tenThousandths(trade.takerBefore.initialMarginFraction),
    taker_position_sign_changed: trade.takerSignChanged || undefined,
    maker_fee: millionths(trade.makerFeeRate),
    maker_position_size_before: trade.makerBefore.size.toFixed(sd),
    maker_entry_quote_before: trade.makerBefore.entryQuote.toFixed(6),
    maker_initial_margin_fraction_before: tenThousandths(trade.makerBefore.initialMarginFraction),
    maker_position_sign_changed: trade.makerSignChanged || undefined,
  };
  for (const key of Object.keys(json) as (keyof LighterTradeJson)[]) if (json[key] === undefined) delete json[key];
  return json;
}
