import { z } from 'zod';
import { isDiscouragedLighterKeyIndex } from '../lighter-api-key-index';
import { selfTradeBehaviorSchema, selfTradeEqualitySchema, selfTradeProblem } from '../schemas/self-trade';
import { evmAddress, simUrlSchema, type SharedVenue } from './venue-fields';

/**
 * Lighter identifiers, all optional: account index or L1 address, API key
 * index 0–254 (0–3 reserved for Lighter's own apps, lighter.md §"API keys"),
 * self-trade prevention, and for paper accounts an external simulator.
 */
export const lighterIdentifiersSchema = z
  .object({
    accountIndex: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    l1Address: evmAddress.optional(),
    apiKeyIndex: z.number().int().min(0).max(254).optional(),
    /** Self-trade prevention (self-trade.ts), stored with the identifiers; absent = expire maker. */
    selfTradeBehavior: selfTradeBehaviorSchema.optional(),
    /** Absent = same account (never cancels the app's cross-account hedges). */
    selfTradeEquality: selfTradeEqualitySchema.optional(),
    simUrl: simUrlSchema.optional(),
  })
  .strict()
  .superRefine((ids, ctx) => {
    const problem = selfTradeProblem({ behavior: ids.selfTradeBehavior ?? 'expire-maker', equality: ids.selfTradeEquality ?? 'same-account' });
    if (problem) ctx.addIssue({ code: 'custom', path: ['selfTradeBehavior'], message: problem });
  });
export type LighterIdentifiers = z.infer<typeof lighterIdentifiersSchema>;

/** Lighter: API private key (keychain); a paper account may name an external simulator and its admin token. */
export const lighterShared: SharedVenue = {
  id: 'lighter',
  name: 'Lighter',
  canTrade: true,
  identifiers: [
    { key: 'accountIndex', kind: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER },
    { key: 'l1Address', kind: 'evmAddress' },
    { key: 'apiKeyIndex', kind: 'integer', min: 0, max: 254 },
    { key: 'simUrl', kind: 'simUrl' },
  ],
  secrets: [{ key: 'apiPrivateKey' }, { key: 'simAdminToken' }],
  requiredLive: [['accountIndex', 'apiKeyIndex'], ['l1Address', 'apiKeyIndex']],
  selfTradePrevention: true,
  discouragedKeyIndex: isDiscouragedLighterKeyIndex,
  identifiersSchema: lighterIdentifiersSchema,
};
