import { APP_SECRET_FIELDS, type AppSecretStatus } from '../../../shared/schemas/secrets';
import { secretEnvVar, type SecretStore } from '../secrets/secret-store';
import type { HandlerContext, Handlers } from './context';

/** Keychain account id of app-level secrets: `app:<field>`. */
export const APP_SECRET_OWNER = 'app';

async function appSecretStatus(store: SecretStore): Promise<AppSecretStatus> {
  const fields = await Promise.all(
    APP_SECRET_FIELDS.map(async (field) => {
      const ref = { accountId: APP_SECRET_OWNER, field };
      return { field, stored: await store.has(ref), envVar: secretEnvVar(ref) };
    }),
  );
  return { backend: store.backend, fields };
}

/** `appSecrets.*`: app-level secrets (Telegram bot token) in the keychain; booleans out, never values. */
export function appSecretsHandlers(ctx: HandlerContext): Pick<Handlers, 'appSecrets.set' | 'appSecrets.delete' | 'appSecrets.status'> {
  return {
    'appSecrets.set': async ({ field, value }) => {
      await ctx.secrets.set({ accountId: APP_SECRET_OWNER, field }, value);
      ctx.logger.info({ component: 'secrets', field }, 'app secret stored');
      return appSecretStatus(ctx.secrets);
    },
    'appSecrets.delete': async ({ field }) => {
      await ctx.secrets.delete({ accountId: APP_SECRET_OWNER, field });
      ctx.logger.info({ component: 'secrets', field }, 'app secret deleted');
      return appSecretStatus(ctx.secrets);
    },
    'appSecrets.status': () => appSecretStatus(ctx.secrets),
  };
}
