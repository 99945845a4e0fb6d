import type { Clock } from '../../clock';
import { MAX_BASE_AMOUNT } from './codec';

/** Largest ClientOrderIndex: 2^48 − 1 (lighter.md §3.2; 0 means "none"). */
export const MAX_CLIENT_ORDER_INDEX = MAX_BASE_AMOUNT;
/** How many indexes one millisecond of the clock provides. */
const PER_MS = 64;
/** How many caller ids are remembered (oldest forgotten first). */
const REMEMBERED = 100_000;

/**
 * Lighter client order indexes for one account, and the link to the caller's
 * string client order ids (lighter.md §3.2: an integer 1 … 2^48 − 1, unique
 * across all markets of the account; a duplicate is rejected with 21728).
 *
 * - A caller id that is already a decimal integer in range is used as is, so
 *   the link survives restarts.
 * - Otherwise an index is generated: `now_ms × 64 + n`, strictly increasing,
 *   so indexes stay unique across restarts as long as the clock moves forward
 *   (room until the year 2109). The caller's string is kept in memory (the
 *   last 100,000); an index whose string is forgotten reads back as decimal.
 * - Without a caller id the generated index, as a decimal string, becomes the
 *   client order id.
 */
export class ClientOrderIds {
  private last = 0;
  private readonly assigned = new Set<number>();
  private readonly idByIndex = new Map<number, string>();
  private readonly indexById = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** The index to send for `clientOrderId` (generated when absent) and the id to report back. */
  assign(clientOrderId?: string): { index: number; clientOrderId: string } {
    if (clientOrderId !== undefined) {
      const known = this.indexById.get(clientOrderId);
      if (known !== undefined) return { index: known, clientOrderId };
      const numeric = /^[1-9]\d{0,14}$/.test(clientOrderId) ? Number(clientOrderId) : NaN;
      const index = numeric <= MAX_CLIENT_ORDER_INDEX ? numeric : this.generate();
      this.link(index, clientOrderId);
      this.remember(index);
      return { index, clientOrderId };
    }
    const index = this.generate();
    this.remember(index);
    return { index, clientOrderId: String(index) };
  }

  /** True when `index` was handed out by this instance (one of the last 100,000): an order this session placed. */
  assignedHere(index: number): boolean {
    return this.assigned.has(index);
  }

  /** The caller's id for a ClientOrderIndex seen on the wire; null for 0 ("none"). */
  clientOrderIdOf(index: number): string | null {
    if (index === 0) return null;
    return this.idByIndex.get(index) ?? String(index);
  }

  private remember(index: number): void {
    this.assigned.add(index);
    if (this.assigned.size > REMEMBERED) this.assigned.delete(this.assigned.values().next().value as number);
  }

  private link(index: number, clientOrderId: string): void {
    this.idByIndex.set(index, clientOrderId);
    this.indexById.set(clientOrderId, index);
    if (this.idByIndex.size > REMEMBERED) {
      const [oldIndex, oldId] = this.idByIndex.entries().next().value as [number, string];
      this.idByIndex.delete(oldIndex);
      this.indexById.delete(oldId);
    }
  }

  private generate(): number {
    const candidate = (this.clock.now() * PER_MS) % MAX_CLIENT_ORDER_INDEX;
    this.last = candidate > this.last ? candidate : this.last + 1;
    if (this.last > MAX_CLIENT_ORDER_INDEX) this.last = 1;
    return this.last;
  }
}
