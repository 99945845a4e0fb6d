import type { Dispatcher } from 'undici';
import type { WsAgentFor } from '../../notify/ws-proxy-agent';
import type { Account } from '../../../../shared/schemas/account';
import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import type { SecretStore } from '../../secrets/secret-store';
import type { MarketOrderMode } from './market-emulation';
import { createParadexVenue, type ParadexTiming } from './paradex-venue';
import type { Venue } from '../venue';
import { MissingSecretError } from '../../engine/engine-errors';

/** Paradex mainnet ("prod"), paradex.md §0. */
export const PARADEX_MAINNET = {
  baseUrl: 'https://api.prod.paradex.trade/v1',
  wsUrl: 'wss://ws.api.prod.paradex.trade/v1',
} as const;

/** The secret field a Paradex account's L2 (StarkNet) private key is stored under (VENUE_FIELDS.paradex). */
export const PARADEX_KEY_FIELD = 'l2PrivateKey';

/** Per-run settings of a live Paradex account that are not stored with it. */
export interface LiveParadexOverrides {
  /** REST base including `/v1` (default mainnet; testnet: `https://api.testnet.paradex.trade/v1`). */
  baseUrl?: string;
  /** WebSocket URL (default: derived from the REST base, `wss://ws.<host>/v1`). */
  wsUrl?: string;
  /** How `type:'market'` orders are sent (default native MARKET). */
  marketOrderMode?: MarketOrderMode;
}

/** The overrides with every default written out: base URL (mainnet) and the WebSocket URL derived from it. */
export function resolveLiveParadexSettings(o: LiveParadexOverrides = {}): LiveParadexOverrides & { baseUrl: string; wsUrl: string } {
  const baseUrl = o.baseUrl ?? PARADEX_MAINNET.baseUrl;
  return { ...o, baseUrl, wsUrl: o.wsUrl ?? (baseUrl === PARADEX_MAINNET.baseUrl ? PARADEX_MAINNET.wsUrl : paradexWsUrl(baseUrl)) };
}

/** What a live Paradex client needs besides the account. */
export interface LiveParadexDeps {
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** Outbound HTTP dispatcher (proxy) for REST. */
  dispatcher?: Dispatcher;
  /** The WebSocket agent (proxy tunnel) for a stream URL; direct when absent. */
  wsAgentFor?: WsAgentFor;
  timing?: ParadexTiming;
  overrides?: LiveParadexOverrides;
}

/** `wss://ws.<host>/v1` for `https://<host>/v1` (paradex.md §0: the WS host is `ws.` + the REST host). */
export function paradexWsUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  if (url.protocol === 'wss:' && !url.hostname.startsWith('ws.')) url.hostname = `ws.${url.hostname}`;
  return url.toString().replace(/\/+$/, '');
}

/**
 * A Paradex client (not yet connected) for a live account: mainnet unless
 * overridden, the L2 account address from the account's identifiers
 * (`l2Address`), the L2 private key from the secret store (the OS keychain).
 * HedgeDesk does not onboard: the account must have been onboarded once
 * (e.g. in Paradex's web app) — otherwise auth fails with NOT_ONBOARDED
 * (InvalidSignatureError), paradex.md §4.
 * @throws TypeError when the account has no L2 address; MissingSecretError when the key is not stored (names the account and field).
 */
export async function liveParadexVenue(account: Account, deps: LiveParadexDeps): Promise<Venue> {
  const l2Address = account.identifiers.l2Address;
  if (typeof l2Address !== 'string') throw new TypeError(`live Paradex account "${account.label}" (${account.id}) has no L2 account address (l2Address)`);
  const privateKey = await deps.secrets.get({ accountId: account.id, field: PARADEX_KEY_FIELD });
  if (!privateKey) throw new MissingSecretError(account.id, account.label, PARADEX_KEY_FIELD);
  const { baseUrl, wsUrl } = resolveLiveParadexSettings(deps.overrides);
  return createParadexVenue({
    accountId: account.id,
    baseUrl,
    wsUrl,
    wsAgent: deps.wsAgentFor?.(wsUrl),
    l2PrivateKey: privateKey,
    l2Address,
    clock: deps.clock,
    logger: deps.logger,
    dispatcher: deps.dispatcher,
    marketOrderMode: deps.overrides?.marketOrderMode,
    timing: deps.timing,
  });
}
