/**
 * Test support for tri-hedge-hold runs on the built-in Lighter simulator:
 * a real SQLite file, three paper accounts, the real engine, venue clients
 * and simulator on loopback, the wall clock and short timings.
 */
import Decimal from 'decimal.js';
import { join } from 'node:path';
import pino from 'pino';
import type { Account } from '../../src/shared/schemas/account';
import type { Clock } from '../../src/main/core/clock';
import { Engine } from '../../src/main/core/engine/engine';
import { PaperLighter } from '../../src/main/core/venues/lighter/paper-lighter';
import type { RunEvent } from '../../src/shared/schemas/runs';
import type { Notifier } from '../../src/main/core/notify/notifier';
import { NullNotifier } from '../../src/main/core/notify/null-notifier';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
import { openDatabase, type OpenDatabase } from '../../src/main/core/store/database';
import { paperEngine } from '../helpers/paper-engine';
import { tempDir } from '../helpers/temp-dir';

export { eventsOf } from '../helpers/run-events';
export { until } from '../helpers/until';

/** Minimum order size (base units) of the default ETH and BTC markets near their simulated prices. */
export const MIN_ORDER: Record<string, Decimal> = { ETH: new Decimal('0.005'), BTC: new Decimal('0.0001') };

/** A fast tri_hedge_hold config in the original format: holds of seconds, short delays, run_once, ETH and BTC. */
export function fastConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    hold_minutes: 0.03,
    entry_price_offset_bps: -3,
    exit_price_offset_bps: -3,
    slice_delay_seconds: 0.05,
    slice_delay_jitter_seconds: 0.05,
    slice_fill_timeout: 3,
    order_poll_interval: 1,
    pause_between_symbols: 0.2,
    random_split_range: [0.45, 0.55],
    primary_time_in_force: 'GTC',
    run_once: true,
    coinlist: [
      { symbol: 'ETH', target_notional: 60, slice_notional: 30 },
      { symbol: 'BTC', target_notional: 60, slice_notional: 30 },
    ],
    ...overrides,
  };
}

/** One test's world: database, accounts, simulator, engine and every run event. */
export interface TriHedgeWorld {
  db: OpenDatabase;
  dbPath: string;
  paper: PaperLighter;
  engine: Engine;
  accounts: Account[];
  events: RunEvent[];
  /** A new engine on the same database and simulator (a restart); its events go to `events` too. */
  restart(opts?: { notifier?: Notifier }): Engine;
  /** Net position per symbol across the three accounts and each account's size, from the simulator. */
  positions(): Promise<Map<string, { net: Decimal; sizes: Decimal[] }>>;
  close(): Promise<void>;
}

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * Moves the simulated market through every primary slice as soon as it
 * rests (the mid 6 bps down for an entry buy, up for an exit sell, through
 * the admin API), so maker fills come at once instead of waiting for the
 * random walk: tests stay fast and deterministic in their phases.
 */
function moveMarketThroughSlices(paper: PaperLighter, events: { on(listener: (e: RunEvent) => void): void }): void {
  events.on((e) => {
    if (e.type !== 'order' || e.order.status !== 'open' || (e.purpose !== 'entry' && e.purpose !== 'exit')) return;
    const down = e.purpose === 'entry';
    setImmediate(() => {
      void paper.simulator().then((sim) => {
        const market = sim.admin.state().markets.find((m) => m.symbol === e.order.symbol);
        if (!market?.mid) return;
        sim.admin.setMid(market.market_id, new Decimal(market.mid).times(down ? 0.9994 : 1.0006).toFixed(8));
      });
    });
  });
}

/** Starts a world; pass `paper` to share a simulator between worlds; `moveMarket` fills every slice at once. */
export async function startWorld(opts: { notifier?: Notifier; paper?: PaperLighter; clock?: Clock; seed?: number; moveMarket?: boolean } = {}): Promise<TriHedgeWorld> {
  const dir = tempDir();
  const dbPath = join(dir.path, 'hedgedesk.db');
  const db = openDatabase(dbPath);
  const repo = new AccountsRepository(db.db);
  const accounts = ['A', 'B', 'C'].map((label) => repo.create({ venue: 'lighter', label: `Paper ${label}`, mode: 'paper', identifiers: {} }));
  const paper = opts.paper ?? new PaperLighter({ seed: opts.seed ?? 11 });
  const events: RunEvent[] = [];
  const engines: Engine[] = [];
  const listeners: ((e: RunEvent) => void)[] = [];
  if (opts.moveMarket ?? true) moveMarketThroughSlices(paper, { on: (l) => listeners.push(l) });
  const make = (notifier: Notifier = opts.notifier ?? new NullNotifier()) => {
    const engine = paperEngine({ db, paper, notifier, logger, clock: opts.clock, seed: opts.seed ?? 11 });
    engine.onEvent((e) => {
      events.push(e);
      for (const l of listeners) l(e);
    });
    engines.push(engine);
    return engine;
  };
  const engine = make();
  return {
    db,
    dbPath,
    paper,
    engine,
    accounts,
    events,
    restart: (o = {}) => make(o.notifier),
    async positions() {
      const sim = await paper.simulator();
      const state = sim.admin.state();
      const out = new Map<string, { net: Decimal; sizes: Decimal[] }>();
      for (const symbol of Object.keys(MIN_ORDER)) {
        const sizes = accounts.map((a) => {
          const index = paper.simAccountIndex(a.id);
          return new Decimal(state.accounts.find((s) => s.account_index === index)?.positions.find((p) => p.symbol === symbol)?.size ?? '0');
        });
        out.set(symbol, { net: sizes.reduce((s, v) => s.plus(v), new Decimal(0)), sizes });
      }
      return out;
    },
    async close() {
      for (const e of engines) await e.close();
      if (!opts.paper) await paper.close();
      db.db.close();
      dir.remove();
    },
  };
}
