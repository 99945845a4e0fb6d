/**
 * The lifecycle of a strategy run, persisted in `runs.status`:
 *
 * ```
 * starting ──► running ──► stopping ──► stopped
 *    │            │            │
 *    └────────────┴────────────┴──────► failed
 * ```
 *
 * - `starting`: accounts provisioned, config checked; reconciling every
 *   account with its venue. Nothing trades yet.
 * - `running`: the strategy trades.
 * - `stopping`: a stop was asked for (user, margin failsafe, risk halt,
 *   run_once end, error): resting orders are cancelled, in-flight fills
 *   hedged, positions flattened when asked.
 * - `stopped`: ended; the summary is stored and the user notified.
 * - `failed`: could not start (reconciliation, venues) or crashed; the
 *   error is stored and the user notified.
 *
 * A run found in `starting`, `running` or `stopping` when the engine opens the
 * database was interrupted (the process died): it may be resumed
 * (`starting` again, reason `resume`) or flattened (→ `stopping` → `stopped`).
 */
export type RunStatus = 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/** Every status, in lifecycle order. */
export const RUN_STATUSES: readonly RunStatus[] = ['starting', 'running', 'stopping', 'stopped', 'failed'];

/** Statuses of a run that has ended. */
export const FINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set(['stopped', 'failed']);

const NEXT: Record<RunStatus, readonly RunStatus[]> = {
  starting: ['running', 'stopping', 'failed'],
  running: ['stopping', 'failed', 'starting'],
  stopping: ['stopped', 'failed', 'starting'],
  stopped: [],
  failed: [],
};

/**
 * Whether `from → to` is a lifecycle step. `running → starting` and
 * `stopping → starting` exist only for resuming an interrupted run;
 * `starting → starting` likewise (a run interrupted while starting).
 */
export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return NEXT[from].includes(to) || (from === 'starting' && to === 'starting');
}

/** A run status change that is not a lifecycle step (a bug in the caller). */
export class RunTransitionError extends Error {
  constructor(runId: string, from: RunStatus, to: RunStatus) {
    super(`run ${runId}: ${from} → ${to} is not a lifecycle step`);
    this.name = 'RunTransitionError';
  }
}
