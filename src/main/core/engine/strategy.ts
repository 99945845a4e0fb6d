import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/errors';
import type { AccountMode } from '../../../shared/schemas/account';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Notifier } from '../notify/notifier';
import type { Market, Position } from '../venues/venue';
import type { RandomSource } from './random-source';
import type { AccountReconciliation } from './reconcile';
import type { RecordingVenue } from './recording-venue';
import type { RiskGuard, RiskLimits } from './risk-guard';
import type { RunEventInput } from '../../../shared/schemas/runs';

/** One of a run's accounts, in its role (A, B, C…), trading through its recording venue. */
export interface RunAccount {
  role: string;
  accountId: string;
  label: string;
  mode: AccountMode;
  venue: RecordingVenue;
}

/** Persistence a strategy uses directly (orders and fills are recorded by the venues). */
export interface RunStore {
  /** Saves the strategy's resumable state (JSON-serialisable); written before the strategy goes on. */
  saveState(state: unknown): void;
  /** Logs one account's state-machine transition and emits it as a `transition` event. */
  accountTransition(accountId: string, from: string | null, to: string, reason: string | null): void;
}

/** Why and how a stop was asked for. */
export interface StopRequest {
  reason: string;
  /** Close the run's positions (reduce-only, marketable) before stopping. */
  flatten: boolean;
}

/** Everything a strategy gets from the engine for one run. */
export interface StrategyContext {
  readonly runId: string;
  /** The run's accounts in role order. */
  readonly accounts: readonly RunAccount[];
  /** The only time source: holds, delays and timeouts run on it. */
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: RunStore;
  readonly notifier: Notifier;
  /** Emits a run event (stamped with the run id and the clock). */
  emit(event: RunEventInput): void;
  /** Seeded randomness (split ratios, jitter). */
  readonly random: RandomSource;
  readonly risk: RiskGuard;
  /** Aborted when a stop is asked for (then {@link stopRequest} says why). */
  readonly signal: AbortSignal;
  stopRequest(): StopRequest | null;
  /** Tells the engine the strategy is stopping on its own (run_once done, failsafe): the run shows `stopping` while it winds down. */
  stopping(reason: string): void;
  /**
   * Subscribes to the periodic position reads (REST, every
   * `snapshotIntervalMs`): the account and its full position list. Returns
   * the unsubscribe function.
   */
  onPositionSnapshot(listener: (accountId: string, positions: Position[]) => void): () => void;
  /** What each account held and had open before trading, by account id (read from the venues at start). */
  readonly reconciled: ReadonlyMap<string, AccountReconciliation>;
  /** The state the strategy saved last, when the run is resumed; null on a fresh start. */
  readonly resumeState: unknown;
}

/**
 * How a run ended, as the strategy saw it:
 * `completed` (run_once done), `stopped` (a stop request), `failsafe` (margin
 * failsafe: positions flattened), `halted` (risk guard halt: flattened).
 */
export interface StrategyOutcome {
  kind: 'completed' | 'stopped' | 'failsafe' | 'halted';
  reason: string;
}

/** A strategy instance for one run. */
export interface Strategy {
  /** Limits for the run's risk guard. */
  riskLimits(): RiskLimits;
  /** Period of position snapshots (REST reconciliation), ms. */
  readonly snapshotIntervalMs: number;
  /**
   * Trades until done or stopped; cancels its resting orders and, when asked
   * (or on a failsafe), flattens before resolving.
   * @throws on failures it cannot handle (the run then fails).
   */
  run(ctx: StrategyContext): Promise<StrategyOutcome>;
}

/** A configuration that parsed: what the engine needs before it can create the strategy. */
export interface PreparedRun {
  /** The configuration to store with the run: as given, secrets removed. */
  storableConfig: unknown;
  /** Every symbol the run may trade (flattening an interrupted run closes these). */
  symbols: string[];
  /** Problems with the configuration against the venue's markets (unknown symbol, target below minimum…), by field path. */
  checkMarkets(markets: readonly Market[]): FieldIssue[];
  /** The strategy for a run on these markets. */
  create(markets: readonly Market[]): Strategy;
}

/** A strategy the engine can run. */
export interface StrategyDefinition {
  /** e.g. `tri-hedge-hold`. */
  id: string;
  title: string;
  /** The account roles in order, e.g. `['A', 'B', 'C']`; a run takes one account per role. */
  roles: readonly string[];
  /**
   * The roles a run with this (raw, possibly stored) configuration takes, in
   * order, when it uses only some of {@link roles} (maker-taker-hedge in
   * A-only mode: `['A']`); must not throw (a bad config gives `roles`).
   * Default: every role.
   */
  rolesFor?(rawConfig: unknown): readonly string[];
  /** The config's zod schema (input side: defaults and descriptions), from which `strategies.describe` builds a form. */
  configSchema: z.ZodType;
  /**
   * Parses a configuration (the original JSON format is accepted as is).
   * @throws ConfigError naming every bad field by path.
   */
  prepare(rawConfig: unknown): PreparedRun;
}
