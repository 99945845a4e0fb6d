/**
 * Test support for cross-venue-hedge runs: a real SQLite file, the real
 * engine and two paper accounts, each on its OWN simulator (two venues on
 * loopback, so faults and prices can be set per leg): two Lighter
 * simulators, or a Paradex simulator (first account, with a StarkNet key
 * registered through its admin) and a Lighter one. Real venue clients, the
 * wall clock and short timings.
 */
import Decimal from 'decimal.js';
import { join } from 'node:path';
import pino from 'pino';
import { ec } from 'starknet';
import type { Account } from '../../src/shared/schemas/account';
import type { CycleRecord } from '../../src/shared/schemas/cross-venue-hedge';
import { systemClock } from '../../src/main/core/clock';
import { Engine } from '../../src/main/core/engine/engine';
import { PaperLighter } from '../../src/main/core/venues/lighter/paper-lighter';
import { createVenueProvider, type VenueProvider } from '../../src/main/core/engine/venue-provider';
import type { RunningLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';
import { startParadexSim, type RunningParadexSim } from '../../src/main/core/sim/paradex/paradex-sim';
import type { Venue } from '../../src/main/core/venues/venue';
import { createParadexVenue } from '../../src/main/core/venues/paradex/paradex-venue';
import { NullNotifier } from '../../src/main/core/notify/null-notifier';
import { Redactor } from '../../src/main/core/log/redactor';
import { EnvSecretStore } from '../../src/main/core/secrets/env-secret-store';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
import { openDatabase, type OpenDatabase } from '../../src/main/core/store/database';
import { BUILT_IN_STRATEGIES } from '../../src/main/core/strategies';
import type { RunEvent } from '../../src/shared/schemas/runs';
import { tempDir } from '../helpers/temp-dir';
import { until as waitUntil } from '../helpers/until';

/** A fast config: ETH, 60 USDC a leg, 1 s holds, far take-profit / stop-loss, short cooldown. */
export function fastCrossConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ticker: 'ETH', margin: 60, hold_time: 1, take_profit: 50, stop_loss: 50, cooldown: 0.3, ...overrides };
}

/** One test's world: database, two accounts on two simulators, engine, every run event. */
export interface CrossWorld {
  db: OpenDatabase;
  engine: Engine;
  /** A new engine on the same database and simulators (a restart after `engine.close()`); its events go to `events` too. */
  restart(): Engine;
  /** The first (default long) and the second (default short) account. */
  accounts: [Account, Account];
  /** The Lighter simulator of account `index` (throws for the Paradex account). */
  lighter(index: 0 | 1): RunningLighterSim;
  /** The Paradex simulator of the first account (throws in a Lighter-only world). */
  paradex(): RunningParadexSim;
  events: RunEvent[];
  /** Each account's signed ETH (or `symbol`) position on its simulator, in account order. */
  positions(symbol?: string): [Decimal, Decimal];
  /** The `cycle` events of a run, in order. */
  cycles(runId: string): (CycleRecord & { at: number })[];
  /** Moves the mid of `symbol` on one account's simulator by a factor (1.05 = +5 %). */
  moveMid(index: 0 | 1, factor: number, symbol?: string): void;
  close(): Promise<void>;
}

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * Starts a world; `collateral` per account (USDC), default 10 000 each;
 * `paradex`: the first account trades on a Paradex simulator (ETH mid 3000).
 */
export async function startCrossWorld(opts: { collateral?: [string, string]; seed?: number; paradex?: boolean } = {}): Promise<CrossWorld> {
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'hedgedesk.db'));
  const repo = new AccountsRepository(db.db);
  const first = opts.paradex ? 'paradex' : 'lighter';
  const accounts = [
    repo.create({ venue: first, label: 'Paper X', mode: 'paper', identifiers: {} }),
    repo.create({ venue: 'lighter', label: 'Paper Y', mode: 'paper', identifiers: {} }),
  ] as [Account, Account];
  const papers = [0, 1].map((i) => (i === 0 && opts.paradex ? null : new PaperLighter({ seed: (opts.seed ?? 5) + i, collateral: opts.collateral?.[i] })));
  const sims = await Promise.all(papers.map((p) => p?.simulator() ?? null));
  const providers = papers.map((paper) => (paper ? createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger, paper: { lighter: paper } }) : null));
  let paradexSim: RunningParadexSim | null = null;
  let paradexAddress = '';
  let paradexVenue: Promise<Venue> | null = null;
  if (opts.paradex) {
    paradexSim = await startParadexSim({ port: 0, seed: opts.seed ?? 5 });
    paradexSim.admin.setMid('ETH-USD-PERP', '3000');
    const privateKey = `0x${Buffer.from(ec.starkCurve.utils.randomPrivateKey()).toString('hex')}`;
    paradexAddress = paradexSim.admin.createAccount({ publicKey: ec.starkCurve.getStarkKey(privateKey), collateral: opts.collateral?.[0] ?? '10000' }).address;
    const venue = createParadexVenue({ accountId: accounts[0].id, baseUrl: `${paradexSim.url}/v1`, wsUrl: paradexSim.wsUrl, l2PrivateKey: privateKey, l2Address: paradexAddress, clock: systemClock, logger });
    paradexVenue = venue.connect().then(() => venue);
  }
  const venues: VenueProvider = {
    venueFor: (account, overrides) => {
      const i = accounts.findIndex((a) => a.id === account.id);
      return providers[i]?.venueFor(account, overrides) ?? paradexVenue!;
    },
    close: async () => {
      await Promise.all(providers.map((p) => p?.close()));
      await (await paradexVenue)?.close();
    },
  };
  const events: RunEvent[] = [];
  const engines: Engine[] = [];
  const make = () => {
    const engine = new Engine({ db: db.db, venues, notifier: new NullNotifier(), clock: systemClock, logger, strategies: BUILT_IN_STRATEGIES, seed: () => 1 });
    engine.onEvent((e) => events.push(e));
    engines.push(engine);
    return engine;
  };
  const engine = make();
  const market = (sim: RunningLighterSim, symbol: string) => sim.admin.state().markets.find((m) => m.symbol === symbol)!;
  return {
    db,
    engine,
    restart: make,
    accounts,
    events,
    lighter(index) {
      const sim = sims[index];
      if (!sim) throw new Error(`account ${index} is not on a Lighter simulator`);
      return sim;
    },
    paradex() {
      if (!paradexSim) throw new Error('no Paradex simulator in this world');
      return paradexSim;
    },
    positions(symbol = 'ETH') {
      return [0, 1].map((i) => {
        if (!papers[i]) return new Decimal(paradexSim!.admin.account(paradexAddress).positions.find((p) => p.market === `${symbol}-USD-PERP`)?.size ?? '0');
        const index = papers[i].simAccountIndex(accounts[i]!.id);
        const state = sims[i]!.admin.state();
        return new Decimal(state.accounts.find((s) => s.account_index === index)?.positions.find((p) => p.symbol === symbol)?.size ?? '0');
      }) as [Decimal, Decimal];
    },
    cycles(runId) {
      return events.filter((e): e is Extract<RunEvent, { type: 'cycle' }> => e.type === 'cycle' && e.runId === runId);
    },
    moveMid(index, factor, symbol = 'ETH') {
      const sim = sims[index];
      if (!sim) {
        const m = paradexSim!.admin.state().markets.find((x) => x.market === `${symbol}-USD-PERP`)!;
        paradexSim!.admin.setMid(m.market, new Decimal(m.mid!).times(factor).toFixed(2));
        return;
      }
      const m = market(sim, symbol);
      sim.admin.setMid(m.market_id, new Decimal(m.mid!).times(factor).toFixed(8));
    },
    async close() {
      for (const e of engines) await e.close();
      await Promise.all(papers.map((p) => p?.close()));
      await paradexSim?.close();
      db.db.close();
      dir.remove();
    },
  };
}

/** The ids of the world's two accounts, in order (the first goes long unless reversed). */
export function accountIdsOf(w: CrossWorld): string[] {
  return w.accounts.map((a) => a.id);
}

/** A run's cycle records that ended (closed or failed), in order. */
export function endedCycles(w: CrossWorld, runId: string): (CycleRecord & { at: number })[] {
  return w.cycles(runId).filter((c) => c.phase === 'closed' || c.phase === 'failed');
}

/** A run's cycle records in the holding phase, in order. */
export function holdingCycles(w: CrossWorld, runId: string): (CycleRecord & { at: number })[] {
  return w.cycles(runId).filter((c) => c.phase === 'holding');
}

/** Waits until `pred` holds, 20 s at most by default (see tests/helpers/until). */
export function until(pred: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return waitUntil(pred, what, timeoutMs);
}
