import { z } from 'zod';
import { secretsBackendSchema } from './secrets';

/** What the running app is and where it keeps its data. */
export const appInfoSchema = z.object({
  name: z.literal('HedgeDesk'),
  version: z.string(),
  /** `electron`: the desktop app; `server`: `hedgedesk serve` under plain Node. */
  runtime: z.enum(['electron', 'server']),
  platform: z.string(),
  nodeVersion: z.string(),
  electronVersion: z.string().nullable(),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  secrets: z.object({
    backend: secretsBackendSchema,
    /** False when the keychain cannot be reached; `problem` then says why and what to do. */
    available: z.boolean(),
    problem: z.string().nullable(),
  }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
