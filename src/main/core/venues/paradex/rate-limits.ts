import type { Clock } from '../../clock';
import { WeightedRateLimiter, type RequestPriority } from '../rate-limiter';

/** Which of Paradex's budgets a request draws from (paradex.md §6 "Rate limits"). */
export type ParadexRequestClass = 'public' | 'auth' | 'order' | 'privateGet';

/** A limit as (requests, window ms). */
type Window = [number, number];

/**
 * Paradex's published per-account limits (paradex.md §6 "Rate limits", docs
 * /api/general-information/rate-limits [S22]):
 * - order entry (`POST`/`PUT`/`DELETE /orders…`): 800 / s and 17,250 / min;
 * - private reads (`GET`): 120 / s and 600 / min.
 */
export const PARADEX_ACCOUNT_LIMITS: Record<'order' | 'privateGet', Window[]> = {
  order: [
    [800, 1_000],
    [17_250, 60_000],
  ],
  privateGet: [
    [120, 1_000],
    [600, 60_000],
  ],
};

/**
 * Paradex's published per-IP limits (same sources), shared by every account
 * of the process: public endpoints 1500 / min; `POST /auth` (and
 * `/onboarding`) 600 / min; all accounts' private requests together 1500 / min.
 */
export const PARADEX_IP_LIMITS: Record<'public' | 'auth' | 'private', Window[]> = {
  public: [[1500, 60_000]],
  auth: [[600, 60_000]],
  private: [[1500, 60_000]],
};

/** Share of every Paradex window kept for urgent requests (hedge and flatten orders), as for Lighter. */
export const HEDGE_RESERVED_SHARE = 0.4;

const limiters = (windows: Window[], clock: Clock, reservedShare: number) =>
  windows.map(([capacity, windowMs]) => new WeightedRateLimiter({ capacity, windowMs, reservedShare, clock }));

/** The per-IP budgets, one instance per Paradex host in a process ({@link sharedIpLimits}). */
export class ParadexIpLimits {
  readonly public: WeightedRateLimiter[];
  readonly auth: WeightedRateLimiter[];
  readonly private: WeightedRateLimiter[];

  /** `reservedShare`: share of each window kept for urgent requests (default {@link HEDGE_RESERVED_SHARE}). */
  constructor(clock: Clock, limits = PARADEX_IP_LIMITS, reservedShare = HEDGE_RESERVED_SHARE) {
    this.public = limiters(limits.public, clock, reservedShare);
    this.auth = limiters(limits.auth, clock, reservedShare);
    this.private = limiters(limits.private, clock, reservedShare);
  }
}

const byHost = new Map<string, ParadexIpLimits>();

/**
 * The process's per-IP budgets for the Paradex host of `baseUrl`, created on
 * first use with `clock` (the wall clock in the app): every client of that
 * host in the process draws from them.
 */
export function sharedIpLimits(baseUrl: string, clock: Clock): ParadexIpLimits {
  const host = new URL(baseUrl).host;
  let limits = byHost.get(host);
  if (!limits) {
    limits = new ParadexIpLimits(clock);
    byHost.set(host, limits);
  }
  return limits;
}

/**
 * The client side of Paradex's limits for one account: every request waits
 * (on the injected clock) until each window of its class has room — the
 * account's own windows and the per-IP ones it shares with the process's
 * other accounts — so a burst is spread out instead of answered with HTTP 429.
 */
export class ParadexRateLimits {
  private readonly windows: Record<ParadexRequestClass, WeightedRateLimiter[]>;

  /** `reservedShare`: share of the account's windows kept for urgent requests (default {@link HEDGE_RESERVED_SHARE}). */
  constructor(clock: Clock, ip: ParadexIpLimits = new ParadexIpLimits(clock), account = PARADEX_ACCOUNT_LIMITS, reservedShare = HEDGE_RESERVED_SHARE) {
    this.windows = {
      public: ip.public,
      auth: ip.auth,
      order: [...limiters(account.order, clock, reservedShare), ...ip.private],
      privateGet: [...limiters(account.privateGet, clock, reservedShare), ...ip.private],
    };
  }

  /** Waits until one request of class `c` fits every window of the class; urgent requests go first and may use the reserved share. */
  async acquire(c: ParadexRequestClass, signal?: AbortSignal, priority: RequestPriority = 'normal'): Promise<void> {
    for (const limiter of this.windows[c]) await limiter.acquire(1, signal, priority);
  }
}

/** The budget a REST call draws from: `POST /auth*` → auth; order entry → order; other private → privateGet; else public. */
export function requestClass(method: string, path: string, authenticated: boolean): ParadexRequestClass {
  if (path.startsWith('/auth')) return 'auth';
  if (path.startsWith('/orders') && method !== 'GET') return 'order';
  return authenticated ? 'privateGet' : 'public';
}
