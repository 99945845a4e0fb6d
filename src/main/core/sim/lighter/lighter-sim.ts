import { readFileSync } from 'node:fs';
import { parsePriceCsv } from '../engine/price-path';
import { systemSimClock, type SimClock } from '../engine/sim-clock';
import { ADMIN_TOKEN_REQUIRED, assertAdminToken, generateAdminToken, hasAdminToken } from '../server/admin-token';
import { assertLoopbackHost, listenSimHttpServer } from '../server/sim-http-server';
import { ADMIN_PREFIX, handleAdmin } from './admin-routes';
import { sendError, sendJson } from './http-io';
import { LighterError } from './lighter-error';
import { LighterExchange, MAKER_ACCOUNTS } from './lighter-exchange';
import { SimStateStore } from '../engine/sim-state-store';
import { loadMarkets, type LighterPerpSpec } from './markets';
import { RateLimiter, type RateLimitOptions } from './rate-limiter';
import { API_PREFIX, RestApi } from './rest-api';
import { createSimAdmin, type LighterSimAdmin } from './sim-admin';
import { TxProcessor } from './tx-processor';
import { WsHub } from './ws-hub';

/** Options of {@link startLighterSim}. */
export interface LighterSimOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind: loopback only (default 127.0.0.1). */
  host?: string;
  /** Perp entries, or the path of an orderBookDetails JSON file; default: the committed main markets. */
  markets?: string | readonly LighterPerpSpec[];
  /** Seed of the synthetic liquidity (default 1). */
  seed?: number;
  /** User accounts to open at start (default 3). */
  accounts?: number;
  /** Collateral of each of them, USDC decimal string (default "10000"). */
  collateral?: string;
  /** Time and timers (default: the wall clock); pass a ManualSimClock to step the sim in tests. */
  clock?: SimClock;
  /** Run the market-maker ladders (default true). */
  liquidity?: boolean;
  /** Per-account/IP request budget, e.g. STANDARD_TIER; false (default) = unlimited. */
  rateLimit?: RateLimitOptions | false;
  /** CSV files (`timestamp,price`) to replay as the mid of some markets, by market id. */
  replay?: Readonly<Record<number, string>>;
  /** WebSocket server ping period, ms (default 60,000). */
  pingIntervalMs?: number;
  /** WebSocket idle timeout, ms (default 120,000). */
  idleTimeoutMs?: number;
  /**
   * Directory where the simulator keeps its state (accounts, positions, open
   * orders, history, id counters, prices) and restores it from at start; the
   * `accounts` option then only opens accounts on a fresh directory. None = in memory only.
   */
  stateDir?: string;
  /** Token the `/admin/` routes require as `Authorization: Bearer` (≥ 16 characters); default a random one. */
  adminToken?: string;
}

/** A running simulator. */
export interface RunningLighterSim {
  /** `http://127.0.0.1:<port>` — the REST base (routes under /api/v1/, admin under /admin/). */
  url: string;
  /** `ws://127.0.0.1:<port>/stream`. */
  wsUrl: string;
  port: number;
  /** Typed admin actions, in process. */
  admin: LighterSimAdmin;
  /** The token the HTTP `/admin/` routes require (`Authorization: Bearer <token>`; 401 without it). */
  adminToken: string;
  /** Indexes of the accounts opened at start (on a restored state directory: its master accounts). */
  accounts: number[];
  /** Stops timers, drops connections and closes the port. */
  close(): Promise<void>;
}

/**
 * Starts a Lighter simulator on loopback: Lighter's REST API (`/api/v1/…`,
 * `GET /`), its WebSocket (`/stream`) and the admin routes (`/admin/…`) on
 * one port, over a seeded matching engine with synthetic liquidity.
 * @throws Error for a non-loopback host, unreadable markets or replay files,
 *   bad account/collateral values, or a port that cannot be bound.
 */
export async function startLighterSim(opts: LighterSimOptions = {}): Promise<RunningLighterSim> {
  const host = opts.host ?? '127.0.0.1';
  assertLoopbackHost(host);
  const count = opts.accounts ?? 3;
  if (!Number.isInteger(count) || count < 0 || count > 1000) throw new Error(`accounts: ${count} is not a count 0–1000`);
  const adminToken = opts.adminToken ?? generateAdminToken();
  assertAdminToken(adminToken, 'adminToken');
  const clock = opts.clock ?? systemSimClock;
  const markets = loadMarkets(opts.markets);
  const replay = opts.replay
    ? new Map(Object.entries(opts.replay).map(([id, file]) => [Number(id), parsePriceCsv(readFileSync(file, 'utf8'))]))
    : undefined;
  const store = opts.stateDir === undefined ? undefined : new SimStateStore(opts.stateDir);
  let venue: LighterExchange;
  try {
    venue = new LighterExchange({ markets, clock, seed: opts.seed ?? 1, liquidity: opts.liquidity ?? true, replay, store });
  } catch (err) {
    store?.abandon();
    throw err;
  }
  const restored = venue.registry.all().filter((a) => !MAKER_ACCOUNTS.includes(a.index) && a.accountType === 0);
  const tx = new TxProcessor(venue);
  const limiter = opts.rateLimit ? new RateLimiter(opts.rateLimit, () => clock.now()) : null;
  const admit = (key: string) => (venue.faults.takeRateLimit() || (limiter && !limiter.take(key)) ? new LighterError(23000) : null);
  const hub = new WsHub({ venue, tx, admit, pingIntervalMs: opts.pingIntervalMs, idleTimeoutMs: opts.idleTimeoutMs });
  const delayAck = () => new Promise<void>((resolve) => (venue.faults.ackDelayMs > 0 ? clock.after(venue.faults.ackDelayMs, resolve) : resolve()));
  const rest = new RestApi({ venue, tx, admit, delayAck });
  const admin = createSimAdmin(venue, hub);
  let accounts: number[];
  try {
    accounts =
      venue.restored
        ? restored.map((a) => a.index)
        : Array.from({ length: count }, () => admin.createAccount({ collateral: opts.collateral ?? '10000' }).accountIndex);
  } catch (err) {
    venue.close();
    hub.close();
    throw new Error(`collateral: ${(err as Error).message}`, { cause: err });
  }

  const server = await listenSimHttpServer({
    host,
    port: opts.port ?? 0,
    route: async (req, res, url) => {
      if (req.method === 'GET' && url.pathname === '/') sendJson(res, 200, { status: 200, network_id: 1, timestamp: Math.floor(clock.now() / 1000) });
      else if (url.pathname.startsWith(API_PREFIX)) await rest.handle(req, res, url);
      else if (url.pathname.startsWith(ADMIN_PREFIX)) {
        if (hasAdminToken(req, adminToken)) await handleAdmin(admin, req, res, url);
        else sendJson(res, 401, { code: 20001, message: ADMIN_TOKEN_REQUIRED });
      }
      else throw new LighterError(29404);
    },
    sendFailure: (res, err) => sendError(res, err instanceof LighterError ? err : new LighterError(29500, (err as Error).message)),
    upgrade: (req, socket, head) => hub.handleUpgrade(req, socket, head),
    shutdown: () => {
      tx.close();
      hub.close();
      venue.close();
    },
  });
  return {
    url: `http://${server.authority}`,
    wsUrl: `ws://${server.authority}/stream`,
    port: server.port,
    admin,
    adminToken,
    accounts,
    close: () => server.close(),
  };
}
