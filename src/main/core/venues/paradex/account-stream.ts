import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import { backoffDelay } from '../backoff';
import type { AccountEvent, Order, Position } from '../venue';
import { FillDeduper, toFill } from './fills';
import type { MarketCatalog } from './markets';
import { toOrder } from './orders';
import { toCollateral, toPosition } from './positions';
import type { ParadexRest } from './rest-client';
import { accountSummarySchema, fillSchema, orderSchema, positionSchema, type ParadexFill, type ParadexOrder, type ParadexPosition } from './wire';
import type { ParadexWs, WsState } from './ws-connection';

/** How many recent fills a REST read covers (history at start, replay after a reconnect). */
const REPLAY_FILLS = 100;
/** How many recent orders a resync reads to learn how orders ended while disconnected. */
const REPLAY_ORDERS = 100;
/** How many orders are remembered for change detection. */
const REMEMBERED_ORDERS = 10_000;
/** Attempts of one resync before giving up until the next reconnect. */
const RESYNC_ATTEMPTS = 3;

/** The private channels (paradex.md §8): every market's orders and fills, positions, the account summary. */
export const PRIVATE_CHANNELS = { orders: 'orders.ALL', fills: 'fills.ALL', positions: 'positions', account: 'account' } as const;

/** What an {@link AccountStream} needs. */
export interface AccountStreamDeps {
  ws: ParadexWs;
  rest: ParadexRest;
  markets: MarketCatalog;
  clock: Clock;
  logger: Logger;
}

/**
 * The account's live state as {@link AccountEvent}s from Paradex's private
 * channels (paradex.md §8: `orders.ALL`, `fills.ALL`, `positions`,
 * `account`), and after every reconnect a REST resync (§5, §6): collateral
 * from `/account`, positions from `/positions`, open orders from `/orders`,
 * how known orders ended from `/orders-history`, missed fills from `/fills`;
 * then `{type:'connection', state:'resynced'}`.
 *
 * Exactly-once fills: every fill goes through one {@link FillDeduper} keyed
 * by the fill `id`, whatever brings it. Fills the account had before the
 * stream started are history and never delivered. Order events are emitted
 * only when an order's state changed, and never for older news (a REST
 * answer that lost the race against the WS update).
 */
export class AccountStream {
  private readonly listeners = new Set<(event: AccountEvent) => void>();
  private readonly fills = new FillDeduper();
  private readonly orders = new Map<string, Order>();
  private readonly positions = new Map<string, Position>();
  private wasDisconnected = false;
  private caughtUp = false;
  private resyncing: Promise<void> | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly deps: AccountStreamDeps) {}

  /**
   * Reads the fill history (marked as delivered) and subscribes the private channels.
   * @throws VenueError when the history cannot be read.
   */
  async start(): Promise<void> {
    for (const f of await this.deps.rest.fills(REPLAY_FILLS)) this.fills.firstTime(f.id);
    const { ws } = this.deps;
    this.unsubscribe.push(
      ws.subscribe(PRIVATE_CHANNELS.orders, (d) => this.onData('orders', d)),
      ws.subscribe(PRIVATE_CHANNELS.fills, (d) => this.onData('fills', d)),
      ws.subscribe(PRIVATE_CHANNELS.positions, (d) => this.onData('positions', d)),
      ws.subscribe(PRIVATE_CHANNELS.account, (d) => this.onData('account', d)),
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

  /** Feeds an order object this client got over REST (e.g. the answer to `POST /orders`) through the same change detection. */
  applyOrders(list: ParadexOrder[]): void {
    for (const o of list) {
      const market = this.deps.markets.byVenueSymbol(o.market);
      if (!market) continue;
      const order = toOrder(o, market.symbol);
      const before = this.orders.get(order.venueOrderId);
      if (before && (sameState(before, order) || isStale(before, order))) continue;
      this.orders.delete(order.venueOrderId);
      this.orders.set(order.venueOrderId, order);
      if (this.orders.size > REMEMBERED_ORDERS) this.orders.delete(this.orders.keys().next().value as string);
      if (order.rejection) this.deps.logger.warn({ symbol: order.symbol, venueOrderId: order.venueOrderId, reason: order.statusReason, kind: order.rejection }, 'Paradex refused an order');
      this.emit({ type: 'order', order });
    }
  }

  private onConnection(state: WsState): void {
    this.emit({ type: 'connection', state });
    if (state === 'disconnected') {
      this.wasDisconnected = true;
      return;
    }
    if (!this.wasDisconnected) {
      if (!this.caughtUp) void this.catchUp();
      return;
    }
    this.wasDisconnected = false;
    this.resyncing ??= this.resync().finally(() => {
      this.resyncing = null;
    });
  }

  /**
   * After the first connect: fills made between the history read of
   * {@link start} and the `fills.ALL` subscription are read once over REST
   * (deduplicated like any other).
   */
  private async catchUp(): Promise<void> {
    this.caughtUp = true;
    try {
      this.applyFills(await this.deps.rest.fills(REPLAY_FILLS));
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message }, 'Paradex fill catch-up after connect failed');
    }
  }

  private async resync(): Promise<void> {
    for (let attempt = 0; attempt < RESYNC_ATTEMPTS; attempt++) {
      try {
        await this.resyncOnce();
        this.emit({ type: 'connection', state: 'resynced' });
        return;
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message, attempt: attempt + 1 }, 'Paradex resync after reconnect failed');
        await this.deps.clock.sleep(backoffDelay(attempt, { baseMs: 1_000, maxMs: 10_000 }));
      }
    }
    this.deps.logger.error('Paradex resync failed; state may be stale until the next reconnect');
  }

  private async resyncOnce(): Promise<void> {
    const { rest } = this.deps;
    this.emit({ type: 'collateral', collateral: toCollateral(await rest.account()) });
    this.positions.clear();
    this.applyPositions(await rest.positions());
    // Open orders as they are now, then how the orders this stream knew ended.
    this.applyOrders(await rest.openOrders());
    const recent = await rest.ordersHistory(REPLAY_ORDERS);
    this.applyOrders(recent.filter((o) => this.orders.has(o.id)));
    this.applyFills(await rest.fills(REPLAY_FILLS));
  }

  private onData(kind: 'orders' | 'fills' | 'positions' | 'account', data: unknown): void {
    const items = Array.isArray(data) ? data : [data];
    switch (kind) {
      case 'orders':
        return this.applyOrders(this.parseAll(kind, orderSchema, items));
      case 'fills':
        return this.applyFills(this.parseAll(kind, fillSchema, items));
      case 'positions':
        return this.applyPositions(this.parseAll(kind, positionSchema, items));
      case 'account': {
        const [summary] = this.parseAll(kind, accountSummarySchema, items);
        if (summary) this.emit({ type: 'collateral', collateral: toCollateral(summary) });
      }
    }
  }

  private parseAll<T>(channel: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, items: unknown[]): T[] {
    const out: T[] = [];
    for (const item of items) {
      const parsed = schema.safeParse(item);
      if (parsed.success) out.push(parsed.data);
      else this.deps.logger.warn({ channel, issue: parsed.error.message.slice(0, 300) }, 'unexpected Paradex account message');
    }
    return out;
  }

  private applyPositions(list: ParadexPosition[]): void {
    for (const p of list) {
      const market = this.deps.markets.byVenueSymbol(p.market);
      if (!market) continue;
      const position = toPosition(p, market.symbol);
      if (position) this.positions.set(market.symbol, position);
      else this.positions.delete(market.symbol);
    }
    this.emit({ type: 'positions', positions: [...this.positions.values()] });
  }

  private applyFills(list: ParadexFill[]): void {
    for (const f of [...list].sort((a, b) => a.created_at - b.created_at)) {
      const market = this.deps.markets.byVenueSymbol(f.market);
      if (!market) continue;
      if (this.fills.firstTime(f.id)) this.emit({ type: 'fill', fill: toFill(f, market.symbol) });
    }
  }

  private emit(event: AccountEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.deps.logger.error({ err: (err as Error).message }, 'Paradex account event listener threw');
      }
    }
  }
}

/** Lifecycle rank: an order never moves back from a final state, nor from open to pending. */
const RANK: Record<Order['status'], number> = { pending: 0, open: 1, partially_filled: 1, filled: 2, canceled: 2, rejected: 2 };

/**
 * True when `next` is older news than `before` — e.g. the `POST /orders`
 * answer (NEW) arriving after the WS already reported the order CLOSED:
 * an earlier lifecycle stage, less filled, or an earlier update time.
 */
function isStale(before: Order, next: Order): boolean {
  return RANK[next.status] < RANK[before.status] || next.filledSize.lt(before.filledSize) || next.updatedAt < before.updatedAt;
}

function sameState(a: Order, b: Order): boolean {
  return a.status === b.status && a.filledSize.eq(b.filledSize) && a.size.eq(b.size) && a.price.eq(b.price) && a.statusReason === b.statusReason;
}
