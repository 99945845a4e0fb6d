import type { Clock } from '../../clock';
import { WeightedRateLimiter } from '../rate-limiter';

/** Lighter account tier: decides the request budget (lighter.md §7.2). */
export type LighterTier = 'standard' | 'premium';

/** Premium budget: 24,000 weighted requests per rolling minute (lighter.md §7.2). */
export const PREMIUM_WEIGHT_PER_MINUTE = 24_000;
/** Standard budget: 60 requests per rolling minute, sendTx included (lighter.md §7.2). */
export const STANDARD_REQUESTS_PER_MINUTE = 60;
const WINDOW_MS = 60_000;

/** Endpoint weights that differ from the default 300 (lighter.md §7.2; paths under `/api/v1/`). */
const WEIGHTS: Record<string, number> = {
  sendTx: 6,
  sendTxBatch: 6,
  nextNonce: 6,
  publicPools: 50,
  txFromL1TxHash: 50,
  accountInactiveOrders: 100,
  'deposit/latest': 100,
  apikeys: 150,
  transferFeeInfo: 500,
  trades: 600,
  recentTrades: 600,
};
const DEFAULT_WEIGHT = 300;

/** The weight Lighter charges for one call of `endpoint` (e.g. `sendTx`, `account`), lighter.md §7.2. */
export function endpointWeight(endpoint: string): number {
  return WEIGHTS[endpoint] ?? DEFAULT_WEIGHT;
}

/**
 * How much of the per-minute budget one call of `endpoint` uses for `tier`.
 * Both tiers are modelled on a 24,000-per-minute weighted window: premium
 * pays the endpoint's weight; standard pays max(weight, 24,000 / 60 = 400),
 * which allows 60 calls a minute but fewer for endpoints heavier than 400
 * ("when 24,000 / weight < 60 the lower figure applies", lighter.md §7.2).
 */
export function requestCost(tier: LighterTier, endpoint: string): number {
  const weight = endpointWeight(endpoint);
  if (tier === 'premium') return weight;
  return Math.max(weight, PREMIUM_WEIGHT_PER_MINUTE / STANDARD_REQUESTS_PER_MINUTE);
}

/**
 * Share of each account's budget kept for urgent requests (hedge and flatten
 * orders): discretionary requests may use 60 % of the window, so on the
 * standard tier 24 of the 60 requests a minute are always left for hedges.
 */
export const HEDGE_RESERVED_SHARE = 0.4;

/**
 * A limiter sized to Lighter's budget: 24,000 per rolling 60 s, charged with
 * {@link requestCost}, with {@link HEDGE_RESERVED_SHARE} of it kept for urgent requests.
 */
export function createLighterRateLimiter(clock: Clock, reservedShare = HEDGE_RESERVED_SHARE): WeightedRateLimiter {
  return new WeightedRateLimiter({ capacity: PREMIUM_WEIGHT_PER_MINUTE, windowMs: WINDOW_MS, reservedShare, clock });
}
