import { z } from 'zod';
import { venueSchema } from './venues';

const dec = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string');

/**
 * One market's trading limits as the renderer sees them (`markets.list`):
 * - `tickSize`: smallest price increment, USDC; `stepSize`: smallest size increment, base units;
 * - `minBaseAmount`: smallest order size, base units; `minNotional`: smallest order notional, USDC;
 * - `maxNotional`: largest order notional, USDC, null when the venue sets no cap;
 * - `priceDecimals`, `sizeDecimals`: decimals of prices and sizes (for display and rounding);
 * - `referencePrice`: an indicative price (USDC) used to turn the minimum base amount into
 *   a notional — the simulator's reference mid for paper specs, null when unknown;
 * - `status`: `reduce-only` markets accept only reducing orders, `inactive` ones none.
 * All amounts are decimal strings, never floats.
 */
export const marketSpecSchema = z.object({
  symbol: z.string().min(1),
  tickSize: dec,
  stepSize: dec,
  minBaseAmount: dec,
  minNotional: dec,
  maxNotional: dec.nullable(),
  priceDecimals: z.number().int().min(0),
  sizeDecimals: z.number().int().min(0),
  referencePrice: dec.nullable(),
  status: z.enum(['active', 'reduce-only', 'inactive']),
});
/** One market's limits (see {@link marketSpecSchema}). */
export type MarketSpec = z.infer<typeof marketSpecSchema>;

/**
 * Where a venue's market specs came from: `simulator` — the real specs the
 * built-in simulator of the venue ships (recorded from the venue); `live` —
 * a connected venue client; `unavailable` — none known for this venue in this
 * build (then `markets` is empty and coin lists are checked by schema only).
 */
export const marketSourceSchema = z.enum(['simulator', 'live', 'unavailable']);
/** Where a venue's market specs came from (see {@link marketSourceSchema}). */
export type MarketSource = z.infer<typeof marketSourceSchema>;

/** `markets.list` answer: a venue's markets (venue order) and where the specs came from. */
export const venueMarketsSchema = z.object({
  venue: venueSchema,
  source: marketSourceSchema,
  markets: z.array(marketSpecSchema),
});
/** A venue's markets (see {@link venueMarketsSchema}). */
export type VenueMarkets = z.infer<typeof venueMarketsSchema>;
