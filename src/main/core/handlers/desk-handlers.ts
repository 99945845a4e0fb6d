import { systemClock } from '../clock';
import { flattenAll, stopAll } from '../desk/stop-all';
import type { HandlerContext, Handlers } from './context';

/**
 * `runs.stopAll`: stop every active run and cancel every open order of every
 * account (positions stay). `runs.flattenAll`: stop every run and close
 * every position with reduce-only marketable orders. Used by the tray and
 * the UI; see desk/stop-all.ts.
 */
export function deskHandlers(ctx: HandlerContext): Pick<Handlers, 'runs.stopAll' | 'runs.flattenAll'> {
  const opts = { engine: ctx.engine, accounts: () => ctx.accounts.list(), clock: systemClock, logger: ctx.logger };
  return {
    'runs.stopAll': () => stopAll(opts),
    'runs.flattenAll': () => flattenAll(opts),
  };
}
