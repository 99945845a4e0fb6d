import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { backoffDelay } from './backoff';
import type { WsState } from './reconnecting-ws';
import type { AccountEvent, Order } from './venue';

/** How many orders are remembered for change detection and lookups. */
const REMEMBERED_ORDERS = 10_000;
/** Attempts of one resync before giving up until the next reconnect. */
const RESYNC_ATTEMPTS = 3;

/**
 * The venue-agnostic half of a venue's account stream: listeners of
 * {@link AccountEvent}s (a throwing listener is logged, never breaks the
 * stream), the remembered last state of each order (emitted only on change),
 * the channel unsubscribe list, and the reconnect protocol: every connection
 * change is emitted; after a reconnect (not the first connect) one
 * {@link resyncOnce} at a time runs, retried with backoff up to 3 times,
 * then `{type:'connection', state:'resynced'}` is emitted. What is
 * subscribed and how the venue's REST state is read is the subclass's.
 */
export abstract class ResyncingAccountStream {
  private readonly listeners = new Set<(event: AccountEvent) => void>();
  private readonly orders = new Map<string, Order>();
  private readonly unsubscribe: (() => void)[] = [];
  private wasDisconnected = false;
  private resyncing: Promise<void> | null = null;

  /** @param label the venue's display name in log messages (e.g. `Lighter`). */
  constructor(
    private readonly base: { clock: Clock; logger: Logger },
    private readonly label: string,
  ) {}

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

  /** Reads the venue's account state over REST and emits it (positions, collateral, orders, missed fills). @throws on any failed read. */
  protected abstract resyncOnce(): Promise<void>;

  /** Called on a `connected` that is not a reconnect (the first connect). */
  protected firstConnected(): void {}

  /** Keeps the unsubscribe functions {@link stop} calls. */
  protected track(...offs: (() => void)[]): void {
    this.unsubscribe.push(...offs);
  }

  /** Remembers `order` as its order's latest state (forgetting the oldest beyond 10,000) and emits it. */
  protected rememberAndEmit(order: Order): void {
    this.orders.delete(order.venueOrderId);
    this.orders.set(order.venueOrderId, order);
    if (this.orders.size > REMEMBERED_ORDERS) this.orders.delete(this.orders.keys().next().value as string);
    if (order.rejection) {
      this.base.logger.warn(
        { symbol: order.symbol, venueOrderId: order.venueOrderId, reason: order.statusReason, kind: order.rejection },
        `${this.label} refused an order`,
      );
    }
    this.emit({ type: 'order', order });
  }

  /** Handles one connection change of the venue's WebSocket (subscribe it with `ws.onState`). */
  protected onConnection(state: WsState): void {
    this.emit({ type: 'connection', state });
    if (state === 'disconnected') {
      this.wasDisconnected = true;
      return;
    }
    if (!this.wasDisconnected) {
      this.firstConnected();
      return;
    }
    this.wasDisconnected = false;
    this.resyncing ??= this.resync().finally(() => {
      this.resyncing = null;
    });
  }

  /** Delivers `event` to every listener; a throwing listener is logged. */
  protected emit(event: AccountEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.base.logger.error({ err: (err as Error).message }, `${this.label} account event listener threw`);
      }
    }
  }

  private async resync(): Promise<void> {
    for (let attempt = 0; attempt < RESYNC_ATTEMPTS; attempt++) {
      try {
        await this.resyncOnce();
        this.emit({ type: 'connection', state: 'resynced' });
        return;
      } catch (err) {
        this.base.logger.warn({ err: (err as Error).message, attempt: attempt + 1 }, `${this.label} resync after reconnect failed`);
        await this.base.clock.sleep(backoffDelay(attempt, { baseMs: 1_000, maxMs: 10_000 }));
      }
    }
    this.base.logger.error(`${this.label} resync failed; state may be stale until the next reconnect`);
  }
}

/** True when two states of one order are the same to a listener (status, filled size, size, price, reason). */
export function sameOrderState(a: Order, b: Order): boolean {
  return a.status === b.status && a.filledSize.eq(b.filledSize) && a.size.eq(b.size) && a.price.eq(b.price) && a.statusReason === b.statusReason;
}
