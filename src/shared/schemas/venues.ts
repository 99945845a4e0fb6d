import { z } from 'zod';
import { SHARED_VENUES } from '../venues';
import type { IdentifierField, SecretField } from '../venues/venue-fields';

/**
 * The venues HedgeDesk knows. Each has its folders: `src/main/core/venues/<venue>/`
 * (and `sim/<venue>/`) in the core, `src/shared/venues/<venue>.ts` here.
 */
export const VENUES = ['lighter', 'paradex', 'backpack', 'aster'] as const;
export const venueSchema = z.enum(VENUES);
/** A venue id: `lighter`, `paradex`, `backpack` or `aster`. */
export type Venue = z.infer<typeof venueSchema>;

export { isSimulatorUrl, simUrlSchema, type IdentifierField, type IdentifierKind, type SecretField } from '../venues/venue-fields';
export { lighterIdentifiersSchema, type LighterIdentifiers } from '../venues/lighter';
export { paradexIdentifiersSchema, type ParadexIdentifiers } from '../venues/paradex';
export { backpackIdentifiersSchema, type BackpackIdentifiers } from '../venues/backpack';
export { asterIdentifiersSchema, type AsterIdentifiers } from '../venues/aster';

const byId = Object.fromEntries(SHARED_VENUES.map((v) => [v.id, v]));
for (const id of VENUES) if (!byId[id]) throw new Error(`shared venues: no description for venue "${id}" (add src/shared/venues/${id}.ts to src/shared/venues/index.ts)`);
const perVenue = <T>(pick: (v: (typeof SHARED_VENUES)[number]) => T): Record<Venue, T> =>
  Object.fromEntries(VENUES.map((id) => [id, pick(byId[id]!)])) as Record<Venue, T>;

/** Display name of each venue (a proper noun, the same in every language). */
export const VENUE_NAMES: Record<Venue, string> = perVenue((v) => v.name);

/**
 * Per-venue account fields: which identifiers an account carries and which
 * secrets it needs, from each venue's `src/shared/venues/<venue>.ts` (facts
 * from `shared/venues/<venue>.md`). Paper accounts of a venue that trades may
 * name an external simulator (`hedgedesk sim <venue>`): its URL `simUrl` and
 * its admin token `simAdminToken` (a secret); without them they trade on the
 * built-in one.
 */
export const VENUE_FIELDS: Record<Venue, { identifiers: IdentifierField[]; secrets: SecretField[] }> = perVenue((v) => ({ identifiers: v.identifiers, secrets: v.secrets }));

/**
 * For a live account: the identifier requirements of its venue, as a list of
 * alternatives (any one group fully present satisfies it). Empty list: none.
 */
export const requiredIdentifiersLive: Record<Venue, string[][]> = perVenue((v) => v.requiredLive);

/** Whether HedgeDesk can trade on each venue yet; one that cannot gets no paper accounts and no runs (its keys may be stored ahead). */
export const VENUE_CAN_TRADE: Record<Venue, boolean> = perVenue((v) => v.canTrade);

/** Whether each venue's accounts store self-trade prevention settings with their identifiers. */
export const VENUE_SELF_TRADE: Record<Venue, boolean> = perVenue((v) => v.selfTradePrevention);

/** True when `venue` keeps API keys at indexes and `index` is one HedgeDesk warns about (e.g. Lighter 0–3). */
export function isDiscouragedKeyIndex(venue: Venue, index: number): boolean {
  return byId[venue]!.discouragedKeyIndex?.(index) ?? false;
}

/** The venue a new account or coin list starts on: the first one HedgeDesk can trade on. */
export const DEFAULT_VENUE: Venue = VENUES.find((id) => VENUE_CAN_TRADE[id]) ?? VENUES[0];

/** Names of the secret fields of a venue, e.g. `['apiPrivateKey']` for Lighter. */
export function secretFieldsOf(venue: Venue): string[] {
  return VENUE_FIELDS[venue].secrets.map((f) => f.key);
}
