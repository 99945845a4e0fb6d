import type { Database } from 'better-sqlite3';
import type { WsAgentFor } from '../notify/ws-proxy-agent';
import type { Dispatcher } from 'undici';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Notifier } from '../notify/notifier';
import type { SecretStore } from '../secrets/secret-store';
import { BUILT_IN_STRATEGIES } from '../strategies';
import type { Venue as VenueId } from '../../../shared/schemas/venues';
import type { PaperVenues } from '../venues/venue-descriptor';
import { Engine } from './engine';
import { createVenueProvider } from './venue-provider';

/** What the app (core, CLI, demo) gives the engine. */
export interface EngineSetup {
  db: Database;
  secrets: SecretStore;
  logger: Logger;
  notifier: Notifier;
  /** Strategy time (default the wall clock). Venue clients always use the wall clock: signatures and expiries are real time. */
  clock?: Clock;
  /** Per venue, the paper venues its paper accounts trade on (default: the process's one of each venue). */
  paper?: Partial<Record<VenueId, PaperVenues>>;
  /** HedgeDesk's data directory (official signer search). */
  dataDir?: string;
  /** Outbound HTTP dispatcher (proxy) for live venues. */
  dispatcher?: Dispatcher;
  /** WebSocket agents (proxy tunnels) for live venues' streams. */
  wsAgentFor?: WsAgentFor;
  /** Seed of each run's random source (default random). */
  seed?: () => number;
  /** Per venue, its client's timing options (tests shorten reconnect backoffs). */
  timing?: Partial<Record<VenueId, unknown>>;
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

/** An {@link Engine} with every built-in strategy and the default venue provider (paper → each venue's built-in simulator, live → its mainnet). */
export function createEngine(setup: EngineSetup): Engine {
  return new Engine({
    db: setup.db,
    venues: createVenueProvider({
      secrets: setup.secrets,
      clock: systemClock,
      logger: setup.logger,
      paper: setup.paper,
      dataDir: setup.dataDir,
      dispatcher: setup.dispatcher,
      wsAgentFor: setup.wsAgentFor,
      timing: setup.timing,
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
