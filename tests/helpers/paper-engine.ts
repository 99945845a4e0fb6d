import type { Logger } from '../../src/main/core/log/logger';
import { systemClock, type Clock } from '../../src/main/core/clock';
import { Engine } from '../../src/main/core/engine/engine';
import type { PaperLighter } from '../../src/main/core/venues/lighter/paper-lighter';
import { createVenueProvider } from '../../src/main/core/engine/venue-provider';
import { Redactor } from '../../src/main/core/log/redactor';
import type { Notifier } from '../../src/main/core/notify/notifier';
import { EnvSecretStore } from '../../src/main/core/secrets/env-secret-store';
import type { OpenDatabase } from '../../src/main/core/store/database';
import { BUILT_IN_STRATEGIES } from '../../src/main/core/strategies';

/** What {@link paperEngine} runs on. */
export interface PaperEngineOptions {
  db: OpenDatabase;
  /** The built-in Lighter simulator the paper accounts trade on. */
  paper: PaperLighter;
  notifier: Notifier;
  logger: Logger;
  /** The engine's clock (default the wall clock); venue clients always use the wall clock. */
  clock?: Clock;
  /** Seed of every run's random source. */
  seed: number;
}

/** An engine with the built-in strategies whose paper accounts trade on `paper` (no keychain: empty env secrets). */
export function paperEngine(opts: PaperEngineOptions): Engine {
  return new Engine({
    db: opts.db.db,
    venues: createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger: opts.logger, paper: { lighter: opts.paper } }),
    notifier: opts.notifier,
    clock: opts.clock ?? systemClock,
    logger: opts.logger,
    strategies: BUILT_IN_STRATEGIES,
    seed: () => opts.seed,
  });
}
