import type { HandlerContext, Handlers } from './context';

/** `logs.recent`: the last lines kept in memory (already redacted). */
export function logsHandlers(ctx: HandlerContext): Pick<Handlers, 'logs.recent'> {
  return { 'logs.recent': ({ limit }) => ctx.logHub.recent(limit) };
}
