import { ContractError } from '../../../shared/errors';
import { AccountBusyError, MissingSecretError } from '../engine/engine-errors';
import type { HandlerContext, Handlers } from './context';

/** Engine errors the user can act on, as typed contract errors; anything else passes through. */
function asContractError(err: unknown): unknown {
  if (err instanceof AccountBusyError) return new ContractError('CONFLICT', err.message, [{ path: 'accountIds', message: err.message }]);
  if (err instanceof MissingSecretError) return new ContractError('INVALID_REQUEST', err.message, [{ path: 'accountIds', message: err.message }]);
  return err;
}

function unknownRun(runId: string): ContractError {
  return new ContractError('NOT_FOUND', `no run with id ${runId}`, [{ path: 'runId', message: 'unknown run' }]);
}

/**
 * `runs.*`: start, stop, resume, list and inspect strategy runs through the
 * engine. Run events reach every client as `run.event` (wired in core.ts).
 */
export function runsHandlers(ctx: HandlerContext): Pick<Handlers, 'runs.start' | 'runs.stop' | 'runs.resume' | 'runs.list' | 'runs.get'> {
  const known = (runId: string) => {
    if (!ctx.engine.listRuns(10_000).some((r) => r.id === runId)) throw unknownRun(runId);
  };
  return {
    'runs.start': async ({ strategy, config, accountIds }) => {
      try {
        return { runId: await ctx.engine.startRun({ strategy, config, accountIds }) };
      } catch (err) {
        throw asContractError(err);
      }
    },
    'runs.stop': async ({ runId, flatten }) => {
      known(runId);
      return ctx.engine.stopRun(runId, { flatten, reason: 'stopped by the user' });
    },
    'runs.resume': async ({ runId }) => {
      known(runId);
      await ctx.engine.resumeRun(runId);
      return ctx.engine.getRun(runId);
    },
    'runs.list': () => ctx.engine.listRuns(),
    'runs.get': ({ runId }) => {
      known(runId);
      return ctx.engine.getRun(runId);
    },
  };
}
