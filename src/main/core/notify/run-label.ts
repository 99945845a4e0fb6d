import type { Engine } from '../engine/engine';
import type { RunLabel } from './rules/run-alert-rules';

/**
 * Names a recent run for notifications: its strategy id and `role=label` of
 * each account (e.g. `A=alpha, B=beta`), from the engine's run list; null
 * for a run not among the latest 200.
 */
export function engineRunLabel(engine: Pick<Engine, 'listRuns'>, runId: string): RunLabel | null {
  const run = engine.listRuns(200).find((r) => r.id === runId);
  return run ? { strategy: run.strategy, accounts: run.accounts.map((a) => `${a.role}=${a.label}`).join(', ') } : null;
}
