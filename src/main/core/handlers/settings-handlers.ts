import { PROXY_CREDENTIALS_REF, splitProxyCredentials } from '../secrets/proxy-credentials';
import type { HandlerContext, Handlers } from './context';

/**
 * `settings.get` / `settings.set`; a change is pushed as `settings.changed`.
 * A proxy URL typed with `user:password@` is split: the credentials go to the
 * keychain (`app:proxyCredentials`) first, the setting keeps the URL without
 * them; when the keychain cannot take them nothing is written.
 */
export function settingsHandlers(ctx: HandlerContext): Pick<Handlers, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => ctx.settings.get(),
    'settings.set': async (patch) => {
      if (patch.proxyUrl) {
        const { url, credentials } = splitProxyCredentials(patch.proxyUrl);
        if (credentials !== null) {
          await ctx.secrets.set(PROXY_CREDENTIALS_REF, credentials);
          ctx.logger.info({ component: 'secrets', field: PROXY_CREDENTIALS_REF.field }, 'proxy credentials stored in the keychain');
          patch = { ...patch, proxyUrl: url };
        }
      }
      const next = ctx.settings.set(patch);
      ctx.logger.info({ component: 'settings', keys: Object.keys(patch) }, 'settings changed');
      ctx.events.emit('settings.changed', next);
      return next;
    },
  };
}
