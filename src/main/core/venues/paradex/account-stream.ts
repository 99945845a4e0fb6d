import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import { FillDeduper } from '../fill-deduper';
import { ResyncingAccountStream, sameOrderState } from '../resyncing-account-stream';
import type { Order, Position } from '../venue';
import { toFill } from './fills';
import type { MarketCatalog } from './markets';
import { toOrder } from './orders';
import { toCollateral, toPosition } from './positions';
import type { ParadexRest } from './rest-client';
import { accountSummarySchema, fillSchema, orderSchema, positionSchema, type ParadexFill, type ParadexOrder, type ParadexPosition } from './wire';
import type { ParadexWs } from './ws-connection';

/** How many recent fills a REST read covers (history at start, replay after a reconnect). */
const REPLAY_FILLS = 100;
/** How many recent orders a resync reads to learn how orders ended while disconnected. */
const REPLAY_ORDERS = 100;

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
export class AccountStream extends ResyncingAccountStream {
  private readonly fills = new FillDeduper();
  private readonly positions = new Map<string, Position>();
  private caughtUp = false;

  constructor(private readonly deps: AccountStreamDeps) {
    super(deps, 'Paradex');
  }

  /**
   * Reads the fill history (marked as delivered) and subscribes the private channels.
   * @throws VenueError when the history cannot be read.
   */
  async start(): Promise<void> {
    for (const f of await this.deps.rest.fills(REPLAY_FILLS)) this.fills.firstTime(f.id);
    const { ws } = this.deps;
    this.track(
      ws.subscribe(PRIVATE_CHANNELS.orders, (d) => this.onData('orders', d)),
      ws.subscribe(PRIVATE_CHANNELS.fills, (d) => this.onData('fills', d)),
      ws.subscribe(PRIVATE_CHANNELS.positions, (d) => this.onData('positions', d)),
      ws.subscribe(PRIVATE_CHANNELS.account, (d) => this.onData('account', d)),
      ws.onState((state) => this.onConnection(state)),
    );
  }

  /** Feeds an order object this client got over REST (e.g. the answer to `POST /orders`) through the same change detection. */
  applyOrders(list: ParadexOrder[]): void {
    for (const o of list) {
      const market = this.deps.markets.byVenueSymbol(o.market);
      if (!market) continue;
      const order = toOrder(o, market.symbol);
      const before = this.knownOrder(order.venueOrderId);
      if (before && (sameOrderState(before, order) || isStale(before, order))) continue;
      this.rememberAndEmit(order);
    }
  }

  /** The first connect: catch up on fills once (see {@link catchUp}). */
  protected override firstConnected(): void {
    if (!this.caughtUp) void this.catchUp();
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

  protected async resyncOnce(): Promise<void> {
    const { rest } = this.deps;
    this.emit({ type: 'collateral', collateral: toCollateral(await rest.account()) });
    this.positions.clear();
    this.applyPositions(await rest.positions());
    // Open orders as they are now, then how the orders this stream knew ended.
    this.applyOrders(await rest.openOrders());
    const recent = await rest.ordersHistory(REPLAY_ORDERS);
    this.applyOrders(recent.filter((o) => this.knownOrder(o.id) !== undefined));
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
