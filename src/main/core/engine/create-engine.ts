import type { Database } from 'better-sqlite3';
import type { WsAgentFor } from '../notify/ws-proxy-agent';
import type { Dispatcher } from 'undici';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Notifier } from '../notify/notifier';
import type { SecretStore } from '../secrets/secret-store';
import { BUILT_IN_STRATEGIES } from '../strategies';
import type { LighterTiming } from '../venues/lighter/lighter-venue';
import { Engine } from './engine';
import type { PaperLighter } from './paper-lighter';
import type { PaperParadex } from './paper-paradex';
import { createVenueProvider } from './venue-provider';

/** What the app (core, CLI, demo) gives the engine. */
export interface EngineSetup {
  db: Database;
  secrets: SecretStore;
  logger: Logger;
  notifier: Notifier;
  /** Strategy time (default the wall clock). Venue clients always use the wall clock: signatures and expiries are real time. */
  clock?: Clock;
  /** Paper trading simulator (default: the process's one). */
  paper?: PaperLighter;
  /** Paper trading Paradex simulator (default: the process's one). */
  paperParadex?: PaperParadex;
  /** HedgeDesk's data directory (official signer search). */
  dataDir?: string;
  /** Outbound HTTP dispatcher (proxy) for live venues. */
  dispatcher?: Dispatcher;
  /** WebSocket agents (proxy tunnels) for live venues' streams. */
  wsAgentFor?: WsAgentFor;
  /** Seed of each run's random source (default random). */
  seed?: () => number;
  lighterTiming?: LighterTiming;
  /** Period of each running run's reconciliation with its venues, ms (default 60 s, see EngineOptions). */
  reconcileIntervalMs?: number;
  /** Window of every run's dead-man's switch, ms (Engine's `deadMansSwitchMs`); default from {@link deadMansSwitchFromEnv}, else 60 s. */
  deadMansSwitchMs?: number;
}

/** The environment variable that sets every run's dead-man's switch window, whole seconds (0 = none). */
export const DEAD_MANS_SWITCH_ENV = 'HEDGEDESK_DEAD_MANS_SWITCH_SECONDS';

/**
 * The dead-man's switch window from `HEDGEDESK_DEAD_MANS_SWITCH_SECONDS`, ms;
 * undefined when unset (the engine's default, 60 s).
 * @throws RangeError naming the variable for anything but whole seconds 0–86 400.
 */
export function deadMansSwitchFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[DEAD_MANS_SWITCH_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) > 86_400) throw new RangeError(`${DEAD_MANS_SWITCH_ENV} must be whole seconds from 0 (off) to 86400, got "${raw}"`);
  return Number(raw) * 1000;
}

/** An {@link Engine} with every built-in strategy and the default venue provider (paper → built-in simulator, live → Lighter mainnet). */
export function createEngine(setup: EngineSetup): Engine {
  return new Engine({
    db: setup.db,
    venues: createVenueProvider({
      secrets: setup.secrets,
      clock: systemClock,
      logger: setup.logger,
      paper: setup.paper,
      paperParadex: setup.paperParadex,
      dataDir: setup.dataDir,
      dispatcher: setup.dispatcher,
      wsAgentFor: setup.wsAgentFor,
      lighterTiming: setup.lighterTiming,
    }),
    notifier: setup.notifier,
    clock: setup.clock ?? systemClock,
    logger: setup.logger,
    strategies: BUILT_IN_STRATEGIES,
    seed: setup.seed,
    reconcileIntervalMs: setup.reconcileIntervalMs,
    deadMansSwitchMs: setup.deadMansSwitchMs ?? deadMansSwitchFromEnv(process.env),
  });
}
