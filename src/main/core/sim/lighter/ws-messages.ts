import Decimal from 'decimal.js';
import type { EngineOrder } from '../engine/order';
import type { EngineTrade } from '../engine/trade';
import type { SimAccount } from './account-registry';
import { positionsOf, userStats } from './account-view';
import type { LighterExchange } from './lighter-exchange';
import { marketStats } from './market-view';
import { toLighterOrder, type LighterOrderJson } from './order-view';
import { toLighterTrade, type LighterTradeJson } from './trade-view';

/** `subscribed/<kind>` for the first message of a subscription, `update/<kind>` after. */
export type Phase = 'subscribed' | 'update';

/** Trades kept in subscription snapshots. */
const SNAPSHOT_TRADES = 50;
const DAY = 86_400_000;

/** A trade as Lighter JSON. */
export function tradeJson(venue: LighterExchange, t: EngineTrade): LighterTradeJson {
  return toLighterTrade(t, venue.market(t.marketId)!, venue.tradeMeta(t.id));
}

/** An order as Lighter JSON. */
export function orderJson(venue: LighterExchange, o: EngineOrder): LighterOrderJson {
  return toLighterOrder(o, venue.market(o.marketId)!, venue.orderMeta(o.id));
}

/** Trades grouped by market id (`{"<market>": [Trade…]}`), newest first. */
function tradesByMarket(venue: LighterExchange, trades: readonly EngineTrade[]): Record<string, LighterTradeJson[]> {
  const out: Record<string, LighterTradeJson[]> = {};
  for (const t of [...trades].reverse()) (out[String(t.marketId)] ??= []).push(tradeJson(venue, t));
  return out;
}

/** Orders grouped by market id. */
function ordersByMarket(venue: LighterExchange, orders: readonly EngineOrder[]): Record<string, LighterOrderJson[]> {
  const out: Record<string, LighterOrderJson[]> = {};
  for (const o of orders) (out[String(o.marketId)] ??= []).push(orderJson(venue, o));
  return out;
}

/** The account's most recent trades, oldest first. */
export function accountTrades(venue: LighterExchange, accountIndex: number, limit = SNAPSHOT_TRADES): EngineTrade[] {
  return venue.engine
    .trades()
    .filter((t) => t.takerAccountId === accountIndex || t.makerAccountId === accountIndex)
    .slice(-limit);
}

/** Trade counts and quote volumes (USDC, JSON numbers) of an account over a day, week, month and all history. */
function volumes(venue: LighterExchange, accountIndex: number): Record<string, number> {
  const now = venue.clock.now();
  const all = accountTrades(venue, accountIndex, Infinity);
  const sum = (since: number) => {
    const ts = all.filter((t) => t.timestamp >= since);
    return { count: ts.length, volume: ts.reduce((s, t) => s.add(t.quote), new Decimal(0)).toNumber() };
  };
  const periods = { daily: sum(now - DAY), weekly: sum(now - 7 * DAY), monthly: sum(now - 30 * DAY), total: sum(-Infinity) };
  return Object.fromEntries(Object.entries(periods).flatMap(([k, v]) => [[`${k}_trades_count`, v.count], [`${k}_volume`, v.volume]]));
}

/** `trade/{m}`: public trades of a market. */
export function tradeMessage(venue: LighterExchange, marketId: number, trades: readonly EngineTrade[], phase: Phase, nonce: number) {
  return {
    channel: `trade:${marketId}`,
    liquidation_trades: [],
    nonce,
    trades: [...trades].reverse().map((t) => tradeJson(venue, t)),
    type: `${phase}/trade`,
  };
}

/** `market_stats/{m}` or `market_stats/all`. */
export function marketStatsMessage(venue: LighterExchange, market: number | 'all', phase: Phase) {
  const stats =
    market === 'all'
      ? Object.fromEntries(venue.markets().map((m) => [String(m.spec.market_id), marketStats(venue, m)]))
      : marketStats(venue, venue.market(market)!);
  return { channel: `market_stats:${market}`, market_stats: stats, type: `${phase}/market_stats` };
}

/** `account_all/{a}`: positions (of `marketIds`, or all) and the given trades of the account. */
export function accountAllMessage(venue: LighterExchange, account: SimAccount, trades: readonly EngineTrade[], phase: Phase, marketIds?: ReadonlySet<number>) {
  const positions = Object.fromEntries(
    positionsOf(venue, account)
      .filter((p) => !marketIds || marketIds.has(p.market_id))
      .map((p) => [String(p.market_id), p]),
  );
  return {
    account: account.index,
    channel: `account_all:${account.index}`,
    ...volumes(venue, account.index),
    funding_histories: {},
    positions,
    shares: [],
    trades: tradesByMarket(venue, trades),
    type: `${phase}/account_all`,
  };
}

/** `account_all_orders/{a}`. */
export function accountAllOrdersMessage(venue: LighterExchange, account: SimAccount, orders: readonly EngineOrder[], phase: Phase) {
  return { channel: `account_all_orders:${account.index}`, orders: ordersByMarket(venue, orders), type: `${phase}/account_all_orders` };
}

/** `account_orders/{m}/{a}` (the channel echo carries only the market, lighter.md §6.4). */
export function accountOrdersMessage(venue: LighterExchange, account: SimAccount, marketId: number, orders: readonly EngineOrder[], phase: Phase, nonce: number) {
  return {
    account: account.index,
    channel: `account_orders:${marketId}`,
    nonce,
    orders: { [String(marketId)]: orders.map((o) => orderJson(venue, o)) },
    type: `${phase}/account_orders`,
  };
}

/** `account_all_trades/{a}`. */
export function accountTradesMessage(venue: LighterExchange, account: SimAccount, trades: readonly EngineTrade[], phase: Phase) {
  const v = volumes(venue, account.index);
  return {
    channel: `account_all_trades:${account.index}`,
    trades: tradesByMarket(venue, trades),
    total_volume: v.total_volume,
    monthly_volume: v.monthly_volume,
    weekly_volume: v.weekly_volume,
    daily_volume: v.daily_volume,
    type: `${phase}/account_all_trades`,
  };
}

/** `user_stats/{a}`. */
export function userStatsMessage(venue: LighterExchange, account: SimAccount, phase: Phase) {
  return { channel: `user_stats:${account.index}`, stats: userStats(venue, account), timestamp: venue.clock.now(), type: `${phase}/user_stats` };
}
