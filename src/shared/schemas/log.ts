import { z } from 'zod';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const logLevelSchema = z.enum(LOG_LEVELS);
export type LogLevel = z.infer<typeof logLevelSchema>;

/**
 * One structured log line, secrets already redacted. `time` is Unix ms;
 * `account`, `strategy` and `component` are set when the line concerns one.
 */
export const logLineSchema = z.object({
  seq: z.number().int(),
  time: z.number(),
  level: logLevelSchema,
  msg: z.string(),
  component: z.string().optional(),
  account: z.string().optional(),
  strategy: z.string().optional(),
});
export type LogLine = z.infer<typeof logLineSchema>;
