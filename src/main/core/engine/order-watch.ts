import Decimal from 'decimal.js';
import type { Clock } from '../clock';
import type { Order, Venue } from '../venues/venue';

const TERMINAL = new Set<Order['status']>(['filled', 'canceled', 'rejected']);

interface Watched {
  order: Order | null;
  /** Σ sizes of the fills seen for it. */
  filled: Decimal;
  waiters: Set<() => void>;
}

/**
 * Follows the orders of one account by client order id from its event
 * stream, so a caller can wait for an order to end. An order has ended when
 * the venue reported a final status (filled, cancelled, rejected) and the
 * fills for its filled size have arrived.
 */
export class OrderWatch {
  private readonly watched = new Map<string, Watched>();
  private readonly detach: () => void;

  constructor(
    venue: Venue,
    private readonly clock: Clock,
  ) {
    this.detach = venue.onAccountEvent((e) => {
      if (e.type === 'order' && e.order.clientOrderId !== null) this.update(e.order.clientOrderId, (w) => (w.order = e.order));
      if (e.type === 'fill' && e.fill.clientOrderId !== null) this.update(e.fill.clientOrderId, (w) => (w.filled = w.filled.plus(e.fill.size)));
    });
  }

  /** The last order update and the filled size seen by fills, for a client order id. */
  get(clientOrderId: string): { order: Order | null; filled: Decimal } {
    const w = this.watched.get(clientOrderId);
    return { order: w?.order ?? null, filled: w?.filled ?? new Decimal(0) };
  }

  /** True when the order has ended (see the class comment). */
  ended(clientOrderId: string): boolean {
    const w = this.watched.get(clientOrderId);
    return !!w?.order && TERMINAL.has(w.order.status) && w.filled.gte(w.order.filledSize);
  }

  /**
   * Waits up to `timeoutMs` (clock time) for the order to end; resolves to its
   * last update when it ended, null on timeout or abort.
   */
  async waitEnded(clientOrderId: string, timeoutMs: number, signal?: AbortSignal): Promise<Order | null> {
    if (this.ended(clientOrderId)) return this.get(clientOrderId).order;
    const w = this.entry(clientOrderId);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let waiter: (() => void) | undefined;
    const ended = new Promise<void>((resolve) => {
      waiter = () => {
        if (this.ended(clientOrderId)) resolve();
      };
      w.waiters.add(waiter);
    });
    try {
      await Promise.race([ended, this.clock.sleep(timeoutMs, stop.signal).catch(() => undefined)]);
    } finally {
      stop.abort();
      signal?.removeEventListener('abort', onAbort);
      if (waiter) w.waiters.delete(waiter);
    }
    return this.ended(clientOrderId) ? this.get(clientOrderId).order : null;
  }

  /** Stops following the stream. */
  close(): void {
    this.detach();
    for (const w of this.watched.values()) for (const waiter of w.waiters) waiter();
  }

  private entry(clientOrderId: string): Watched {
    let w = this.watched.get(clientOrderId);
    if (!w) this.watched.set(clientOrderId, (w = { order: null, filled: new Decimal(0), waiters: new Set() }));
    return w;
  }

  private update(clientOrderId: string, change: (w: Watched) => void): void {
    const w = this.entry(clientOrderId);
    change(w);
    for (const waiter of [...w.waiters]) waiter();
  }
}
