import { MAX_API_KEY_INDEX, type AccountRegistry, type SimAccount } from './account-registry';
import { LighterError } from './lighter-error';

/** Longest accepted token lifetime: 8 hours (lighter.md §2), plus a minute of clock skew. */
const MAX_LIFETIME_MS = 8 * 3600_000 + 60_000;

/** What a verified auth token says. */
export interface AuthClaims {
  /** Unix seconds. */
  deadline: number;
  account: SimAccount;
  apiKeyIndex: number;
}

/**
 * Verifies a Lighter auth token `<deadline>:<account_index>:<api_key_index>:<signature-hex>`
 * (lighter.md §2). The sim cannot check the Schnorr signature; it requires a
 * non-empty hex signature, a deadline (Unix s) in the future and at most 8 h
 * away, an existing account and a key index 0–254.
 * @throws LighterError 20001 ("invalid param: …") naming what is wrong.
 */
export function verifyAuthToken(token: string | null | undefined, registry: AccountRegistry, nowMs: number): AuthClaims {
  if (!token) throw new LighterError(20001, 'auth token required');
  const parts = token.split(':');
  const [deadline, account, key, sig] = parts;
  if (parts.length !== 4 || !/^\d+$/.test(deadline!) || !/^\d+$/.test(account!) || !/^\d+$/.test(key!) || !/^[0-9a-fA-F]+$/.test(sig!)) {
    throw new LighterError(20001, 'malformed auth token');
  }
  const deadlineMs = Number(deadline) * 1000;
  if (deadlineMs <= nowMs) throw new LighterError(20001, 'auth token expired');
  if (deadlineMs - nowMs > MAX_LIFETIME_MS) throw new LighterError(20001, 'auth token deadline more than 8 hours away');
  const found = registry.get(Number(account));
  if (!found) throw new LighterError(20001, 'auth token for an unknown account');
  const apiKeyIndex = Number(key);
  if (apiKeyIndex > MAX_API_KEY_INDEX) throw new LighterError(20001, 'auth token for an invalid api key index');
  return { deadline: Number(deadline), account: found, apiKeyIndex };
}
