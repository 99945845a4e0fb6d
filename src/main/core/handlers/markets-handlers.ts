import { toVenueMarkets } from '../markets/market-catalog';
import type { HandlerContext, Handlers } from './context';

/** `markets.list`: a venue's market specs (tick, step, minimums, decimals) for symbol pickers; no account needed. */
export function marketsHandlers(ctx: HandlerContext): Pick<Handlers, 'markets.list'> {
  return {
    'markets.list': async ({ venue }) => toVenueMarkets(await ctx.markets.markets(venue)),
  };
}
