import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatPath, type FieldIssue } from '../../../shared/errors';
import { accountLabelSchema, type Account } from '../../../shared/schemas/account';
import type { CycleRecord } from '../../../shared/schemas/cross-venue-hedge';
import { venueSchema, type Venue } from '../../../shared/schemas/venues';
import { ConfigError } from '../engine/config-error';
import type { AccountsRepository } from '../store/accounts-repository';
import { parseCrossVenueHedgeConfig, type CrossVenueHedgeConfigInput } from '../strategies/cross-venue-hedge/config-schema';
import { CROSS_HEDGE_ENV, parseCrossHedgeEnv } from '../strategies/cross-venue-hedge/env-settings';
import type { CliCommand } from './command';
import { labelFlagIssues, parseLogLevel, parseNumberFlag } from './flags';
import { runInForeground } from './foreground-run';
import { formatConfigError, FOREGROUND_RUN_OPTIONS, parseOnRestart, readConfigObject, readUtf8File, parseReconcileEvery, RECONCILE_EVERY_HELP } from './run-foreground';
import { terminalText } from './terminal-text';
import { UsageError } from './usage-error';

const STRATEGY = 'cross-venue-hedge';

/** Venue of a paper account the CLI creates for a role when the config names none: Paradex goes long, Lighter short (the original bot). */
const DEFAULT_PAPER_VENUE: Record<'long_account' | 'short_account', Venue> = { long_account: 'paradex', short_account: 'lighter' };

/** One account of the config: a stored account's label, or a label with the venue and paper flag of an account to create. */
const accountRefSchema = z.union([accountLabelSchema, z.object({ label: accountLabelSchema, venue: venueSchema.optional(), paper: z.boolean().optional() }).strict()]);
type AccountRef = z.infer<typeof accountRefSchema>;

/** The CLI-only fields of the JSON config (the rest is the strategy's config). */
const cliFieldsSchema = z.object({
  long_account: accountRefSchema.optional(),
  short_account: accountRefSchema.optional(),
  telegram_chat_id: z.union([z.string(), z.number()]).optional(),
});

/** The strategy config and the two accounts, as the CLI assembled them from config file, env file and flags. */
interface Assembled {
  config: Partial<CrossVenueHedgeConfigInput>;
  accounts: { long_account?: AccountRef; short_account?: AccountRef };
  telegramChatId: string | undefined;
  notes: string[];
}

/** The CROSS_HEDGE_* variable that sets a config field, or the field itself. */
function envKey(field: string): string {
  return Object.entries(CROSS_HEDGE_ENV).find(([, v]) => v.field === field)?.[0] ?? field;
}

/**
 * Merges, lowest first: the JSON config (`--config`), the env-style settings
 * (`--env-file`), the flags, and checks the result against the strategy's
 * schema. @throws ConfigError naming every bad field at once (config paths,
 * `file:line KEY`, `--flag`); UsageError for unreadable files.
 */
function assemble(values: Record<string, string | boolean | undefined>): Assembled {
  const notes: string[] = [];
  const issues: FieldIssue[] = [];
  const fromFile = readConfigObject(values.config as string | undefined);
  const { long_account, short_account, telegram_chat_id, ...strategyFields } = fromFile;
  const cli = cliFieldsSchema.safeParse({ long_account, short_account, telegram_chat_id });
  if (!cli.success) issues.push(...cli.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  let config = strategyFields as Partial<CrossVenueHedgeConfigInput>;
  const envFile = values['env-file'] as string | undefined;
  if (envFile) {
    const text = readUtf8File(envFile, 'the env file');
    try {
      const env = parseCrossHedgeEnv(text, envFile);
      config = { ...config, ...env.config };
      if (env.ignored.length > 0) notes.push(`note: ${envFile}: ignored ${env.ignored.length} other setting(s) (${env.ignored.join(', ')}); keys belong in the keychain (Accounts page)`);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      issues.push(...(err.issues ?? []));
    }
  }
  const numberFlag = (flag: string, field: keyof CrossVenueHedgeConfigInput) => {
    const v = values[flag];
    if (typeof v !== 'string') return;
    const n = parseNumberFlag(v);
    if (n !== null) (config as Record<string, unknown>)[field] = n;
    else issues.push({ path: `--${flag}`, message: `"${v}" is not a number` });
  };
  if (typeof values.ticker === 'string') config.ticker = values.ticker;
  numberFlag('margin', 'margin');
  numberFlag('hold-time', 'hold_time');
  numberFlag('take-profit', 'take_profit');
  numberFlag('stop-loss', 'stop_loss');
  numberFlag('cooldown', 'cooldown');
  if (values.reverse === true) config.reverse = true;
  issues.push(...labelFlagIssues(values, ['long-account', 'short-account']));
  try {
    parseCrossVenueHedgeConfig(config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // A field an env line or a flag failed to set is reported there, not again as missing.
    issues.push(...(err.issues ?? []).filter((i) => !issues.some((x) => x.path.endsWith(` ${envKey(i.path)}`) || x.path === `--${i.path.replace(/_/g, '-')}`)));
  }
  if (issues.length > 0) throw new ConfigError('bad settings', issues);
  const accounts = { ...(cli.success ? { long_account: cli.data.long_account, short_account: cli.data.short_account } : {}) };
  if (typeof values['long-account'] === 'string') accounts.long_account = values['long-account'];
  if (typeof values['short-account'] === 'string') accounts.short_account = values['short-account'];
  const chat = cli.success ? cli.data.telegram_chat_id : undefined;
  return { config, accounts, telegramChatId: chat === undefined ? undefined : String(chat), notes };
}

/**
 * The stored accounts for the two roles, matched by label (case-insensitive).
 * A missing account is created as a paper account when the entry says
 * `"paper": true` or `--paper` is given — on the entry's venue, else Paradex
 * for the long account and Lighter for the short one; without a label and
 * with `--paper`, "Paper Paradex" / "Paper Lighter" are used. Live accounts
 * must exist (add them and their keys on the Accounts page).
 * @throws ConfigError naming `long_account` / `short_account`.
 */
function resolveAccounts(refs: Assembled['accounts'], repo: AccountsRepository, paper: boolean, notes: string[]): [Account, Account] {
  const issues: FieldIssue[] = [];
  const stored = repo.list();
  const roles = ['long_account', 'short_account'] as const;
  const found = roles.map((role) => {
    const ref = refs[role] ?? (paper ? { label: `Paper ${DEFAULT_PAPER_VENUE[role] === 'paradex' ? 'Paradex' : 'Lighter'}`, venue: DEFAULT_PAPER_VENUE[role], paper: true } : undefined);
    if (!ref) {
      issues.push({ path: role, message: `name the account (--${role.replace('_', '-')} LABEL, or "${role}" in the config), or pass --paper` });
      return null;
    }
    const entry = typeof ref === 'string' ? { label: ref } : ref;
    const existing = stored.find((a) => a.label.toLowerCase() === entry.label.toLowerCase());
    const wantsPaper = paper || ('paper' in entry && entry.paper === true);
    if (existing) {
      if ('venue' in entry && entry.venue && entry.venue !== existing.venue) issues.push({ path: role, message: `"${existing.label}" is a ${existing.venue} account, the config says ${entry.venue}` });
      if (wantsPaper && existing.mode !== 'paper') issues.push({ path: role, message: `"${existing.label}" is a live account; use another label for a paper one` });
      return existing;
    }
    if (!wantsPaper) {
      issues.push({ path: role, message: `no account "${entry.label}" (known: ${stored.map((a) => a.label).join(', ') || 'none'}); add live accounts on the Accounts page, or pass --paper` });
      return null;
    }
    const venue = ('venue' in entry && entry.venue) || DEFAULT_PAPER_VENUE[role];
    const created = repo.create({ venue, label: entry.label, mode: 'paper', identifiers: {} });
    notes.push(`created paper ${venue} account "${created.label}" (${created.id})`);
    stored.push(created);
    return created;
  });
  if (found[0] && found[1] && found[0].id === found[1].id) issues.push({ path: 'short_account', message: 'the same account as long_account' });
  if (issues.length > 0) throw new ConfigError('accounts', issues);
  return found as [Account, Account];
}

/** One line for an ended cycle, for the terminal. */
function cycleLine(c: CycleRecord): string {
  const legs = c.legs.map((l) => `${l.role} ${l.size} on ${l.label} (${l.venue}) ${l.entryPrice ?? '—'} → ${l.exitPrice ?? '—'} PnL ${l.pnl}`).join(' | ');
  return `cycle ${c.cycle} ${c.phase}${c.closeReason ? ` (${c.closeReason})` : ''}: ${legs}; fees ${c.fees} USDC, PnL ${c.pnl} USDC${c.detail ? `; ${c.detail}` : ''}`;
}

/** `hedgedesk run cross-venue-hedge`: one run from a JSON config and/or the original env-style settings, in the foreground. */
export const runCrossVenueHedgeCommand: CliCommand = {
  summary: 'Run cross-venue-hedge in the foreground: live progress, one line per cycle, then the summary.',
  help: `  hedgedesk run cross-venue-hedge [--config FILE] [--env-file FILE] [options]
  --config FILE      JSON: ticker, margin (USDC per leg), hold_time (s), take_profit and stop_loss
                     (% of a leg's entry), reverse, cooldown (s), close_on_stop, slippage_bps,
                     max_failures, and the accounts: "long_account" / "short_account", each a
                     stored account's label or {"label", "venue", "paper": true}.
  --env-file FILE    The original bot's settings: CROSS_HEDGE_MARGIN, CROSS_HEDGE_POSITION_HOLD_TIME,
                     CROSS_HEDGE_TAKE_PROFIT, CROSS_HEDGE_STOP_LOSS, CROSS_HEDGE_REVERSE (and
                     CROSS_HEDGE_TICKER, CROSS_HEDGE_COOLDOWN); other variables are ignored.
  --ticker T --margin USDC --hold-time S --take-profit PCT --stop-loss PCT --cooldown S --reverse
                     Override the files (flags > env file > config).
  --long-account LABEL --short-account LABEL
                     The account that goes long (first) and short (second); --reverse swaps sides.
  --paper            Create missing accounts as paper accounts on the built-in simulators
                     (default: "Paper Paradex" long, "Paper Lighter" short).
  --on-restart M     resume | flatten | ask (default) for a run a previous process left running.
${RECONCILE_EVERY_HELP}
  --data-dir D  --log-level L
  Ctrl+C stops the run (legs closed unless close_on_stop is false); exit code 1 when it failed.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        'env-file': { type: 'string' },
        ticker: { type: 'string' },
        margin: { type: 'string' },
        'hold-time': { type: 'string' },
        'take-profit': { type: 'string' },
        'stop-loss': { type: 'string' },
        cooldown: { type: 'string' },
        reverse: { type: 'boolean', default: false },
        'long-account': { type: 'string' },
        'short-account': { type: 'string' },
        ...FOREGROUND_RUN_OPTIONS,
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`run: unexpected argument "${positionals[0]}"`);
    const onRestart = parseOnRestart(values['on-restart']);
    if (!values.config && !values['env-file'] && !values.ticker) throw new UsageError('run: give the settings with --config FILE, --env-file FILE or --ticker/--margin');
    const source = [values.config, values['env-file']].filter(Boolean).join(' + ') || 'the flags';
    const out = (s: string) => void process.stdout.write(terminalText(s));
    let assembled: Assembled;
    try {
      assembled = assemble(values);
    } catch (err) {
      if (err instanceof ConfigError) throw new Error(formatConfigError(err, source));
      throw err;
    }
    for (const note of assembled.notes) out(`${note}\n`);

    const printed = new Set<string>();
    await runInForeground({
      strategy: STRATEGY,
      onRestart,
      reconcileIntervalMs: parseReconcileEvery(values['reconcile-every']),
      dataDir: values['data-dir'],
      logLevel: parseLogLevel(values['log-level']),
      source,
      notifierConfig: { telegram: { botToken: undefined, chatId: assembled.telegramChatId } },
      out,
      // Paper legs: the venue a config entry names, else the one --paper creates for the role.
      marketCheck: values.paper
        ? {
            config: assembled.config,
            venues: (['long_account', 'short_account'] as const).map((role) => {
              const ref = assembled.accounts[role];
              return (typeof ref === 'object' ? ref.venue : undefined) ?? DEFAULT_PAPER_VENUE[role];
            }),
          }
        : undefined,
      onEvent: (e, runId) => {
        if (e.type !== 'cycle' || e.runId !== runId || (e.phase !== 'holding' && e.phase !== 'closed' && e.phase !== 'failed')) return;
        const key = `${e.cycle}:${e.phase}`;
        if (printed.has(key)) return;
        printed.add(key);
        out(`${cycleLine(e)}\n`);
      },
      prepare: (rt) => {
        const created: string[] = [];
        const [first, second] = resolveAccounts(assembled.accounts, rt.accounts, values.paper, created);
        const reverse = assembled.config.reverse === true;
        return {
          request: { strategy: STRATEGY, config: assembled.config, accountIds: [first.id, second.id] },
          notes: created,
          detail: `${reverse ? 'short' : 'long'} on "${first.label}" (${first.venue}), ${reverse ? 'long' : 'short'} on "${second.label}" (${second.venue})`,
        };
      },
    });
  },
};
