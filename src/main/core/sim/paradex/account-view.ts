import Decimal from 'decimal.js';
import type { ParadexAccount } from './account-registry';
import type { FillRecord, ParadexExchange } from './paradex-exchange';

/**
 * Paradex's private account JSON (paradex.md §6): `/account` summary,
 * `/balance`, `/positions` (recorded field names and string types from
 * shared/data/paradex fetchBalance / fetchPositions), `/fills` entries and the
 * WS `balance_events` payload (§8). USDC amounts and sizes are decimal strings.
 */

const USDC_DP = 6;
const usdc = (d: Decimal) => d.toDecimalPlaces(USDC_DP).toFixed();

/** `GET /v1/account` body / WS `account` payload (paradex-py models.py AccountSummary). */
export function accountSummaryJson(venue: ParadexExchange, account: ParadexAccount) {
  const m = venue.engine.margin(account.engineId);
  const now = venue.clock.now();
  return {
    account: account.address,
    account_value: usdc(m.equity),
    total_collateral: usdc(m.equity),
    free_collateral: usdc(Decimal.max(m.available, 0)),
    initial_margin_requirement: usdc(m.initialMargin),
    maintenance_margin_requirement: usdc(m.maintenanceMargin),
    margin_cushion: usdc(m.equity.sub(m.maintenanceMargin)),
    settlement_asset: 'USDC',
    status: 'ACTIVE',
    seq_no: now,
    updated_at: now,
  };
}

/** `GET /v1/balance` entries: USDC collateral (deposits ± realized PnL − fees). */
export function balancesJson(venue: ParadexExchange, account: ParadexAccount) {
  const collateral = venue.engine.ledger.get(account.engineId)!.collateral;
  return [{ token: 'USDC', size: usdc(collateral), last_updated_at: String(venue.clock.now()) }];
}

/**
 * `GET /v1/positions` entries (and WS `positions` payloads): one per market
 * the account ever traded; `side` LONG/SHORT, `size` signed (negative short —
 * Paradex's sign convention is unverified, paradex.md §6), `status` CLOSED when flat.
 */
export function positionsJson(venue: ParadexExchange, account: ParadexAccount, marketIds?: ReadonlySet<number>) {
  const ledger = venue.engine.ledger.get(account.engineId)!;
  const now = String(venue.clock.now());
  const fills = venue.fills(account);
  return [...ledger.positions]
    .filter(([marketId]) => !marketIds || marketIds.has(marketId))
    .map(([marketId, p]) => {
      const market = venue.marketById(marketId)!;
      const mark = venue.engine.markPrice(marketId) ?? p.avgEntry;
      const liq = venue.engine.liquidationPrice(account.engineId, marketId);
      const last = [...fills].reverse().find((f) => f.market === market);
      const cost = p.size.mul(p.avgEntry);
      return {
        id: `${account.address}-${market.spec.symbol}`,
        market: market.spec.symbol,
        status: p.size.isZero() ? 'CLOSED' : 'OPEN',
        side: p.size.isNeg() ? 'SHORT' : 'LONG',
        size: p.size.toFixed(),
        average_entry_price: p.avgEntry.toDecimalPlaces(8).toFixed(),
        average_entry_price_usd: p.avgEntry.toDecimalPlaces(8).toFixed(),
        realized_pnl: usdc(p.realizedPnl),
        unrealized_pnl: usdc(p.size.mul(mark.sub(p.avgEntry))),
        unrealized_funding_pnl: '0',
        cost: usdc(cost),
        cost_usd: usdc(cost),
        cached_funding_index: '0',
        last_updated_at: now,
        last_fill_id: last?.id ?? '',
        seq_no: now,
        liquidation_price: liq && !p.size.isZero() ? liq.toDecimalPlaces(market.tickSize.decimalPlaces()).toFixed() : '',
      };
    });
}

/** A `/v1/fills` entry / WS `fills` payload (paradex.md §6 fill fields). */
export function fillJson(f: FillRecord) {
  return {
    id: f.id,
    account: f.account.address,
    market: f.market.spec.symbol,
    side: f.side,
    liquidity: f.liquidity,
    order_id: f.order?.id ?? '',
    client_id: f.order?.request.clientId ?? '',
    price: f.price.toFixed(),
    size: f.size.toFixed(),
    remaining_size: f.remainingSize.toFixed(),
    fee: usdc(f.fee),
    fee_currency: 'USDC',
    realized_pnl: usdc(f.realizedPnl),
    fill_type: 'FILL',
    created_at: f.createdAt,
  };
}

/** A WS `balance_events` payload for a fill (paradex.md §8 table). */
export function balanceEventJson(f: FillRecord) {
  return {
    type: 'TRANSACTION_FILL',
    market: f.market.spec.symbol,
    fill_id: f.id,
    fees: usdc(f.fee),
    funding_index: '0',
    realized_funding: '0',
    realized_pnl: usdc(f.realizedPnl),
    settlement_asset_balance_before: usdc(f.balanceBefore),
    settlement_asset_balance_after: usdc(f.balanceAfter),
    settlement_asset_price: '1',
    status: 'COMPLETED',
    created_at: f.createdAt,
  };
}
