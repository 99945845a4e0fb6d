import type { HandlerContext, Handlers } from './context';

/** `settings.get` / `settings.set`; a change is pushed as `settings.changed`. */
export function settingsHandlers(ctx: HandlerContext): Pick<Handlers, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => ctx.settings.get(),
    'settings.set': (patch) => {
      const next = ctx.settings.set(patch);
      ctx.logger.info({ component: 'settings', keys: Object.keys(patch) }, 'settings changed');
      ctx.events.emit('settings.changed', next);
      return next;
    },
  };
}
