import { z } from 'zod';
import { apiKeyString, type SharedVenue } from './venue-fields';

/** Backpack identifiers: the base64 ED25519 API (public) key (backpack.md §1). */
export const backpackIdentifiersSchema = z.object({ apiKey: apiKeyString.optional() }).strict();
export type BackpackIdentifiers = z.infer<typeof backpackIdentifiersSchema>;

/** Backpack: API key and base64 ED25519 secret (backpack.md §1). No client yet: it cannot trade. */
export const backpackShared: SharedVenue = {
  id: 'backpack',
  name: 'Backpack',
  canTrade: false,
  identifiers: [{ key: 'apiKey', kind: 'base64Key' }],
  secrets: [{ key: 'apiSecret' }],
  requiredLive: [],
  selfTradePrevention: false,
  identifiersSchema: backpackIdentifiersSchema,
};
