import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import { FillDeduper } from '../fill-deduper';
import { ResyncingAccountStream, sameOrderState } from '../resyncing-account-stream';
import type { Position } from '../venue';
import type { ClientOrderIds } from './client-order-ids';
import { toFill } from './fills';
import type { MarketCatalog } from './markets';
import { toOrder } from './orders';
import { toCollateral, toPosition } from './positions';
import type { LighterRest } from './rest-client';
import {
  wsAccountAllOrdersSchema,
  wsAccountAllSchema,
  wsAccountAllTradesSchema,
  wsUserStatsSchema,
  type AccountPosition,
  type LighterOrder,
  type LighterTrade,
} from './wire';
import type { LighterWs } from './ws-connection';

/** How many recent fills a REST replay reads (seed at start, resync after a reconnect). */
const REPLAY_TRADES = 100;
/** How many finished orders a resync reads to learn how orders ended while disconnected. */
const REPLAY_INACTIVE_ORDERS = 100;

/** What an {@link AccountStream} needs. */
export interface AccountStreamDeps {
  accountIndex: number;
  ws: LighterWs;
  rest: LighterRest;
  markets: MarketCatalog;
  ids: ClientOrderIds;
  clock: Clock;
  logger: Logger;
}

/**
 * The account's live state as {@link AccountEvent}s, from Lighter's private
 * channels (lighter.md §6.4) — `account_all` (positions, fills),
 * `account_all_orders` (orders), `account_all_trades` (fills), `user_stats`
 * (collateral), all subscribed with an auth token (§2) — and, after every
 * reconnect, a REST resync (§1.4–§1.7): positions and collateral from
 * `account`, orders from `accountActiveOrders` and `accountInactiveOrders`
 * (the final state of orders this stream knew or this client placed), missed
 * fills from `trades`; then `{type:'connection', state:'resynced'}`.
 *
 * Exactly-once fills: every trade goes through one {@link FillDeduper}
 * (keyed by `trade_id`) whatever channel or replay brings it. Trades up to
 * the highest `trade_id` the account had when the stream started are
 * history and never delivered (Lighter trade ids increase over time).
 * Order events are emitted only when an order's state changed.
 */
export class AccountStream extends ResyncingAccountStream {
  private readonly fills = new FillDeduper();
  private readonly clientIndexOfOrder = new Map<number, number>();
  private readonly positions = new Map<number, Position>();
  private historyWatermark = 0;

  constructor(private readonly deps: AccountStreamDeps) {
    super(deps, 'Lighter');
  }

  /**
   * Reads the fill history watermark and subscribes the private channels.
   * @throws VenueError when the history cannot be read.
   */
  async start(): Promise<void> {
    const { ws, accountIndex } = this.deps;
    const history = await this.deps.rest.accountTrades(accountIndex, REPLAY_TRADES);
    for (const t of history) this.historyWatermark = Math.max(this.historyWatermark, t.trade_id);
    this.track(
      ws.subscribe(`account_all/${accountIndex}`, true, (m) => this.onAccountAll(m)),
      ws.subscribe(`account_all_orders/${accountIndex}`, true, (m) => this.onOrders(m)),
      ws.subscribe(`account_all_trades/${accountIndex}`, true, (m) => this.onTrades(m)),
      ws.subscribe(`user_stats/${accountIndex}`, true, (m) => this.onUserStats(m)),
      ws.onState((state) => this.onConnection(state)),
    );
  }

  /** The caller's client order id for a fill: from the trade's client index, else from the order's. */
  private clientOrderIdOfFill = (clientIndex: number | undefined, orderIndex: number): string | null => {
    const index = clientIndex ?? this.clientIndexOfOrder.get(orderIndex);
    return index === undefined ? null : this.deps.ids.clientOrderIdOf(index);
  };

  protected async resyncOnce(): Promise<void> {
    const { rest, accountIndex } = this.deps;
    const account = await rest.account(accountIndex);
    this.positions.clear();
    this.applyPositions(account.positions);
    this.emit({ type: 'collateral', collateral: toCollateral(account.collateral, account.available_balance) });

    // Open orders as they are now, then how orders known to this stream — or
    // placed by this client but never reported (e.g. filled while the socket
    // was down) — ended.
    this.applyOrders(await rest.activeOrders(accountIndex));
    const finished = await rest.inactiveOrders(accountIndex, REPLAY_INACTIVE_ORDERS);
    this.applyOrders(finished.filter((o) => this.knownOrder(o.order_id) !== undefined || this.deps.ids.assignedHere(o.client_order_index)));

    this.applyTrades(await rest.accountTrades(accountIndex, REPLAY_TRADES));
  }

  private onAccountAll(message: Record<string, unknown>): void {
    const parsed = wsAccountAllSchema.safeParse(message);
    if (!parsed.success) return this.unexpected('account_all', parsed.error.message);
    const { positions, trades } = parsed.data;
    if (positions) {
      const list = Object.values(positions).flatMap((p) => (Array.isArray(p) ? p : [p]));
      this.applyPositions(list);
    }
    if (trades) this.applyTrades(Object.values(trades).flat());
  }

  private onOrders(message: Record<string, unknown>): void {
    const parsed = wsAccountAllOrdersSchema.safeParse(message);
    if (!parsed.success) return this.unexpected('account_all_orders', parsed.error.message);
    this.applyOrders(Object.values(parsed.data.orders).flat());
  }

  private onTrades(message: Record<string, unknown>): void {
    const parsed = wsAccountAllTradesSchema.safeParse(message);
    if (!parsed.success) return this.unexpected('account_all_trades', parsed.error.message);
    this.applyTrades(Object.values(parsed.data.trades).flat());
  }

  private onUserStats(message: Record<string, unknown>): void {
    const parsed = wsUserStatsSchema.safeParse(message);
    if (!parsed.success) return this.unexpected('user_stats', parsed.error.message);
    this.emit({ type: 'collateral', collateral: toCollateral(parsed.data.stats.collateral, parsed.data.stats.available_balance) });
  }

  private applyPositions(list: AccountPosition[]): void {
    for (const p of list) {
      const symbol = this.deps.markets.byMarketId(p.market_id)?.symbol ?? p.symbol;
      const position = toPosition(p, symbol);
      if (position) this.positions.set(p.market_id, position);
      else this.positions.delete(p.market_id);
    }
    this.emit({ type: 'positions', positions: [...this.positions.values()] });
  }

  private applyOrders(list: LighterOrder[]): void {
    for (const o of list) {
      const symbol = this.deps.markets.byMarketId(o.market_index)?.symbol;
      if (!symbol) continue;
      if (o.client_order_index !== 0) this.clientIndexOfOrder.set(o.order_index, o.client_order_index);
      const order = toOrder(o, symbol, (i) => this.deps.ids.clientOrderIdOf(i));
      const before = this.knownOrder(order.venueOrderId);
      if (before && sameOrderState(before, order)) continue;
      this.rememberAndEmit(order);
    }
  }

  private applyTrades(list: LighterTrade[]): void {
    for (const t of [...list].sort((a, b) => a.trade_id - b.trade_id)) {
      if (t.trade_id <= this.historyWatermark) continue;
      const symbol = this.deps.markets.byMarketId(t.market_id)?.symbol;
      if (!symbol) continue;
      const fill = toFill(t, this.deps.accountIndex, symbol, this.clientOrderIdOfFill);
      if (fill && this.fills.firstTime(fill.fillId)) this.emit({ type: 'fill', fill });
    }
  }

  private unexpected(channel: string, issue: string): void {
    this.deps.logger.warn({ channel, issue: issue.slice(0, 300) }, 'unexpected Lighter account message');
  }
}
