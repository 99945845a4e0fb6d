import { ContractError } from '../../../shared/errors';
import { VENUE_NAMES, VENUES, type Venue as VenueId } from '../../../shared/schemas/venues';
import { asterDescriptor } from './aster';
import { backpackDescriptor } from './backpack';
import { lighterDescriptor } from './lighter';
import { paradexDescriptor } from './paradex';
import type { VenueDescriptor, VenueTrading } from './venue-descriptor';

/**
 * Every venue's descriptor, one per id of `VENUES`, in that order. The only
 * place that imports the venue folders: everything else (engine, CLI,
 * handlers, market catalog, demo workspace) iterates this registry.
 */
const REGISTERED: readonly VenueDescriptor[] = [lighterDescriptor, paradexDescriptor, backpackDescriptor, asterDescriptor];

const byId = new Map<VenueId, VenueDescriptor>(REGISTERED.map((d) => [d.id, d]));
for (const id of VENUES) if (!byId.has(id)) throw new Error(`venue registry: no descriptor for venue "${id}" (add its folder's index to venue-registry.ts)`);

/** Every venue's descriptor, in `VENUES` order. */
export function venueDescriptors(): readonly VenueDescriptor[] {
  return VENUES.map((id) => byId.get(id)!);
}

/** The descriptor of a venue id. */
export function venueDescriptor(id: VenueId): VenueDescriptor {
  return byId.get(id)!;
}

/**
 * Thrown when a paper account of a venue that cannot trade yet is created,
 * or any account of it is opened to trade (a run start): INVALID_REQUEST
 * with the issue on `venue`, naming the venue and the venues that trade.
 */
export class VenueCannotTradeError extends ContractError {
  constructor(readonly venue: VenueId) {
    const message = `${VENUE_NAMES[venue]} accounts cannot trade yet: HedgeDesk has no ${VENUE_NAMES[venue]} client (venues that trade: ${tradingVenueNames()})`;
    super('INVALID_REQUEST', message, [{ path: 'venue', message }]);
    this.name = 'VenueCannotTradeError';
  }
}

/**
 * How accounts of `id` trade.
 * @throws VenueCannotTradeError for a venue that cannot trade yet.
 */
export function venueTrading(id: VenueId): VenueTrading {
  const trading = venueDescriptor(id).trading;
  if (!trading) throw new VenueCannotTradeError(id);
  return trading;
}

/** The names of the venues that can trade, e.g. "Lighter, Paradex". */
export function tradingVenueNames(): string {
  return venueDescriptors()
    .filter((d) => d.trading)
    .map((d) => VENUE_NAMES[d.id])
    .join(', ');
}
