import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../../shared/errors';
import type { RiskMode } from '../engine/risk-mode';
import { canTransition, RunTransitionError, type RunStatus } from '../engine/run-status';

/** A run as stored. Times are Unix ms of the engine clock. */
export interface RunRecord {
  id: string;
  strategy: string;
  status: RunStatus;
  /** The strategy configuration as given, secrets removed. */
  config: unknown;
  /** The run's accounts in role order (A, B, C for tri-hedge-hold). */
  accountIds: string[];
  /** The strategy's resumable state, null before it saved any. */
  state: unknown;
  riskMode: RiskMode;
  stopReason: string | null;
  error: string | null;
  /** The run summary (JSON, see engine/run-summary.ts), null until the run ended. */
  summary: unknown;
  /** Per account id, the venue settings its client was opened with (JSON, engine/account-venue-settings.ts); null for runs stored before they were kept. */
  venueSettings: unknown;
  /** Per account id and symbol, the signed position (base units, decimal string) the venue reported when the run first started; null before that. */
  baselinePositions: BaselinePositions | null;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  updatedAt: number;
}

/** One logged state change: of the run (`scope` = `run`) or of one account's state machine (`scope` = account id). */
export interface RunTransition {
  id: number;
  runId: string;
  scope: string;
  from: string | null;
  to: string;
  reason: string | null;
  at: number;
}

/** Per account id, per symbol: a signed position size in base units as a decimal string. */
export type BaselinePositions = Record<string, Record<string, string>>;

interface RunRow {
  id: string;
  strategy: string;
  status: RunStatus;
  config: string;
  account_ids: string;
  state: string | null;
  risk_mode: RiskMode;
  stop_reason: string | null;
  error: string | null;
  summary: string | null;
  venue_settings: string | null;
  baseline_positions: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  updated_at: number;
}

interface TransitionRow {
  id: number;
  run_id: string;
  scope: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
  at: number;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh run id: `run_` + 12 base-32 characters (60 random bits). */
export function newRunId(): string {
  let id = 'run_';
  for (const b of randomBytes(12)) id += ID_ALPHABET[b & 31];
  return id;
}

function toRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    strategy: r.strategy,
    status: r.status,
    config: JSON.parse(r.config) as unknown,
    accountIds: JSON.parse(r.account_ids) as string[],
    state: r.state === null ? null : (JSON.parse(r.state) as unknown),
    riskMode: r.risk_mode,
    stopReason: r.stop_reason,
    error: r.error,
    summary: r.summary === null ? null : (JSON.parse(r.summary) as unknown),
    venueSettings: r.venue_settings === null ? null : (JSON.parse(r.venue_settings) as unknown),
    baselinePositions: r.baseline_positions === null ? null : (JSON.parse(r.baseline_positions) as BaselinePositions),
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    updatedAt: r.updated_at,
  };
}

/** Extra columns written with a status change. */
export interface StatusChange {
  reason?: string | null;
  stopReason?: string | null;
  error?: string | null;
  startedAt?: number;
  endedAt?: number;
}

/**
 * Runs and their transition log in SQLite. Every status change is checked
 * against the lifecycle (engine/run-status.ts) and logged in the same
 * transaction. Throws ContractError `NOT_FOUND` for an unknown run id and
 * RunTransitionError for a status change that is not a lifecycle step.
 */
export class RunsRepository {
  constructor(private readonly db: Database) {}

  /** Inserts a run in `starting` (logged as the first transition) and returns it. `venueSettings`: per account id, what its venue was opened with (JSON-serialisable). */
  create(input: { id: string; strategy: string; config: unknown; accountIds: string[]; venueSettings?: unknown; at: number }): RunRecord {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, strategy, status, config, account_ids, venue_settings, created_at, updated_at)
           VALUES (?, ?, 'starting', ?, ?, ?, ?, ?)`,
        )
        .run(
          input.id,
          input.strategy,
          JSON.stringify(input.config),
          JSON.stringify(input.accountIds),
          input.venueSettings === undefined ? null : JSON.stringify(input.venueSettings),
          input.at,
          input.at,
        );
      this.addTransition(input.id, 'run', null, 'starting', 'created', input.at);
    })();
    return this.get(input.id);
  }

  /** The run, or throws `NOT_FOUND`. */
  get(id: string): RunRecord {
    const run = this.find(id);
    if (!run) throw new ContractError('NOT_FOUND', `no run with id ${id}`, [{ path: 'runId', message: 'unknown run' }]);
    return run;
  }

  /** The run, or null. */
  find(id: string): RunRecord | null {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Runs, newest first (at most `limit`). */
  list(limit = 200): RunRecord[] {
    const rows = this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as RunRow[];
    return rows.map(toRecord);
  }

  /** Runs whose status is one of `statuses`, oldest first. */
  withStatus(statuses: readonly RunStatus[]): RunRecord[] {
    const marks = statuses.map(() => '?').join(', ');
    const rows = this.db.prepare(`SELECT * FROM runs WHERE status IN (${marks}) ORDER BY created_at, rowid`).all(...statuses) as RunRow[];
    return rows.map(toRecord);
  }

  /**
   * Moves a run to `to` and logs the transition, in one transaction.
   * @throws RunTransitionError when it is not a lifecycle step from the stored status.
   */
  setStatus(id: string, to: RunStatus, at: number, change: StatusChange = {}): RunRecord {
    this.db.transaction(() => {
      const from = this.get(id).status;
      if (!canTransition(from, to)) throw new RunTransitionError(id, from, to);
      this.db
        .prepare(
          `UPDATE runs SET status = ?, updated_at = ?,
             stop_reason = COALESCE(?, stop_reason), error = COALESCE(?, error),
             started_at = COALESCE(?, started_at), ended_at = COALESCE(?, ended_at)
           WHERE id = ?`,
        )
        .run(to, at, change.stopReason ?? null, change.error ?? null, change.startedAt ?? null, change.endedAt ?? null, id);
      this.addTransition(id, 'run', from, to, change.reason ?? change.stopReason ?? change.error ?? null, at);
    })();
    return this.get(id);
  }

  /** Stores the strategy's resumable state (JSON-serialisable). */
  saveState(id: string, state: unknown, at: number): void {
    this.db.prepare('UPDATE runs SET state = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(state), at, id);
  }

  /** Stores the positions the run started from (once, at its first start). */
  saveBaselinePositions(id: string, baseline: BaselinePositions, at: number): void {
    this.db.prepare('UPDATE runs SET baseline_positions = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(baseline), at, id);
  }

  /** Stores the risk mode and logs it as a transition of scope `risk`. */
  setRiskMode(id: string, from: RiskMode, to: RiskMode, reason: string, at: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE runs SET risk_mode = ?, updated_at = ? WHERE id = ?').run(to, at, id);
      this.addTransition(id, 'risk', from, to, reason, at);
    })();
  }

  /** Stores the run summary (JSON-serialisable). */
  saveSummary(id: string, summary: unknown, at: number): void {
    this.db.prepare('UPDATE runs SET summary = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(summary), at, id);
  }

  /** Logs a transition of any scope (e.g. an account's state machine). */
  addTransition(runId: string, scope: string, from: string | null, to: string, reason: string | null, at: number): void {
    this.db
      .prepare('INSERT INTO run_transitions (run_id, scope, from_state, to_state, reason, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, scope, from, to, reason, at);
  }

  /** The run's transitions, oldest first. */
  transitions(runId: string): RunTransition[] {
    const rows = this.db.prepare('SELECT * FROM run_transitions WHERE run_id = ? ORDER BY id').all(runId) as TransitionRow[];
    return rows.map((r) => ({ id: r.id, runId: r.run_id, scope: r.scope, from: r.from_state, to: r.to_state, reason: r.reason, at: r.at }));
  }
}
