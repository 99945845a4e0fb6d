/**
 * The one contract between the renderer and main. Every command (request →
 * response) and every event (pushed main → renderer) is named here with zod
 * schemas. The shell's ipcMain registration, the preload bridge, the headless
 * WebSocket server, the core dispatcher and the renderer's api client are all
 * derived from these two tables.
 */
import { z } from 'zod';
import { accountCreateSchema, accountIdSchema, accountPatchSchema, accountSchema } from './schemas/account';
import { appInfoSchema } from './schemas/app';
import { logLineSchema } from './schemas/log';
import { deskStopResultSchema } from './schemas/desk';
import { desktopNotificationSchema, openedAsSchema } from './schemas/notify';
import { runDetailsSchema, runEventSchema, runViewSchema } from './schemas/runs';
import {
  appSecretFieldSchema,
  appSecretSetSchema,
  appSecretStatusSchema,
  secretRefSchema,
  secretSetSchema,
  secretStatusSchema,
} from './schemas/secrets';
import { settingsPatchSchema, settingsSchema } from './schemas/settings';
import { signerCheckRequestSchema, signerCheckSchema, signerInstallRequestSchema, signerInstallResultSchema } from './schemas/signer';
import { strategyIdSchema } from './schemas/strategy-ids';
import { strategyDescriptionSchema } from './schemas/strategy-params';
import {
  coinListCheckSchema,
  coinListCreateSchema,
  coinListIdSchema,
  coinListNameSchema,
  coinListPatchSchema,
  coinListSchema,
} from './schemas/coin-lists';
import { fieldIssueSchema } from './errors';
import { venueMarketsSchema } from './schemas/markets';
import { venueSchema } from './schemas/venues';
import { accountDetailSchema, portfolioSnapshotSchema } from './schemas/portfolio';

const empty = z.object({}).strict();

/** Commands: name → { request, response } schemas. */
export const commands = {
  /** App name, version, runtime, data directory and keychain state. */
  'app.info': { request: empty, response: appInfoSchema },
  /** The full settings, defaults filled in. */
  'settings.get': { request: empty, response: settingsSchema },
  /** Applies a partial update; returns the full settings. */
  'settings.set': { request: settingsPatchSchema, response: settingsSchema },
  /** Every account, oldest first. */
  'accounts.list': { request: empty, response: z.array(accountSchema) },
  /** Creates an account; `CONFLICT` when the label is taken. */
  'accounts.create': { request: accountCreateSchema, response: accountSchema },
  /** Updates label, mode or identifiers; `NOT_FOUND`, `CONFLICT`, `INVALID_REQUEST`. */
  'accounts.update': {
    request: z.object({ id: accountIdSchema, patch: accountPatchSchema }).strict(),
    response: accountSchema,
  },
  /** Deletes an account and its keychain secrets. */
  'accounts.delete': { request: z.object({ id: accountIdSchema }).strict(), response: z.object({ id: accountIdSchema }) },
  /** Stores or replaces a secret in the keychain. There is deliberately no command that reads one. */
  'secrets.set': { request: secretSetSchema, response: secretStatusSchema },
  /** Deletes a secret from the keychain. */
  'secrets.delete': { request: secretRefSchema, response: secretStatusSchema },
  /** Which secret fields of an account are stored (booleans only). */
  'secrets.status': { request: z.object({ accountId: accountIdSchema }).strict(), response: secretStatusSchema },
  /** Stores or replaces an app-level secret (e.g. the Telegram bot token). Never readable. */
  'appSecrets.set': { request: appSecretSetSchema, response: appSecretStatusSchema },
  /** Deletes an app-level secret. */
  'appSecrets.delete': { request: z.object({ field: appSecretFieldSchema }).strict(), response: appSecretStatusSchema },
  /** Which app-level secrets are stored (booleans only). */
  'appSecrets.status': { request: empty, response: appSecretStatusSchema },
  /** Sends a test message to the configured Telegram chat; `description` says why it failed. */
  'notify.testTelegram': {
    request: empty,
    response: z.object({ ok: z.boolean(), description: z.string().nullable() }),
  },
  /** Sends a test message to the Lark custom bot webhook stored in the keychain (`app:larkWebhookUrl`); `description` says why it failed. */
  'notify.testLark': {
    request: empty,
    response: z.object({ ok: z.boolean(), description: z.string().nullable() }),
  },
  /**
   * Opens the account's own view (`#/account/:id`): a shell window in Electron
   * (`window`; focused when already open), else `tab` and the renderer opens a
   * browser tab. `NOT_FOUND` for an unknown account.
   */
  'desktop.openAccountWindow': {
    request: z.object({ accountId: accountIdSchema }).strict(),
    response: z.object({ opened: openedAsSchema }),
  },
  /** Opens the data directory in the OS file manager (Electron only; `opened: false` headless). */
  'desktop.openDataDir': { request: empty, response: z.object({ opened: z.boolean() }) },
  /** The scalar parameters of a strategy's config (kind, default, bounds, help), for a generated form; `NOT_FOUND` for a strategy this build lacks. */
  'strategies.describe': {
    request: z.object({ strategy: strategyIdSchema }).strict(),
    response: strategyDescriptionSchema,
  },
  /**
   * Starts a strategy run on the given accounts, one per role of the strategy
   * in role order (tri-hedge-hold: A, B, C) with its config (the original JSON shape). Resolves once
   * every account is reconciled and the run is running. `INVALID_REQUEST` with
   * field paths for a bad config; `CONFLICT` when an account is in another run.
   */
  'runs.start': {
    request: z
      .object({
        strategy: strategyIdSchema,
        config: z.record(z.string(), z.unknown()),
        accountIds: z.array(accountIdSchema).min(1).max(10),
      })
      .strict(),
    response: z.object({ runId: z.string() }),
  },
  /** Stops a run (and, with `flatten`, closes its positions); also settles an interrupted run. */
  'runs.stop': {
    request: z.object({ runId: z.string().min(1), flatten: z.boolean().default(false) }).strict(),
    response: runViewSchema,
  },
  /** Stops every active run and cancels every open order of every account; positions stay (tray "Stop all"). */
  'runs.stopAll': { request: empty, response: deskStopResultSchema },
  /** Stops every active run and closes every position of every account with reduce-only marketable orders (tray "Flatten all"). */
  'runs.flattenAll': { request: empty, response: deskStopResultSchema },
  /** Resumes a run interrupted by a restart (hold timers continue from their stored start). */
  'runs.resume': { request: z.object({ runId: z.string().min(1) }).strict(), response: runViewSchema },
  /** Recent runs, newest first. */
  'runs.list': { request: empty, response: z.array(runViewSchema) },
  /** One run with its config, lifecycle log and net exposure series. */
  'runs.get': { request: z.object({ runId: z.string().min(1) }).strict(), response: runDetailsSchema },
  /** Every account (equity, available collateral, positions, connection) and the net exposure per symbol across all accounts, now. */
  'portfolio.get': { request: empty, response: portfolioSnapshotSchema },
  /** One account: portfolio, open orders (from the venue), recent fills (from the store), the runs it is part of; `NOT_FOUND` for an unknown account. */
  'portfolio.account': { request: z.object({ accountId: accountIdSchema }).strict(), response: accountDetailSchema },
  /** The most recent log lines (newest last), at most `limit`. */
  'logs.recent': {
    request: z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    response: z.array(logLineSchema),
  },
  /** A venue's market specs (tick, step, min base, min notional, decimals, indicative price) without an account; `source` says where they came from. */
  'markets.list': { request: z.object({ venue: venueSchema }).strict(), response: venueMarketsSchema },
  /** Every coin list with its coins, by name. */
  'coinLists.list': { request: empty, response: z.array(coinListSchema) },
  /** One coin list; `NOT_FOUND` for an unknown id. */
  'coinLists.get': { request: z.object({ id: coinListIdSchema }).strict(), response: coinListSchema },
  /** Saves a new list; `INVALID_REQUEST` with `coins.N.field` issues when a coin fails the venue's market specs (nothing written); `CONFLICT` for a taken name. */
  'coinLists.create': { request: coinListCreateSchema, response: coinListSchema },
  /** Replaces name, venue or coins (as a whole); issues as for create, under `patch.`. */
  'coinLists.update': {
    request: z.object({ id: coinListIdSchema, patch: coinListPatchSchema }).strict(),
    response: coinListSchema,
  },
  /** Deletes a coin list. */
  'coinLists.delete': { request: z.object({ id: coinListIdSchema }).strict(), response: z.object({ id: coinListIdSchema }) },
  /** Checks coins as typed (schema + the venue's market specs) without saving: blocking issues and warnings by field path. */
  'coinLists.validate': {
    request: z.object({ venue: venueSchema, coins: z.array(z.unknown()).max(1000) }).strict(),
    response: coinListCheckSchema,
  },
  /** Saves the coin list of an original tri-hedge JSON config (object or its text) as a new list; `warnings` say what the mapping dropped or filled in. */
  'coinLists.import': {
    request: z
      .object({ name: coinListNameSchema, venue: venueSchema.default('lighter'), config: z.union([z.string().max(1_000_000), z.record(z.string(), z.unknown())]) })
      .strict(),
    response: z.object({ list: coinListSchema, warnings: z.array(fieldIssueSchema) }),
  },
  /** The Lighter signer: every place searched (or only `path`), each file's layout and probe result, the file live accounts use, the next step. */
  'signer.check': { request: signerCheckRequestSchema, response: signerCheckSchema },
  /** Checks a chosen Lighter signer file and copies it into `<data dir>/signers`; `INVALID_REQUEST` (path `path`/`wasmExecPath`) when it cannot be used for live accounts — nothing written. */
  'signer.install': { request: signerInstallRequestSchema, response: signerInstallResultSchema },
  /** The desktop app's file dialog for a signer file: the chosen path, or null (cancelled, or `hedgedesk serve`: type the path). */
  'signer.chooseFile': { request: empty, response: z.object({ path: z.string().nullable() }) },
} as const;

/** Events pushed from main: name → payload schema. */
export const events = {
  /** One structured log line, secrets redacted. */
  'log.line': logLineSchema,
  /** The account list changed (any window, any client). */
  'accounts.changed': z.array(accountSchema),
  /** Settings changed. */
  'settings.changed': settingsSchema,
  /** Something happened in a strategy run (status, progress, exposure, order, fill, hedge…). */
  'run.event': runEventSchema,
  /** The coin lists changed (any window, any client): every list. */
  'coinLists.changed': z.array(coinListSchema),
  /** The portfolio changed (positions, collateral, marks, connections); at most ~4 per second. */
  'portfolio.changed': portfolioSnapshotSchema,
  /** A notification the core's rules decided on (run started / stopped / failed, failsafe, hedge leg failed, exposure, disconnect). */
  'notify.desktop': desktopNotificationSchema,
} as const;

export type Commands = typeof commands;
export type Events = typeof events;
export type CommandName = keyof Commands;
export type EventName = keyof Events;
/** The request a caller sends (defaults may be omitted). */
export type RequestOf<N extends CommandName> = z.input<Commands[N]['request']>;
/** The request after validation, as handlers see it. */
export type ParsedRequestOf<N extends CommandName> = z.output<Commands[N]['request']>;
export type ResponseOf<N extends CommandName> = z.output<Commands[N]['response']>;
export type EventPayloadOf<N extends EventName> = z.output<Events[N]>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** Electron IPC channel of a command (one `ipcMain.handle` per command). */
export const commandChannel = (name: CommandName): string => `hedgedesk:cmd:${name}`;
/** Electron IPC channel of an event. */
export const eventChannel = (name: EventName): string => `hedgedesk:evt:${name}`;
