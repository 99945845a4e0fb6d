/**
 * Test support for cross-venue-hedge runs: a real SQLite file, the real
 * engine and two paper Lighter accounts, each on its OWN built-in Lighter
 * simulator (two venues on loopback, so faults and prices can be set per
 * leg), the real Lighter client, the wall clock and short timings.
 */
import Decimal from 'decimal.js';
import { join } from 'node:path';
import pino from 'pino';
import type { Account } from '../../src/shared/schemas/account';
import type { CycleRecord } from '../../src/shared/schemas/cross-venue-hedge';
import { systemClock } from '../../src/main/core/clock';
import { Engine } from '../../src/main/core/engine/engine';
import { PaperLighter } from '../../src/main/core/engine/paper-lighter';
import { createVenueProvider, type VenueProvider } from '../../src/main/core/engine/venue-provider';
import type { RunningLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';
import { NullNotifier } from '../../src/main/core/notify/null-notifier';
import { Redactor } from '../../src/main/core/log/redactor';
import { EnvSecretStore } from '../../src/main/core/secrets/env-secret-store';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
import { openDatabase, type OpenDatabase } from '../../src/main/core/store/database';
import { BUILT_IN_STRATEGIES } from '../../src/main/core/strategies';
import type { RunEvent } from '../../src/shared/schemas/runs';
import { tempDir } from '../helpers/temp-dir';

/** A fast config: ETH, 60 USDC a leg, 1 s holds, far take-profit / stop-loss, short cooldown. */
export function fastCrossConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ticker: 'ETH', margin: 60, hold_time: 1, take_profit: 50, stop_loss: 50, cooldown: 0.3, ...overrides };
}

/** One test's world: database, two accounts on two simulators, engine, every run event. */
export interface CrossWorld {
  db: OpenDatabase;
  engine: Engine;
  /** The first (default long) and the second (default short) account. */
  accounts: [Account, Account];
  /** The simulator of each account, in account order. */
  sims: [RunningLighterSim, RunningLighterSim];
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

/** Starts a world; `collateral` per account (USDC), default 10 000 each. */
export async function startCrossWorld(opts: { collateral?: [string, string]; seed?: number } = {}): Promise<CrossWorld> {
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'hedgedesk.db'));
  const repo = new AccountsRepository(db.db);
  const accounts = ['X', 'Y'].map((l) => repo.create({ venue: 'lighter', label: `Paper ${l}`, mode: 'paper', identifiers: {} })) as [Account, Account];
  const papers = [0, 1].map((i) => new PaperLighter({ seed: (opts.seed ?? 5) + i, collateral: opts.collateral?.[i] })) as [PaperLighter, PaperLighter];
  const sims = (await Promise.all(papers.map((p) => p.simulator()))) as [RunningLighterSim, RunningLighterSim];
  const providers = papers.map((paper) => createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger, paper }));
  const venues: VenueProvider = {
    venueFor: (account, overrides) => providers[accounts.findIndex((a) => a.id === account.id)]!.venueFor(account, overrides),
    close: async () => void (await Promise.all(providers.map((p) => p.close()))),
  };
  const events: RunEvent[] = [];
  const engine = new Engine({ db: db.db, venues, notifier: new NullNotifier(), clock: systemClock, logger, strategies: BUILT_IN_STRATEGIES, seed: () => 1 });
  engine.onEvent((e) => events.push(e));
  const market = (sim: RunningLighterSim, symbol: string) => sim.admin.state().markets.find((m) => m.symbol === symbol)!;
  return {
    db,
    engine,
    accounts,
    sims,
    events,
    positions(symbol = 'ETH') {
      return [0, 1].map((i) => {
        const index = papers[i]!.simAccountIndex(accounts[i]!.id);
        const state = sims[i]!.admin.state();
        return new Decimal(state.accounts.find((s) => s.account_index === index)?.positions.find((p) => p.symbol === symbol)?.size ?? '0');
      }) as [Decimal, Decimal];
    },
    cycles(runId) {
      return events.filter((e): e is Extract<RunEvent, { type: 'cycle' }> => e.type === 'cycle' && e.runId === runId);
    },
    moveMid(index, factor, symbol = 'ETH') {
      const m = market(sims[index], symbol);
      sims[index].admin.setMid(m.market_id, new Decimal(m.mid!).times(factor).toFixed(8));
    },
    async close() {
      await engine.close();
      await Promise.all(papers.map((p) => p.close()));
      db.db.close();
      dir.remove();
    },
  };
}

/** Waits (bounded, wall clock) until `pred` holds. */
export async function until(pred: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
