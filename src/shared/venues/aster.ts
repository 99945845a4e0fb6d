import { z } from 'zod';
import { apiKeyString, evmAddress, type SharedVenue } from './venue-fields';

/** Aster identifiers: v1 HMAC API key, or v3 wallet signing user and signer addresses (aster.md §"Credentials"). */
export const asterIdentifiersSchema = z
  .object({ apiKey: apiKeyString.optional(), user: evmAddress.optional(), signer: evmAddress.optional() })
  .strict();
export type AsterIdentifiers = z.infer<typeof asterIdentifiersSchema>;

/** Aster: v1 HMAC (apiKey + secretKey) or v3 wallet signing (user, signer, signer private key), aster.md §"Credentials". No client yet: it cannot trade. */
export const asterShared: SharedVenue = {
  id: 'aster',
  name: 'Aster',
  canTrade: false,
  identifiers: [
    { key: 'apiKey', kind: 'base64Key' },
    { key: 'user', kind: 'evmAddress' },
    { key: 'signer', kind: 'evmAddress' },
  ],
  secrets: [{ key: 'apiSecret' }, { key: 'signerPrivateKey' }],
  requiredLive: [['apiKey'], ['user', 'signer']],
  selfTradePrevention: false,
  identifiersSchema: asterIdentifiersSchema,
};
