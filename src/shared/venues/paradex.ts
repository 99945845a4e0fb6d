import { z } from 'zod';
import { evmAddress, simUrlSchema, starknetAddress, type SharedVenue } from './venue-fields';

/** Paradex identifiers, all optional: L2 (StarkNet) account address, L1 address (onboarding), external simulator (paper). */
export const paradexIdentifiersSchema = z
  .object({ l2Address: starknetAddress.optional(), l1Address: evmAddress.optional(), simUrl: simUrlSchema.optional() })
  .strict();
export type ParadexIdentifiers = z.infer<typeof paradexIdentifiersSchema>;

/** Paradex: L2 account address and L2 private key (paradex.md §"Keys"); a paper account may name an external simulator. */
export const paradexShared: SharedVenue = {
  id: 'paradex',
  name: 'Paradex',
  canTrade: true,
  identifiers: [
    { key: 'l2Address', kind: 'starknetAddress' },
    { key: 'l1Address', kind: 'evmAddress' },
    { key: 'simUrl', kind: 'simUrl' },
  ],
  secrets: [{ key: 'l2PrivateKey' }, { key: 'simAdminToken' }],
  requiredLive: [['l2Address']],
  selfTradePrevention: false,
  identifiersSchema: paradexIdentifiersSchema,
};
