import type { HandlerContext, Handlers } from './context';

/** `app.info`: static facts plus a live keychain probe. */
export function appHandlers(ctx: HandlerContext): Pick<Handlers, 'app.info'> {
  return {
    'app.info': async () => {
      const problem = await ctx.secrets.probe();
      return { ...ctx.appInfo, secrets: { backend: ctx.secrets.backend, available: problem === null, problem } };
    },
  };
}
