import { z } from 'zod';
import type { Account } from '../../../shared/schemas/account';
import { venueDescriptor } from '../venues/venue-registry';

/**
 * The venue settings one account of a run was opened with, stored with the
 * run when it starts (runs.venue_settings, migration 008) so that resume and
 * flatten after a restart reopen the very same venue — never Lighter or
 * Paradex mainnet by default (issue 11, obs. 3). Every field is optional:
 * which ones apply depends on the venue and mode.
 * - `baseUrl`: REST base (Lighter `https://host`, Paradex `https://host/v1`).
 * - `wsUrl`: WebSocket URL (Paradex; Lighter derives `wss://host/stream`).
 * - `chainId`: Lighter chain id, 304 mainnet / 300 testnet.
 * - `signerLibDir`: folder holding Lighter's official signer.
 * - `tier`: Lighter account tier (request budget: standard 60/min, premium 24,000 weight/min).
 * - `marketOrderMode`: how Paradex market orders are sent.
 */
export const accountVenueSettingsSchema = z.object({
  baseUrl: z.string().min(1).optional(),
  wsUrl: z.string().min(1).optional(),
  chainId: z.union([z.literal(300), z.literal(304)]).optional(),
  signerLibDir: z.string().min(1).optional(),
  tier: z.enum(['standard', 'premium']).optional(),
  marketOrderMode: z.enum(['native', 'limit-emulation']).optional(),
});

/** See {@link accountVenueSettingsSchema}. */
export type AccountVenueSettings = z.infer<typeof accountVenueSettingsSchema>;

/** Per account id: the settings each account of a run was opened with. */
export type RunVenueSettings = Record<string, AccountVenueSettings>;

/**
 * The settings an account's venue is opened with, every default resolved
 * (a live Lighter account without a base URL gets mainnet and chain id 304
 * written out), so that what is stored is what was used even if a later
 * version changes a default. Paper accounts keep what was given.
 */
export function resolveVenueSettings(account: Account, given: AccountVenueSettings = {}): AccountVenueSettings {
  const trading = venueDescriptor(account.venue).trading;
  const resolved = account.mode === 'live' && trading ? trading.resolveLiveSettings(given) : given;
  return Object.fromEntries(Object.entries(resolved).filter(([, v]) => v !== undefined)) as AccountVenueSettings;
}

/** Reads stored run venue settings (JSON); null for a run stored before they were kept, or an unreadable value. */
export function parseRunVenueSettings(stored: unknown): RunVenueSettings | null {
  const parsed = z.record(z.string(), accountVenueSettingsSchema).safeParse(stored);
  return parsed.success ? parsed.data : null;
}
