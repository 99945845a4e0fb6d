import Decimal from 'decimal.js';
import type { SimAccount } from './account-registry';
import type { LighterExchange } from './lighter-exchange';

/**
 * One entry of `positions[]` (REST account, WS account_all), with exactly the
 * fields of the recorded response (lighter.md §1.5): `sign` 1 long / −1 short
 * (0 for a flat entry, kept while the market has resting orders or history),
 * `position` the absolute size, money in USDC strings.
 */
export interface LighterPositionJson {
  market_id: number;
  symbol: string;
  /** Percent with 2 decimals: "5.00" = 5 % = 20x. */
  initial_margin_fraction: string;
  open_order_count: number;
  pending_order_count: number;
  position_tied_order_count: number;
  sign: number;
  position: string;
  avg_entry_price: string;
  position_value: string;
  unrealized_pnl: string;
  realized_pnl: string;
  liquidation_price: string;
  margin_mode: number;
  allocated_margin: string;
}

/**
 * The leading fields of both account forms below, in the recorded order
 * (lighter.md §1.4, §1.5).
 */
export interface LighterAccountBaseJson {
  code: number;
  account_type: number;
  index: number;
  l1_address: string;
  cancel_all_time: number;
  total_order_count: number;
  total_isolated_order_count: number;
  pending_order_count: number;
  available_balance: string;
  status: number;
  collateral: string;
}

/** An account entry of `accountsByL1Address` (`sub_accounts[]`), lighter.md §1.4. */
export interface LighterAccountJson extends LighterAccountBaseJson {
  transaction_time: number;
  account_trading_mode: number;
}

/** `DetailedAccount` of `GET /api/v1/account`, fields as recorded (lighter.md §1.5). */
export interface LighterDetailedAccountJson extends LighterAccountBaseJson {
  account_index: number;
  name: string;
  description: string;
  can_invite: boolean;
  referral_points_percentage: string;
  positions: LighterPositionJson[];
  assets: never[];
  total_asset_value: string;
  cross_asset_value: string;
  shares: never[];
}

/** The `stats` block of WS `user_stats` (lighter.md §6.4). */
export interface LighterStatsJson {
  collateral: string;
  portfolio_value: string;
  leverage: string;
  available_balance: string;
  margin_usage: string;
  buying_power: string;
}

const usdc = (v: Decimal) => v.toFixed(6);
const ZERO = new Decimal(0);

/** The account's position entries: every market where it holds a position (or held one) or has resting orders. */
export function positionsOf(venue: LighterExchange, account: SimAccount): LighterPositionJson[] {
  const { engine } = venue;
  const open = engine.openOrders(account.index);
  return engine
    .exposures(account.index)
    .map((e) => {
      const market = venue.market(e.marketId)!;
      const pd = market.priceDecimals;
      const size = e.position.size;
      const price = e.price ?? e.position.avgEntry;
      const liq = engine.liquidationPrice(account.index, e.marketId);
      return {
        market_id: e.marketId,
        symbol: market.spec.symbol,
        initial_margin_fraction: e.initialMarginFraction.mul(100).toFixed(2),
        open_order_count: open.filter((o) => o.marketId === e.marketId).length,
        pending_order_count: 0,
        position_tied_order_count: 0,
        sign: size.isZero() ? 0 : size.isPos() ? 1 : -1,
        position: size.abs().toFixed(market.sizeDecimals),
        avg_entry_price: e.position.avgEntry.toFixed(pd),
        position_value: usdc(size.abs().mul(price)),
        unrealized_pnl: usdc(size.mul(price.sub(e.position.avgEntry))),
        realized_pnl: usdc(e.position.realizedPnl),
        liquidation_price: (liq ?? ZERO).toFixed(pd),
        margin_mode: 0,
        allocated_margin: usdc(ZERO),
      };
    })
    .sort((a, b) => a.market_id - b.market_id);
}

/** `available_balance` as Lighter shows it: equity − initial margin, never below 0. */
function available(venue: LighterExchange, account: SimAccount): Decimal {
  return Decimal.max(venue.engine.margin(account.index).available, ZERO);
}

/** The fields both account forms start with; `collateral` is `m.collateral`. */
function accountBase(venue: LighterExchange, account: SimAccount, m: { collateral: Decimal }): LighterAccountBaseJson {
  return {
    code: 0,
    account_type: account.accountType,
    index: account.index,
    l1_address: account.l1Address,
    cancel_all_time: account.cancelAllTime,
    total_order_count: venue.engine.openOrders(account.index).length,
    total_isolated_order_count: 0,
    pending_order_count: 0,
    available_balance: usdc(available(venue, account)),
    status: 1,
    collateral: usdc(m.collateral),
  };
}

/** The short account entry of `accountsByL1Address`. */
export function accountSummary(venue: LighterExchange, account: SimAccount): LighterAccountJson {
  const m = venue.engine.margin(account.index);
  return {
    ...accountBase(venue, account, m),
    transaction_time: venue.clock.now() * 1000,
    account_trading_mode: 0,
  };
}

/** The `DetailedAccount` of `GET /api/v1/account`. */
export function detailedAccount(venue: LighterExchange, account: SimAccount): LighterDetailedAccountJson {
  const m = venue.engine.margin(account.index);
  return {
    ...accountBase(venue, account, m),
    account_index: account.index,
    name: '',
    description: '',
    can_invite: true,
    referral_points_percentage: '',
    positions: positionsOf(venue, account),
    assets: [],
    total_asset_value: usdc(m.equity),
    cross_asset_value: usdc(m.equity),
    shares: [],
  };
}

/**
 * The `stats` of WS `user_stats`: portfolio value = equity, leverage =
 * position value / equity, margin usage = initial margin / equity in percent,
 * buying power = available balance × the largest default leverage.
 */
export function userStats(venue: LighterExchange, account: SimAccount): LighterStatsJson & { account_trading_mode: number; cross_stats: LighterStatsJson; total_stats: LighterStatsJson } {
  const m = venue.engine.margin(account.index);
  const avail = available(venue, account);
  const maxLeverage = venue
    .markets()
    .reduce((best, mk) => Decimal.max(best, new Decimal(1).div(mk.engine.defaultInitialMarginFraction)), new Decimal(1));
  const positive = m.equity.gt(0);
  const stats: LighterStatsJson = {
    collateral: usdc(m.collateral),
    portfolio_value: usdc(m.equity),
    leverage: positive ? m.positionValue.div(m.equity).toFixed(2) : '0.00',
    available_balance: usdc(avail),
    margin_usage: positive ? m.initialMargin.div(m.equity).mul(100).toFixed(2) : '0.00',
    buying_power: usdc(avail.mul(maxLeverage)),
  };
  return { ...stats, account_trading_mode: 0, cross_stats: { ...stats }, total_stats: { ...stats } };
}
