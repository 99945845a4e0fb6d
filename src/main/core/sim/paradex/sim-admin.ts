import Decimal from 'decimal.js';
import { fillJson } from './account-view';
import { faultSpecSchema, DEFAULT_REJECT_REASON, type FaultSpec, type FaultsView } from './faults';
import { ParadexError } from './paradex-error';
import type { ParadexExchange } from './paradex-exchange';

/** One position in an {@link AccountSnapshot}. */
export interface PositionSnapshot {
  market: string;
  /** Signed size, base units (negative = short). */
  size: string;
  /** USD. */
  averageEntryPrice: string;
  /** USDC, before fees. */
  realizedPnl: string;
}

/** An account as tests see it (all amounts decimal strings, USDC unless noted). */
export interface AccountSnapshot {
  address: string;
  publicKey: string;
  /** Deposits ± realized PnL − fees. */
  collateral: string;
  /** Collateral + unrealized PnL. */
  equity: string;
  /** Equity − initial margin (free collateral, may be negative). */
  available: string;
  openOrders: number;
  positions: PositionSnapshot[];
}

/** Body of `GET /admin/state`. */
export interface SimState {
  ws_connections: number;
  jwt_ttl_ms: number;
  faults: FaultsView;
  accounts: AccountSnapshot[];
  markets: { market: string; mid: string | null; mark_price: string | null; best_bid: string | null; best_ask: string | null }[];
}

/**
 * The simulator's admin actions, for tests and paper mode only (never part of
 * Paradex's API): the same object backs the HTTP `/admin/` routes and
 * `RunningParadexSim.admin`. Errors are ParadexErrors (`VALIDATION_ERROR` for
 * bad input, `ACCOUNT_NOT_FOUND`, `MARKET_NOT_FOUND`).
 */
export interface ParadexSimAdmin {
  /**
   * Registers the standard account of a STARK public key (`0x…`, the x-coordinate) funded with
   * `collateral` USDC (default "0"; ignored when the account exists). The address is derived as
   * Paradex does (paradex.md §1), so a client can recompute it.
   */
  createAccount(opts: { publicKey: string; collateral?: string }): { address: string };
  /** Adds `amount` USDC (negative = withdrawal) to an account; returns the new collateral. */
  deposit(address: string, amount: string): string;
  /** Sets a market's mid (USD, rounded to the tick); the ladders re-quote at once. Returns the mid set. */
  setMid(market: string, price: string): string;
  /** The next `count` orders come back CLOSED with `cancelReason` (default NOT_ENOUGH_MARGIN). */
  rejectNextOrders(count: number, cancelReason?: string): FaultsView;
  /** The next `count` REST requests under /v1/ get HTTP 429. */
  rateLimitBurst(count: number): FaultsView;
  /** Terminates every WebSocket connection now. */
  dropWebSockets(): void;
  /** Order placement / cancellation answers come `ms` later (0 = off). */
  ackDelay(ms: number): FaultsView;
  /** Crossing orders fill at most this fraction (0–1) of their size; null = off. */
  fillFraction(fraction: number | null): FaultsView;
  /** Every JWT issued so far stops verifying (401 on REST; WS connections already authenticated stay so). */
  expireJwts(): void;
  /** Lifetime of JWTs issued from now on, ms (default 300,000). */
  setJwtTtl(ms: number): void;
  /** Arms faults from the snake_case JSON spec (see `faults.ts`). */
  setFaults(spec: FaultSpec): FaultsView;
  /** Disarms every fault (the JWT TTL is kept). */
  clearFaults(): FaultsView;
  /** One account's collateral, margin, positions and open orders. */
  account(address: string): AccountSnapshot;
  /** Accounts, markets, faults and connections. */
  state(): SimState;
  /**
   * Every fill of every user account still in the history (the last 1 000 per account), oldest
   * first, as `/v1/fills` entries — the venue's own record, for drills and tests comparing it with
   * what a client recorded.
   */
  userFills(): ReturnType<typeof fillJson>[];
}

function decimal(value: unknown, field: string): Decimal {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) throw new ParadexError('VALIDATION_ERROR', `${field}: must be a decimal string`);
  return new Decimal(value);
}

/** Builds the admin of a venue; `ws` drops and counts WebSocket connections. */
export function createSimAdmin(venue: ParadexExchange, ws: { dropAll(): void; connectionCount(): number }): ParadexSimAdmin {
  const { engine, faults } = venue;
  const fmt = (v: Decimal | null | undefined) => (v ? v.toFixed() : null);
  const requireAccount = (address: string) => {
    const account = venue.registry.get(address);
    if (!account) throw new ParadexError('ACCOUNT_NOT_FOUND', `address: ${address} is not a registered account`, 404);
    return account;
  };
  const arm = (spec: FaultSpec) => {
    const r = faultSpecSchema.safeParse(spec);
    if (!r.success) throw new ParadexError('VALIDATION_ERROR', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    faults.set(r.data);
    if (r.data.drop_ws) ws.dropAll();
    if (r.data.expire_jwts) venue.jwt.expireAll();
    if (r.data.jwt_ttl_ms !== undefined) venue.jwt.setTtl(r.data.jwt_ttl_ms);
    return faults.view();
  };
  const snapshot = (address: string): AccountSnapshot => {
    const a = requireAccount(address);
    const m = engine.margin(a.engineId);
    return {
      address: a.address,
      publicKey: a.publicKey,
      collateral: m.collateral.toFixed(),
      equity: m.equity.toFixed(),
      available: m.available.toFixed(),
      openOrders: venue.liveOrders(a).length,
      positions: [...engine.ledger.get(a.engineId)!.positions].map(([id, p]) => ({
        market: venue.marketById(id)!.spec.symbol,
        size: p.size.toFixed(),
        averageEntryPrice: p.avgEntry.toFixed(),
        realizedPnl: p.realizedPnl.toFixed(),
      })),
    };
  };
  return {
    createAccount({ publicKey, collateral }) {
      const amount = decimal(collateral ?? '0', 'collateral');
      if (amount.isNeg()) throw new ParadexError('VALIDATION_ERROR', 'collateral: must not be negative');
      if (typeof publicKey !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(publicKey)) throw new ParadexError('PUBLIC_KEY_INVALID', 'publicKey: expected 0x-hex (the STARK public key)');
      try {
        return { address: venue.openAccount(publicKey, amount).address };
      } catch (err) {
        throw new ParadexError('PUBLIC_KEY_INVALID', `publicKey: ${(err as Error).message}`);
      }
    },
    deposit(address, amount) {
      const a = requireAccount(address);
      const delta = decimal(amount, 'amount');
      const collateral = engine.adjustCollateral(a.engineId, delta).toFixed();
      venue.transfers.record(a.address, delta, venue.clock.now());
      return collateral;
    },
    setMid(symbol, price) {
      const market = venue.market(symbol);
      if (!market) throw new ParadexError('MARKET_NOT_FOUND', `market: ${symbol} is not a market`, 404);
      const mid = decimal(price, 'price').toDecimalPlaces(market.tickSize.decimalPlaces());
      if (!mid.gt(0)) throw new ParadexError('VALIDATION_ERROR', 'price: must be at least one tick');
      venue.setMid(market, mid);
      return mid.toFixed();
    },
    rejectNextOrders: (count, cancelReason = DEFAULT_REJECT_REASON) => arm({ reject_orders: { count, cancel_reason: cancelReason } }),
    rateLimitBurst: (count) => arm({ rate_limit: { count } }),
    dropWebSockets: () => void arm({ drop_ws: true }),
    ackDelay: (ms) => arm({ ack_delay_ms: ms }),
    fillFraction: (fraction) => arm({ fill_fraction: fraction }),
    expireJwts: () => void arm({ expire_jwts: true }),
    setJwtTtl: (ms) => void arm({ jwt_ttl_ms: ms }),
    setFaults: arm,
    clearFaults() {
      faults.clear();
      return faults.view();
    },
    account: snapshot,
    userFills() {
      return venue.registry
        .all()
        .flatMap((a) => venue.fills(a).map(fillJson))
        .sort((x, y) => x.created_at - y.created_at || x.id.localeCompare(y.id));
    },
    state() {
      return {
        ws_connections: ws.connectionCount(),
        jwt_ttl_ms: venue.jwt.ttl,
        faults: faults.view(),
        accounts: venue.registry.all().map((a) => snapshot(a.address)),
        markets: venue.markets().map((m) => {
          const book = engine.book(m.engine.id);
          return {
            market: m.spec.symbol,
            mid: fmt(venue.liquidity?.mid(m.engine.id)),
            mark_price: fmt(engine.markPrice(m.engine.id)),
            best_bid: fmt(book.best('buy')?.price),
            best_ask: fmt(book.best('sell')?.price),
          };
        }),
      };
    },
  };
}
