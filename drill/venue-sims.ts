/**
 * The venues of the drill: `hedgedesk sim lighter|paradex` as their own
 * processes on 127.0.0.1, and their admin API (state, user trades / fills,
 * faults, mid price), which is the venue's truth the drill measures against.
 * Admin calls carry `Authorization: Bearer <token>` when the simulator was
 * started with `--admin-token` (older simulators ignore the header).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Decimal from 'decimal.js';
import { DrillChild, HEDGEDESK_BIN } from './child-process';

/** A venue the drill runs a simulator of. */
export type SimVenue = 'lighter' | 'paradex';

/** One user position as the venue holds it, signed base units. */
export interface VenuePosition {
  /** The simulator's account (Lighter account index, Paradex address). */
  account: string;
  /** Base asset, the same on both venues ("ETH"). */
  asset: string;
  size: Decimal;
}

/** One side of one trade of a user account, as the venue recorded it. */
export interface VenueFill {
  venue: SimVenue;
  /** The simulator's account (Lighter account index, Paradex address). */
  account: string;
  /** Lighter `trade_id`, Paradex fill `id`. */
  fillId: string;
  /** The venue's order id the fill belongs to (Lighter order index, Paradex order id). */
  orderId: string;
  asset: string;
  side: 'buy' | 'sell';
  size: Decimal;
  price: Decimal;
}

/** What one poll of a simulator's admin state yields. */
export interface VenueSnapshot {
  positions: VenuePosition[];
  /** Mark price per base asset, USDC. */
  marks: Map<string, Decimal>;
  /** User accounts with resting orders, and how many. */
  openOrders: Map<string, number>;
}

/** One minimum order of a market, the bound of "hedged": max(minimum size, minimum notional / price) on the step. */
export interface MinimumOrder {
  minSize: Decimal;
  minNotional: Decimal;
  step: Decimal;
}

/** Base asset of a venue symbol: Lighter "ETH", Paradex "ETH-USD-PERP" → "ETH". */
export function assetOf(symbol: string): string {
  return symbol.replace(/-USD-PERP$/, '');
}

/** The size of one minimum order at `price` (base units). */
export function minimumOrderSize(m: MinimumOrder, price: Decimal): Decimal {
  const forNotional = price.gt(0) ? m.minNotional.div(price).div(m.step).ceil().times(m.step) : m.minSize;
  return Decimal.max(m.minSize, forNotional, m.step);
}

/** Options of {@link startSim}. */
export interface SimProcessOptions {
  venue: SimVenue;
  /** Port to bind (0 = a free one; a restart passes the previous port so clients reconnect). */
  port?: number;
  /** Lighter: requests per rolling minute (0 = unlimited). Paradex: false turns the published limits off. */
  rateLimit?: number | false;
  /** Folder the simulator persists its state in (restarts keep accounts, positions, ids), when supported. */
  stateDir?: string;
  /** Admin token (default: a fresh random one), when supported. */
  adminToken?: string;
  seed?: number;
  logFile: string;
}

let simFlags: Set<string> | null = null;

/** Flags `hedgedesk sim` understands (read once from its --help), to use `--admin-token` / `--state-dir` only where they exist. */
function supportedSimFlags(): Set<string> {
  if (simFlags) return simFlags;
  const r = spawnSync(process.execPath, [HEDGEDESK_BIN, 'sim', '--help'], { encoding: 'utf8', timeout: 30_000 });
  const help = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const r2 = spawnSync(process.execPath, [HEDGEDESK_BIN, '--help'], { encoding: 'utf8', timeout: 30_000 });
  simFlags = new Set([...`${help}${r2.stdout ?? ''}`.matchAll(/--[a-z][a-z-]+/g)].map((m) => m[0]));
  return simFlags;
}

/** A running simulator process and its admin client. */
export class SimProcess {
  private constructor(
    readonly venue: SimVenue,
    readonly child: DrillChild,
    /** `http://127.0.0.1:<port>`. */
    readonly url: string,
    readonly port: number,
    /** The admin token, or null when the simulator takes none. */
    readonly adminToken: string | null,
    private readonly options: SimProcessOptions,
  ) {}

  /**
   * Starts `hedgedesk sim <venue>` and waits for its URL and account lines (30 s at most).
   * @throws Error with the output when it does not come up.
   */
  static async start(opts: SimProcessOptions): Promise<SimProcess> {
    const flags = supportedSimFlags();
    const token = flags.has('--admin-token') ? (opts.adminToken ?? randomBytes(16).toString('hex')) : null;
    const args = ['sim', opts.venue, '--port', String(opts.port ?? 0), '--seed', String(opts.seed ?? 7), '--accounts', '0'];
    if (opts.venue === 'lighter') args.push('--rate-limit', String(opts.rateLimit === false ? 0 : (opts.rateLimit ?? 0)));
    else if (opts.rateLimit === false || opts.rateLimit === 0) args.push('--rate-limit', '0');
    if (token) args.push('--admin-token', token);
    if (opts.stateDir && flags.has('--state-dir')) args.push('--state-dir', opts.stateDir);
    const child = DrillChild.start(`${opts.venue} simulator`, args, { logFile: opts.logFile });
    try {
      const m = await child.waitFor(/simulator listening on (http:\/\/127\.0\.0\.1:(\d+))/, 30_000);
      await child.waitFor(/websocket: \S+\n/, 5_000);
      return new SimProcess(opts.venue, child, m[1]!, Number(m[2]), token, opts);
    } catch (err) {
      await child.stop(2_000);
      throw err;
    }
  }

  /** The same simulator again on the same port and state folder (after {@link stop} or a kill). */
  restart(): Promise<SimProcess> {
    return SimProcess.start({ ...this.options, port: this.port, adminToken: this.adminToken ?? undefined });
  }

  /** Stops the simulator (SIGTERM: it saves its state), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    await this.child.stop(10_000);
    await this.child.closeLog();
  }

  /**
   * One admin call; resolves to the JSON body.
   * @throws Error with the status and body when the simulator refuses, or on timeout (5 s).
   */
  async admin(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (this.adminToken) headers.authorization = `Bearer ${this.adminToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(5_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${this.venue} admin ${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : null;
  }

  /** Arms faults (the venue's `POST /admin/faults` body). */
  async faults(spec: Record<string, unknown>): Promise<void> {
    await this.admin('POST', '/admin/faults', spec);
  }

  /** Disarms every fault. */
  async clearFaults(): Promise<void> {
    await this.admin('DELETE', '/admin/faults');
  }

  /** Sets the mid of a market by base asset ("ETH"); the ladders re-quote around it. */
  async setMid(asset: string, price: Decimal): Promise<void> {
    if (this.venue === 'lighter') {
      const id = (await this.lighterMarketIds()).get(asset);
      if (id === undefined) throw new Error(`lighter simulator: no market ${asset}`);
      await this.admin('POST', '/admin/mid', { market_id: id, price: price.toFixed() });
    } else await this.admin('POST', '/admin/mid', { market: `${asset}-USD-PERP`, price: price.toFixed() });
  }

  private marketIds: Map<string, number> | null = null;

  private async lighterMarketIds(): Promise<Map<string, number>> {
    if (this.marketIds) return this.marketIds;
    const state = (await this.admin('GET', '/admin/state')) as { markets: { market_id: number; symbol: string }[] };
    this.marketIds = new Map(state.markets.map((m) => [m.symbol, m.market_id]));
    return this.marketIds;
  }

  /** User positions, marks and resting-order counts from `GET /admin/state` (the sim's market makers left out). */
  async snapshot(): Promise<VenueSnapshot> {
    const positions: VenuePosition[] = [];
    const marks = new Map<string, Decimal>();
    const openOrders = new Map<string, number>();
    if (this.venue === 'lighter') {
      const s = (await this.admin('GET', '/admin/state')) as {
        accounts: { account_index: number; sim_maker: boolean; open_orders: number; positions: { symbol: string; size: string }[] }[];
        markets: { symbol: string; mark_price: string | null }[];
      };
      for (const a of s.accounts) {
        if (a.sim_maker) continue;
        if (a.open_orders > 0) openOrders.set(String(a.account_index), a.open_orders);
        for (const p of a.positions) if (!new Decimal(p.size).isZero()) positions.push({ account: String(a.account_index), asset: p.symbol, size: new Decimal(p.size) });
      }
      for (const m of s.markets) if (m.mark_price) marks.set(m.symbol, new Decimal(m.mark_price));
    } else {
      const s = (await this.admin('GET', '/admin/state')) as {
        accounts: { address: string; openOrders: number; positions: { market: string; size: string }[] }[];
        markets: { market: string; mark_price: string | null }[];
      };
      for (const a of s.accounts) {
        if (a.openOrders > 0) openOrders.set(a.address, a.openOrders);
        for (const p of a.positions) if (!new Decimal(p.size).isZero()) positions.push({ account: a.address, asset: assetOf(p.market), size: new Decimal(p.size) });
      }
      for (const m of s.markets) if (m.mark_price) marks.set(assetOf(m.market), new Decimal(m.mark_price));
    }
    return { positions, marks, openOrders };
  }

  /** Every fill of a user account the venue recorded (Lighter `GET /admin/trades`, Paradex `GET /admin/fills`). */
  async fills(): Promise<VenueFill[]> {
    if (this.venue === 'lighter') {
      const ids = await this.lighterMarketIds();
      const state = (await this.admin('GET', '/admin/state')) as { accounts: { account_index: number; sim_maker: boolean }[] };
      const makers = new Set(state.accounts.filter((a) => a.sim_maker).map((a) => a.account_index));
      const { trades } = (await this.admin('GET', '/admin/trades')) as { trades: LighterAdminTrade[] };
      return lighterVenueFills(trades, makers, new Map([...ids].map(([s, id]) => [id, s])));
    }
    const { fills } = (await this.admin('GET', '/admin/fills')) as { fills: ParadexAdminFill[] };
    return paradexVenueFills(fills);
  }

  /** One minimum order per base asset, from the venue's public market list. */
  async minimums(): Promise<Map<string, MinimumOrder>> {
    const out = new Map<string, MinimumOrder>();
    if (this.venue === 'lighter') {
      const r = (await (await fetch(`${this.url}/api/v1/orderBookDetails`, { signal: AbortSignal.timeout(5_000) })).json()) as {
        order_book_details: { symbol: string; min_base_amount: string; min_quote_amount: string; size_decimals: number }[];
      };
      for (const m of r.order_book_details) {
        out.set(m.symbol, { minSize: new Decimal(m.min_base_amount), minNotional: new Decimal(m.min_quote_amount), step: new Decimal(1).div(new Decimal(10).pow(m.size_decimals)) });
      }
    } else {
      const r = (await (await fetch(`${this.url}/v1/markets`, { signal: AbortSignal.timeout(5_000) })).json()) as { results: { symbol: string; order_size_increment: string; min_notional: string }[] };
      for (const m of r.results) {
        const step = new Decimal(m.order_size_increment);
        out.set(assetOf(m.symbol), { minSize: step, minNotional: new Decimal(m.min_notional), step });
      }
    }
    return out;
  }
}

/** The fields of a Lighter `GET /admin/trades` entry the drill reads. */
export interface LighterAdminTrade {
  trade_id: number;
  market_id: number;
  size: string;
  price: string;
  ask_id: number;
  bid_id: number;
  ask_account_id: number;
  bid_account_id: number;
}

/** The fields of a Paradex `GET /admin/fills` entry the drill reads. */
export interface ParadexAdminFill {
  id: string;
  account: string;
  market: string;
  side: string;
  order_id: string;
  size: string;
  price: string;
}

/**
 * Lighter trades as user fills: one per side whose account is not one of
 * `makers` (the sim's market makers), so a trade between two user accounts
 * is two fills. `symbolOf` maps market ids to base assets.
 */
export function lighterVenueFills(trades: readonly LighterAdminTrade[], makers: ReadonlySet<number>, symbolOf: ReadonlyMap<number, string>): VenueFill[] {
  const out: VenueFill[] = [];
  for (const t of trades) {
    const common = { venue: 'lighter' as const, fillId: String(t.trade_id), asset: symbolOf.get(t.market_id) ?? String(t.market_id), size: new Decimal(t.size), price: new Decimal(t.price) };
    if (!makers.has(t.bid_account_id)) out.push({ ...common, account: String(t.bid_account_id), orderId: String(t.bid_id), side: 'buy' });
    if (!makers.has(t.ask_account_id)) out.push({ ...common, account: String(t.ask_account_id), orderId: String(t.ask_id), side: 'sell' });
  }
  return out;
}

/** Paradex user fills (`/v1/fills` entries) as venue fills. */
export function paradexVenueFills(fills: readonly ParadexAdminFill[]): VenueFill[] {
  return fills.map((f) => ({
    venue: 'paradex' as const,
    account: f.account,
    fillId: f.id,
    orderId: f.order_id,
    asset: assetOf(f.market),
    side: f.side === 'BUY' ? ('buy' as const) : ('sell' as const),
    size: new Decimal(f.size),
    price: new Decimal(f.price),
  }));
}
