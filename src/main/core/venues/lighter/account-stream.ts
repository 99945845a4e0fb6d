import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import { backoffDelay } from '../backoff';
import type { AccountEvent, Order, Position } from '../venue';
import type { ClientOrderIds } from './client-order-ids';
import { FillDeduper, toFill } from './fills';
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
/** How many orders are remembered for change detection and side lookup. */
const REMEMBERED_ORDERS = 10_000;
/** Attempts of one resync before giving up until the next reconnect. */
const RESYNC_ATTEMPTS = 3;

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
export class AccountStream {
  private readonly listeners = new Set<(event: AccountEvent) => void>();
  private readonly fills = new FillDeduper();
  private readonly orders = new Map<string, Order>();
  private readonly clientIndexOfOrder = new Map<number, number>();
  private readonly positions = new Map<number, Position>();
  private historyWatermark = 0;
  private wasDisconnected = false;
  private resyncing: Promise<void> | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly deps: AccountStreamDeps) {}

  /**
   * Reads the fill history watermark and subscribes the private channels.
   * @throws VenueError when the history cannot be read.
   */
  async start(): Promise<void> {
    const { ws, accountIndex } = this.deps;
    const history = await this.deps.rest.accountTrades(accountIndex, REPLAY_TRADES);
    for (const t of history) this.historyWatermark = Math.max(this.historyWatermark, t.trade_id);
    this.unsubscribe.push(
      ws.subscribe(`account_all/${accountIndex}`, true, (m) => this.onAccountAll(m)),
      ws.subscribe(`account_all_orders/${accountIndex}`, true, (m) => this.onOrders(m)),
      ws.subscribe(`account_all_trades/${accountIndex}`, true, (m) => this.onTrades(m)),
      ws.subscribe(`user_stats/${accountIndex}`, true, (m) => this.onUserStats(m)),
      ws.onState((state) => this.onConnection(state)),
    );
  }

  /** Stops listening to the channels. */
  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** Listens to the account's events; returns the unsubscribe function. */
  on(listener: (event: AccountEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last state seen of an order of this account, if remembered. */
  knownOrder(venueOrderId: string): Order | undefined {
    return this.orders.get(venueOrderId);
  }

  /** The caller's client order id for a fill: from the trade's client index, else from the order's. */
  private clientOrderIdOfFill = (clientIndex: number | undefined, orderIndex: number): string | null => {
    const index = clientIndex ?? this.clientIndexOfOrder.get(orderIndex);
    return index === undefined ? null : this.deps.ids.clientOrderIdOf(index);
  };

  private onConnection(state: 'connected' | 'disconnected'): void {
    this.emit({ type: 'connection', state });
    if (state === 'disconnected') {
      this.wasDisconnected = true;
      return;
    }
    if (!this.wasDisconnected) return;
    this.wasDisconnected = false;
    this.resyncing ??= this.resync().finally(() => {
      this.resyncing = null;
    });
  }

  private async resync(): Promise<void> {
    for (let attempt = 0; attempt < RESYNC_ATTEMPTS; attempt++) {
      try {
        await this.resyncOnce();
        this.emit({ type: 'connection', state: 'resynced' });
        return;
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message, attempt: attempt + 1 }, 'Lighter resync after reconnect failed');
        await this.deps.clock.sleep(backoffDelay(attempt, { baseMs: 1_000, maxMs: 10_000 }));
      }
    }
    this.deps.logger.error('Lighter resync failed; state may be stale until the next reconnect');
  }

  private async resyncOnce(): Promise<void> {
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
    this.applyOrders(finished.filter((o) => this.orders.has(o.order_id) || this.deps.ids.assignedHere(o.client_order_index)));

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
      const before = this.orders.get(order.venueOrderId);
      if (before && sameState(before, order)) continue;
      this.orders.delete(order.venueOrderId);
      this.orders.set(order.venueOrderId, order);
      if (this.orders.size > REMEMBERED_ORDERS) this.orders.delete(this.orders.keys().next().value as string);
      if (order.rejection) this.deps.logger.warn({ symbol, venueOrderId: order.venueOrderId, reason: order.statusReason, kind: order.rejection }, 'Lighter refused an order');
      this.emit({ type: 'order', order });
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

  private emit(event: AccountEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.deps.logger.error({ err: (err as Error).message }, 'Lighter account event listener threw');
      }
    }
  }
}

function sameState(a: Order, b: Order): boolean {
  return a.status === b.status && a.filledSize.eq(b.filledSize) && a.size.eq(b.size) && a.price.eq(b.price) && a.statusReason === b.statusReason;
}
