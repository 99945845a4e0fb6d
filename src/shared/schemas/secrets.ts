import { z } from 'zod';
import { accountIdSchema } from './account';

/** A secret field name, e.g. `apiPrivateKey`. Checked against the account's venue by the handler. */
export const secretFieldNameSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/, 'must be a field name');

/** Where secrets live: the OS keychain, or (opt-in, headless) environment variables. */
export const secretsBackendSchema = z.enum(['keychain', 'env']);
export type SecretsBackend = z.infer<typeof secretsBackendSchema>;

/** Request to store or replace one secret. `value` is write-only: nothing ever returns it. */
export const secretSetSchema = z
  .object({
    accountId: accountIdSchema,
    field: secretFieldNameSchema,
    value: z.string().trim().min(1, 'must not be empty').max(4096),
  })
  .strict();

/** Request naming one secret (delete). */
export const secretRefSchema = z.object({ accountId: accountIdSchema, field: secretFieldNameSchema }).strict();

/** Whether each secret field of an account is stored. Never the value. */
export const secretStatusSchema = z.object({
  accountId: accountIdSchema,
  backend: secretsBackendSchema,
  fields: z.array(z.object({ field: z.string(), stored: z.boolean(), envVar: z.string() })),
});
export type SecretStatus = z.infer<typeof secretStatusSchema>;

/**
 * App-level secrets (not tied to an account), kept in the keychain under `app:<field>`.
 * `proxyCredentials` is `user:password` of the `proxyUrl` setting's proxy.
 */
export const APP_SECRET_FIELDS = ['telegramBotToken', 'larkWebhookUrl', 'proxyCredentials'] as const;
export const appSecretFieldSchema = z.enum(APP_SECRET_FIELDS);
export type AppSecretField = z.infer<typeof appSecretFieldSchema>;

/** Request to store or replace an app-level secret (write-only, like account secrets). */
export const appSecretSetSchema = z
  .object({ field: appSecretFieldSchema, value: z.string().trim().min(1, 'must not be empty').max(4096) })
  .strict()
  .refine((r) => r.field !== 'proxyCredentials' || /^[^:\s]+:\S+$/.test(r.value), { path: ['value'], message: 'must be user:password' });

/** Whether each app-level secret is stored (booleans only), with its env variable name. */
export const appSecretStatusSchema = z.object({
  backend: secretsBackendSchema,
  fields: z.array(z.object({ field: appSecretFieldSchema, stored: z.boolean(), envVar: z.string() })),
});
export type AppSecretStatus = z.infer<typeof appSecretStatusSchema>;
