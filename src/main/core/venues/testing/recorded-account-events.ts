/**
 * Test support for venue clients: a client's account events recorded in an
 * array, and the orders and fills among them.
 */
import type { AccountEvent, Fill, Order, Venue } from '../venue';

/**
 * Connects `venue` with every account event it emits recorded (listening
 * before connect, so none is missed) and adds it to `open` (closed after the test).
 * @returns the live array of events.
 */
export async function connectRecording(venue: Venue, open: Venue[]): Promise<AccountEvent[]> {
  const events: AccountEvent[] = [];
  venue.onAccountEvent((e) => events.push(e));
  await venue.connect();
  open.push(venue);
  return events;
}

/** The order states among `events`, those of `clientOrderId` when given, oldest first. */
export function orderEvents(events: AccountEvent[], clientOrderId?: string): Order[] {
  return events.flatMap((e) => (e.type === 'order' && (clientOrderId === undefined || e.order.clientOrderId === clientOrderId) ? [e.order] : []));
}

/** The latest order state of `clientOrderId` among `events`. */
export function lastOrder(events: AccountEvent[], clientOrderId: string): Order | undefined {
  return orderEvents(events, clientOrderId).at(-1);
}

/** The fills among `events`, those of `clientOrderId` when given, oldest first. */
export function fillEvents(events: AccountEvent[], clientOrderId?: string): Fill[] {
  return events.flatMap((e) => (e.type === 'fill' && (clientOrderId === undefined || e.fill.clientOrderId === clientOrderId) ? [e.fill] : []));
}
