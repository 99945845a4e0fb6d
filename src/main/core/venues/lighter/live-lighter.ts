import { selfTradeOf, selfTradeWireModes } from '../../../../shared/schemas/self-trade';
import type { Dispatcher } from 'undici';
import type { WsAgentFor } from '../../notify/ws-proxy-agent';
import type { Account } from '../../../../shared/schemas/account';
import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import type { SecretStore } from '../../secrets/secret-store';
import { createLighterVenue, type LighterTiming } from './lighter-venue';
import { createLighterRateLimiter, type LighterTier } from './rate-limits';
import { LighterRest } from './rest-client';
import type { LighterChainId } from './signer/signer-abi';
import { signerForAccount } from './signer/signer-for-account';
import type { Venue } from '../venue';
import { UnknownVenueError } from '../venue-errors';
import { MissingSecretError } from '../../engine/engine-errors';

/** Lighter mainnet (lighter.md §0). */
export const LIGHTER_MAINNET = {
  baseUrl: 'https://mainnet.zklighter.elliot.ai',
  wsUrl: 'wss://mainnet.zklighter.elliot.ai/stream',
  chainId: 304,
} as const;

/** The secret field a Lighter account's API private key is stored under. */
export const LIGHTER_KEY_FIELD = 'apiPrivateKey';

/** Per-run settings of a live Lighter account that are not stored with it (from the original config's account entries). */
export interface LiveLighterOverrides {
  /** REST base (default mainnet); the WebSocket URL is derived: `wss://<host>/stream`. */
  baseUrl?: string;
  /** 304 mainnet, 300 testnet (default: 300 when the base URL names testnet, else 304). */
  chainId?: LighterChainId;
  /** Folder holding the official signer (the original `signer_lib_dir`). */
  signerLibDir?: string;
  /** Account tier: the request budget the client keeps to (default standard). */
  tier?: LighterTier;
}

/** The overrides with every default written out: base URL (mainnet), chain id (300 for a testnet URL, else 304), tier (standard). */
export function resolveLiveLighterSettings(o: LiveLighterOverrides = {}): LiveLighterOverrides & { baseUrl: string; chainId: LighterChainId; tier: LighterTier } {
  const baseUrl = o.baseUrl ?? LIGHTER_MAINNET.baseUrl;
  return { ...o, baseUrl, chainId: o.chainId ?? (/testnet/i.test(baseUrl) ? 300 : LIGHTER_MAINNET.chainId), tier: o.tier ?? 'standard' };
}

/** What a live Lighter client needs besides the account. */
export interface LiveLighterDeps {
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  dispatcher?: Dispatcher;
  /** The WebSocket agent (proxy tunnel) for a stream URL; direct when absent. */
  wsAgentFor?: WsAgentFor;
  /** HedgeDesk's data directory (`<dataDir>/signers` is searched for the official signer). */
  dataDir?: string;
  /** Account tier when the overrides name none (default standard). */
  tier?: LighterTier;
  timing?: LighterTiming;
  overrides?: LiveLighterOverrides;
}

/** `wss://host/stream` for `https://host` (and `ws://` for `http://`). */
export function lighterWsUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/stream`;
  return url.toString();
}

/**
 * A Lighter client (not yet connected) for a live account: mainnet unless
 * overridden, the API private key from the secret store, the official
 * signer (never the paper signer). When the account has only an L1 address,
 * its account index is looked up first (`accountsByL1Address`).
 * @throws MissingSecretError when the key is not stored (names the account and field);
 *   TypeError for missing identifiers; SignerUnavailableError when no official signer is found;
 *   typed VenueErrors from the account lookup.
 */
export async function liveLighterVenue(account: Account, deps: LiveLighterDeps): Promise<Venue> {
  const ids = account.identifiers;
  const apiKeyIndex = typeof ids.apiKeyIndex === 'number' ? ids.apiKeyIndex : undefined;
  const l1Address = typeof ids.l1Address === 'string' ? ids.l1Address : undefined;
  if (apiKeyIndex === undefined) throw new TypeError(`live Lighter account "${account.label}" (${account.id}) has no API key index`);
  if (typeof ids.accountIndex !== 'number' && !l1Address) {
    throw new TypeError(`live Lighter account "${account.label}" (${account.id}) needs an account index or an L1 address`);
  }
  const privateKey = await deps.secrets.get({ accountId: account.id, field: LIGHTER_KEY_FIELD });
  if (!privateKey) throw new MissingSecretError(account.id, account.label, LIGHTER_KEY_FIELD);
  const { baseUrl, chainId, tier } = resolveLiveLighterSettings({ ...deps.overrides, tier: deps.overrides?.tier ?? deps.tier });
  const logger = deps.logger.child({ component: 'engine.live', account: account.id });
  const accountIndex = typeof ids.accountIndex === 'number' ? ids.accountIndex : await lookupAccountIndex(baseUrl, tier, l1Address!, deps, logger);
  const signer = await signerForAccount({ mode: 'live', accountIndex, apiKeyIndex }, deps.clock, {
    privateKey,
    chainId,
    dataDir: deps.dataDir,
    signerLibDir: deps.overrides?.signerLibDir,
  });
  const wsUrl = baseUrl === LIGHTER_MAINNET.baseUrl ? LIGHTER_MAINNET.wsUrl : lighterWsUrl(baseUrl);
  return createLighterVenue({
    accountId: account.id,
    baseUrl,
    wsUrl,
    wsAgent: deps.wsAgentFor?.(wsUrl),
    accountIndex,
    apiKeyIndex,
    signer,
    selfTrade: selfTradeWireModes(selfTradeOf(account.identifiers)),
    tier,
    clock: deps.clock,
    logger: deps.logger,
    dispatcher: deps.dispatcher,
    timing: deps.timing,
  });
}

async function lookupAccountIndex(baseUrl: string, tier: LighterTier, l1Address: string, deps: LiveLighterDeps, logger: Logger): Promise<number> {
  const rest = new LighterRest({
    baseUrl,
    tier,
    limiter: createLighterRateLimiter(deps.clock),
    authToken: () => Promise.reject(new Error('no auth token before the account index is known')),
    clock: deps.clock,
    logger,
    dispatcher: deps.dispatcher,
  });
  const [master] = await rest.accountsByL1Address(l1Address);
  if (!master) throw new UnknownVenueError('lighter', `no Lighter account for L1 address ${l1Address}`);
  return master.index;
}
