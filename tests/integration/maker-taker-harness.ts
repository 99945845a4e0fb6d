/**
 * Test support for maker-taker-hedge runs on the built-in Lighter simulator:
 * real SQLite files, paper accounts, the real engine, venue clients and
 * simulator on loopback, short timings. A "world" is one HedgeDesk (one
 * database, one engine); two worlds may share a simulator (two machines
 * trading one venue).
 */
import Decimal from 'decimal.js';
import { join } from 'node:path';
import pino from 'pino';
import type { Clock } from '../../src/main/core/clock';
import { Engine } from '../../src/main/core/engine/engine';
import { PaperLighter } from '../../src/main/core/venues/lighter/paper-lighter';
import type { Notification, Notifier } from '../../src/main/core/notify/notifier';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
import { openDatabase, type OpenDatabase } from '../../src/main/core/store/database';
import type { Account } from '../../src/shared/schemas/account';
import type { MakerTakerEvent } from '../../src/shared/schemas/maker-taker-hedge';
import type { RunEvent } from '../../src/shared/schemas/runs';
import { eventsOf } from '../helpers/run-events';
import { paperEngine } from '../helpers/paper-engine';
import { tempDir } from '../helpers/temp-dir';

export { eventsOf } from '../helpers/run-events';
export { until } from '../helpers/until';

/** ETH on the simulator: 4 size decimals, so `quantity` 100 (integer units) is 0.01 ETH; its minimum order is 0.005 ETH. */
export const ETH_MIN_ORDER = new Decimal('0.005');

/** A fast maker-taker-hedge config: ETH, 0.01 ETH per maker order at the best bid, short timings. */
export function fastConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { market: 'ETH', quantity: 100, depth: 1, retry_times: 2, poll_interval: 0.5, order_timeout: 5, slippage_bps: 50, ack_timeout: 10, max_cycles: 3, ...overrides };
}

/** Records every notification. */
export class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  notify(n: Notification): void {
    this.sent.push(n);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
}

/** One HedgeDesk: database, accounts (by label), engine and every run event. */
export interface MakerTakerWorld {
  db: OpenDatabase;
  paper: PaperLighter;
  engine: Engine;
  /** Paper accounts "Maker A" and "Taker B" (in that order). */
  accounts: Account[];
  events: RunEvent[];
  notifier: RecordingNotifier;
  /** A new engine on the same database and simulator (a restart); its events go to `events` too. */
  restart(): Engine;
  /** The account's position in `symbol` on the simulator (signed, base units). */
  position(account: Account, symbol?: string): Promise<Decimal>;
  close(): Promise<void>;
}

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** The ETH market id on the simulator. */
export const ETH_MARKET_ID = 0;

/**
 * Moves the simulated mid 6 bps through every maker order of A as soon as it
 * rests (down for a buy, up for a reduce-only sell), so the market makers'
 * ladder fills it at once and B's hedge meets their bids.
 */
export function fillMakerOrders(paper: PaperLighter): (e: RunEvent) => void {
  return (e) => {
    if (e.type !== 'order' || e.order.status !== 'open' || (e.purpose !== 'entry' && e.purpose !== 'exit')) return;
    const down = e.purpose === 'entry';
    setImmediate(() => void moveMid(paper, down ? 0.9994 : 1.0006));
  };
}

/** Multiplies the simulated ETH mid by `factor`. */
export async function moveMid(paper: PaperLighter, factor: number): Promise<void> {
  const sim = await paper.simulator();
  const market = sim.admin.state().markets.find((m) => m.market_id === ETH_MARKET_ID);
  if (market?.mid) sim.admin.setMid(ETH_MARKET_ID, new Decimal(market.mid).times(factor).toFixed(2));
}

/** Starts a world; pass `paper` to share a simulator with another world; `moveMarket` fills A's maker orders at once (default true). */
export async function startWorld(opts: { paper?: PaperLighter; clock?: Clock; seed?: number; moveMarket?: boolean } = {}): Promise<MakerTakerWorld> {
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'hedgedesk.db'));
  const repo = new AccountsRepository(db.db);
  const accounts = ['Maker A', 'Taker B'].map((label) => repo.create({ venue: 'lighter', label, mode: 'paper', identifiers: {} }));
  const paper = opts.paper ?? new PaperLighter({ seed: opts.seed ?? 7 });
  const events: RunEvent[] = [];
  const notifier = new RecordingNotifier();
  const mover = (opts.moveMarket ?? true) ? fillMakerOrders(paper) : null;
  const engines: Engine[] = [];
  const make = () => {
    const engine = paperEngine({ db, paper, notifier, logger, clock: opts.clock, seed: opts.seed ?? 7 });
    engine.onEvent((e) => {
      events.push(e);
      mover?.(e);
    });
    engines.push(engine);
    return engine;
  };
  const engine = make();
  return {
    db,
    paper,
    engine,
    accounts,
    events,
    notifier,
    restart: make,
    async position(account, symbol = 'ETH') {
      const sim = await paper.simulator();
      const index = paper.simAccountIndex(account.id);
      const entry = sim.admin.state().accounts.find((s) => s.account_index === index);
      return new Decimal(entry?.positions.find((p) => p.symbol === symbol)?.size ?? '0');
    },
    async close() {
      for (const e of engines) await e.close();
      if (!opts.paper) await paper.close();
      db.db.close();
      dir.remove();
    },
  };
}

/** The last `maker-taker` event of a run. */
export function lastState(events: readonly RunEvent[], runId: string): MakerTakerEvent | undefined {
  return eventsOf(events, 'maker-taker', runId).at(-1);
}
