import { z } from 'zod';
import type { Venue } from '../schemas/venues';

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
 * What shared and renderer code know about one venue, exported by its file
 * in `src/shared/venues/` and listed once in `src/shared/venues/index.ts`.
 */
export interface SharedVenue {
  id: Venue;
  /** Display name (a proper noun, the same in every language). */
  name: string;
  /** Whether HedgeDesk can trade on it yet (a client and a simulator); one that cannot gets no paper accounts and no runs. */
  canTrade: boolean;
  /** The identifiers an account carries (non-secret, stored in SQLite). */
  identifiers: IdentifierField[];
  /** The secrets it needs (OS keychain only). */
  secrets: SecretField[];
  /** For a live account: alternatives of identifier groups, any one fully present suffices; empty = none required. */
  requiredLive: string[][];
  /** Whether its accounts store self-trade prevention settings with their identifiers (shared/schemas/self-trade.ts). */
  selfTradePrevention: boolean;
  /** For a venue whose API keys sit at an index: true for an index HedgeDesk warns about (another app may replace the key there). */
  discouragedKeyIndex?: (index: number) => boolean;
  /** Its identifier schema, every field optional (which are required: `requiredLive`). */
  identifiersSchema: z.ZodType<Record<string, unknown>>;
}

/** An EVM (L1) address. */
export const evmAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be 0x followed by 40 hex digits');
/** A StarkNet (L2) address. */
export const starknetAddress = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/, 'must be 0x followed by 1 to 64 hex digits');

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

/** An API key as base64 or hex text. */
export const apiKeyString = z
  .string()
  .min(16, 'looks too short for an API key')
  .max(128)
  .regex(/^[A-Za-z0-9+/=_-]+$/, 'must be base64 or hex');
