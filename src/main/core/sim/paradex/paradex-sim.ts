import { systemSimClock, type SimClock } from '../engine/sim-clock';
import { ADMIN_TOKEN_REQUIRED, assertAdminToken, generateAdminToken, hasAdminToken } from '../server/admin-token';
import { assertLoopbackHost, listenSimHttpServer } from '../server/sim-http-server';
import { ADMIN_PREFIX, handleAdmin } from './admin-routes';
import { BookFeed } from './book-feed';
import { sendError, sendJson } from './http-io';
import { DEFAULT_JWT_TTL_MS } from './jwt';
import { loadMarkets, type ParadexMarketSpec } from './markets';
import { ParadexError, rateLimited } from './paradex-error';
import { ParadexExchange } from './paradex-exchange';
import { SimStateStore } from '../engine/sim-state-store';
import { PARADEX_RATE_LIMITS, TokenBuckets, type ParadexRateLimits } from './rate-limiter';
import { API_PREFIX, RestApi, type RateScope } from './rest-api';
import { createSimAdmin, type ParadexSimAdmin } from './sim-admin';
import { SIM_SYSTEM_CONFIG } from './system-config';
import { WsHub } from './ws-hub';

export type { ParadexSimAdmin } from './sim-admin';
export type { ParadexMarketSpec } from './markets';

/** Options of {@link startParadexSim}. */
export interface ParadexSimOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind: loopback only (default 127.0.0.1). */
  host?: string;
  /** Seed of the synthetic liquidity (default 1). */
  seed?: number;
  /** Run the market-maker ladders (default true); without them books are empty and marks sit at the reference mids. */
  liquidity?: boolean;
  /** Time and timers (default: the wall clock); pass a ManualSimClock to step the sim in tests. */
  clock?: SimClock;
  /** Lifetime of issued JWTs, ms (default 300,000 — Paradex's 5 minutes, paradex.md §4). */
  jwtTtlMs?: number;
  /** `/markets` entries, or the path of a `/markets` JSON response; default: BTC-, ETH-, SOL-USD-PERP. */
  markets?: string | readonly ParadexMarketSpec[];
  /** Paradex's published limits (`true`), custom ones, or false (default) = unlimited. */
  rateLimit?: false | true | Partial<ParadexRateLimits>;
  /** WebSocket server ping period, ms (default 55,000). */
  pingIntervalMs?: number;
  /**
   * Directory where the simulator keeps its state (accounts, positions, open
   * orders, fills, id counters, prices) and restores it from at start. None = in memory only.
   */
  stateDir?: string;
  /** Token the `/admin/` routes require as `Authorization: Bearer` (≥ 16 characters); default a random one. */
  adminToken?: string;
}

/** A running Paradex simulator. */
export interface RunningParadexSim {
  /** `http://127.0.0.1:<port>`; REST under `${url}/v1`, admin under `${url}/admin/`. */
  url: string;
  /** The WebSocket endpoint, `ws://127.0.0.1:<port>/v1`. */
  wsUrl: string;
  port: number;
  /** Typed admin actions, in process. */
  admin: ParadexSimAdmin;
  /** The token the HTTP `/admin/` routes require (`Authorization: Bearer <token>`; 401 without it). */
  adminToken: string;
  /** Stops timers, drops connections and closes the port. */
  close(): Promise<void>;
}

/**
 * Starts a Paradex simulator on loopback: Paradex's REST API (`/v1/…`), its
 * JSON-RPC WebSocket (`/v1`) and the admin routes (`/admin/…`) on one port,
 * over a seeded matching engine with synthetic liquidity. Accounts are
 * registered through the admin (or `POST /v1/onboarding`); auth and orders
 * must carry valid StarkNet signatures of the registered key. The admin
 * routes answer 401 without `Authorization: Bearer <adminToken>`.
 * @throws CorruptStateFileError for a state directory that cannot be restored;
 *   SimStateLockedError when another simulator uses it;
 *   Error for a non-loopback host, a short admin token, bad markets, a bad `jwtTtlMs`, or a port that cannot be bound.
 */
export async function startParadexSim(opts: ParadexSimOptions = {}): Promise<RunningParadexSim> {
  const host = opts.host ?? '127.0.0.1';
  assertLoopbackHost(host);
  const adminToken = opts.adminToken ?? generateAdminToken();
  assertAdminToken(adminToken, 'adminToken');
  const clock = opts.clock ?? systemSimClock;
  const markets = loadMarkets(opts.markets);
  const store = opts.stateDir === undefined ? undefined : new SimStateStore(opts.stateDir);
  let venue: ParadexExchange;
  try {
    venue = new ParadexExchange({
      markets,
      config: SIM_SYSTEM_CONFIG,
      clock,
      seed: opts.seed ?? 1,
      liquidity: opts.liquidity ?? true,
      jwtTtlMs: opts.jwtTtlMs ?? DEFAULT_JWT_TTL_MS,
      store,
    });
  } catch (err) {
    store?.abandon();
    throw err;
  }
  const limits = opts.rateLimit ? { ...PARADEX_RATE_LIMITS, ...(opts.rateLimit === true ? {} : opts.rateLimit) } : null;
  const buckets = new TokenBuckets(() => clock.now());
  const budgets: Record<RateScope, [number, number]> | null = limits && {
    public: [limits.publicPerMinute, 60_000],
    auth: [limits.authPerMinute, 60_000],
    orders: [limits.ordersPerSecond, 1000],
    'private-get': [limits.privateGetsPerSecond, 1000],
  };
  const admit = (scope: RateScope, key: string): ParadexError | null => {
    if (venue.faults.takeRateLimit()) return rateLimited();
    if (budgets && !buckets.take(`${scope}:${key}`, ...budgets[scope])) return rateLimited();
    return null;
  };
  const books = new BookFeed(venue);
  const hub = new WsHub({ venue, books, pingIntervalMs: opts.pingIntervalMs });
  const delayAck = () => new Promise<void>((resolve) => (venue.faults.ackDelayMs > 0 ? clock.after(venue.faults.ackDelayMs, resolve) : resolve()));
  const rest = new RestApi({ venue, books, admit, delayAck });
  const admin = createSimAdmin(venue, hub);

  const server = await listenSimHttpServer({
    host,
    port: opts.port ?? 0,
    route: async (req, res, url) => {
      if (url.pathname.startsWith(API_PREFIX)) await rest.handle(req, res, url);
      else if (url.pathname.startsWith(ADMIN_PREFIX)) {
        if (!hasAdminToken(req, adminToken)) throw new ParadexError('UNAUTHORIZED', ADMIN_TOKEN_REQUIRED, 401);
        await handleAdmin(admin, req, res, url);
      }
      else if (req.method === 'GET' && url.pathname === '/') sendJson(res, 200, { status: 'ok', api: '/v1', websocket: '/v1' });
      else throw new ParadexError('NOT_FOUND', `no route ${req.method} ${url.pathname}`, 404);
    },
    sendFailure: (res, err) => sendError(res, err instanceof ParadexError ? err : new ParadexError('INTERNAL_ERROR', (err as Error).message, 500)),
    upgrade: (req, socket, head) => hub.handleUpgrade(req, socket, head),
    shutdown: () => {
      hub.close();
      venue.close();
    },
  });
  return {
    url: `http://${server.authority}`,
    wsUrl: `ws://${server.authority}/v1`,
    port: server.port,
    admin,
    adminToken,
    close: () => server.close(),
  };
}
