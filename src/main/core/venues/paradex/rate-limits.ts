import type { Clock } from '../../clock';
import { WeightedRateLimiter } from '../rate-limiter';

/** Which of Paradex's budgets a request draws from (paradex.md §6 "Rate limits"). */
export type ParadexRequestClass = 'public' | 'auth' | 'order' | 'privateGet';

/**
 * Paradex's published limits (paradex.md §6 "Rate limits", docs
 * /api/general-information/rate-limits [S22]), each as (requests, window ms):
 * - public endpoints: 1500 / min per IP;
 * - `POST /auth` (and `/onboarding`): 600 / min;
 * - order entry (`POST`/`PUT`/`DELETE /orders…`): 800 / s and 17,250 / min per account;
 * - private reads (`GET`): 120 / s and 600 / min per account.
 */
export const PARADEX_LIMITS: Record<ParadexRequestClass, [number, number][]> = {
  public: [[1500, 60_000]],
  auth: [[600, 60_000]],
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
 * The client side of Paradex's limits for one account: every request waits
 * (on the injected clock) until each window of its class has room, so a burst
 * is spread out instead of answered with HTTP 429.
 */
export class ParadexRateLimits {
  private readonly limiters: Record<ParadexRequestClass, WeightedRateLimiter[]>;

  constructor(clock: Clock, limits: Record<ParadexRequestClass, [number, number][]> = PARADEX_LIMITS) {
    const make = (c: ParadexRequestClass) => limits[c].map(([capacity, windowMs]) => new WeightedRateLimiter({ capacity, windowMs, clock }));
    this.limiters = { public: make('public'), auth: make('auth'), order: make('order'), privateGet: make('privateGet') };
  }

  /** Waits until one request of class `c` fits every window of the class. */
  async acquire(c: ParadexRequestClass, signal?: AbortSignal): Promise<void> {
    for (const limiter of this.limiters[c]) await limiter.acquire(1, signal);
  }
}

/** The budget a REST call draws from: `POST /auth*` → auth; order entry → order; other private → privateGet; else public. */
export function requestClass(method: string, path: string, authenticated: boolean): ParadexRequestClass {
  if (path.startsWith('/auth')) return 'auth';
  if (path.startsWith('/orders') && method !== 'GET') return 'order';
  return authenticated ? 'privateGet' : 'public';
}
