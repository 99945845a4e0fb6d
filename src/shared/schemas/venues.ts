import { z } from 'zod';
import { selfTradeBehaviorSchema, selfTradeEqualitySchema, selfTradeProblem } from './self-trade';

/**
 * The venues HedgeDesk trades on. One folder each under `src/main/core/venues/`.
 */
export const VENUES = ['lighter', 'paradex', 'backpack', 'aster'] as const;
export const venueSchema = z.enum(VENUES);
/** A venue id: `lighter`, `paradex`, `backpack` or `aster`. */
export type Venue = z.infer<typeof venueSchema>;

/** Display name of each venue (a proper noun, the same in every language). */
export const VENUE_NAMES: Record<Venue, string> = {
  lighter: 'Lighter',
  paradex: 'Paradex',
  backpack: 'Backpack',
  aster: 'Aster',
};

/** How a non-secret identifier field is entered and checked. */
export type IdentifierKind = 'integer' | 'evmAddress' | 'starknetAddress' | 'base64Key' | 'simUrl';

/**
 * A venue identifier the user types in (not secret, stored in SQLite).
 * `requiredLive` fields must be present for a live account; paper accounts get
 * their identifiers from the built-in simulator.
 */
export interface IdentifierField {
  key: string;
  kind: IdentifierKind;
  /** Inclusive bounds for `integer` fields. */
  min?: number;
  max?: number;
}

/** A secret field of an account. Its value lives only in the OS keychain. */
export interface SecretField {
  key: string;
}

/**
 * Per-venue account fields: which identifiers an account carries and which
 * secrets it needs. Facts from `shared/venues/<venue>.md`:
 * - Lighter: account index or L1 address, API key index 0–254 (0–3 reserved for
 *   Lighter's own apps, lighter.md §"API keys"), API private key.
 * - Paradex: L2 (StarkNet) account address, optional L1 address for onboarding,
 *   L2 private key (paradex.md §"Keys").
 * - Backpack: base64 ED25519 API (public) key, base64 ED25519 secret (backpack.md §1).
 * - Aster: v1 HMAC (apiKey + secretKey) or v3 wallet signing (user, signer,
 *   signer private key) (aster.md §"Credentials").
 * Paper Lighter and Paradex accounts may name an external simulator
 * (`hedgedesk sim <venue>`): its URL `simUrl` and its admin token
 * `simAdminToken` (a secret); without them they trade on the built-in one.
 */
export const VENUE_FIELDS: Record<Venue, { identifiers: IdentifierField[]; secrets: SecretField[] }> = {
  lighter: {
    identifiers: [
      { key: 'accountIndex', kind: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER },
      { key: 'l1Address', kind: 'evmAddress' },
      { key: 'apiKeyIndex', kind: 'integer', min: 0, max: 254 },
      { key: 'simUrl', kind: 'simUrl' },
    ],
    secrets: [{ key: 'apiPrivateKey' }, { key: 'simAdminToken' }],
  },
  paradex: {
    identifiers: [
      { key: 'l2Address', kind: 'starknetAddress' },
      { key: 'l1Address', kind: 'evmAddress' },
      { key: 'simUrl', kind: 'simUrl' },
    ],
    secrets: [{ key: 'l2PrivateKey' }, { key: 'simAdminToken' }],
  },
  backpack: {
    identifiers: [{ key: 'apiKey', kind: 'base64Key' }],
    secrets: [{ key: 'apiSecret' }],
  },
  aster: {
    identifiers: [
      { key: 'apiKey', kind: 'base64Key' },
      { key: 'user', kind: 'evmAddress' },
      { key: 'signer', kind: 'evmAddress' },
    ],
    secrets: [{ key: 'apiSecret' }, { key: 'signerPrivateKey' }],
  },
};

const evmAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be 0x followed by 40 hex digits');
const starknetAddress = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/, 'must be 0x followed by 1 to 64 hex digits');
/**
 * True for `http://` URLs on a loopback host (localhost, 127.x.x.x, [::1]) with
 * an explicit port and no path, query or credentials: where `hedgedesk sim` listens.
 */
export function isSimulatorUrl(text: string): boolean {
  const m = /^http:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\]):(\d{1,5})\/?$/i.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535 && (m[1]!.startsWith('127.') ? m[1]!.split('.').every((o) => Number(o) <= 255) : true);
}

/** The URL of an external simulator (paper accounts only), see {@link isSimulatorUrl}. */
export const simUrlSchema = z
  .string()
  .refine(isSimulatorUrl, 'must be the http://127.0.0.1:<port> URL a `hedgedesk sim` printed (loopback, with a port, no path)');

const apiKeyString = z
  .string()
  .min(16, 'looks too short for an API key')
  .max(128)
  .regex(/^[A-Za-z0-9+/=_-]+$/, 'must be base64 or hex');

/** Identifier schemas, all fields optional; which are required is checked by {@link requiredIdentifiersLive}. */
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
export const paradexIdentifiersSchema = z
  .object({ l2Address: starknetAddress.optional(), l1Address: evmAddress.optional(), simUrl: simUrlSchema.optional() })
  .strict();
export const backpackIdentifiersSchema = z.object({ apiKey: apiKeyString.optional() }).strict();
export const asterIdentifiersSchema = z
  .object({ apiKey: apiKeyString.optional(), user: evmAddress.optional(), signer: evmAddress.optional() })
  .strict();

export type LighterIdentifiers = z.infer<typeof lighterIdentifiersSchema>;
export type ParadexIdentifiers = z.infer<typeof paradexIdentifiersSchema>;
export type BackpackIdentifiers = z.infer<typeof backpackIdentifiersSchema>;
export type AsterIdentifiers = z.infer<typeof asterIdentifiersSchema>;

/**
 * For a live account: the identifier requirements of its venue, as a list of
 * alternatives (any one group fully present satisfies it). Empty list: none.
 */
export const requiredIdentifiersLive: Record<Venue, string[][]> = {
  lighter: [['accountIndex', 'apiKeyIndex'], ['l1Address', 'apiKeyIndex']],
  paradex: [['l2Address']],
  backpack: [],
  aster: [['apiKey'], ['user', 'signer']],
};

/** Names of the secret fields of a venue, e.g. `['apiPrivateKey']` for Lighter. */
export function secretFieldsOf(venue: Venue): string[] {
  return VENUE_FIELDS[venue].secrets.map((f) => f.key);
}
