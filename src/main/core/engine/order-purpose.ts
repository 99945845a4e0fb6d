import type { PlaceOrderRequest } from '../venues/venue';

/**
 * Why a run placed an order. Hedge purposes count as hedges in flight for the
 * risk guard until they fill or end.
 * - `entry` / `exit`: a primary's slice (buy to build, reduce-only sell to close).
 * - `hedge` / `hedge-buyback`: a hedger's leg (sell against an entry fill, reduce-only buy against an exit fill).
 * - `flatten`: closing positions (failsafe, stop with flatten, flatten on restart).
 * - `other`: anything else.
 */
export type OrderPurpose = 'entry' | 'exit' | 'hedge' | 'hedge-buyback' | 'flatten' | 'other';

/** Purposes the risk guard tracks as hedges in flight. */
export const HEDGE_PURPOSES: ReadonlySet<OrderPurpose> = new Set(['hedge', 'hedge-buyback']);

/** Purposes sent as urgent orders (ahead of discretionary ones, with the reserved request budget): hedges and flattening. */
export const URGENT_PURPOSES: ReadonlySet<OrderPurpose> = new Set(['hedge', 'hedge-buyback', 'flatten']);

/** An order as a run places it: a venue order plus its purpose. */
export interface RunOrderRequest extends PlaceOrderRequest {
  purpose?: OrderPurpose;
}
