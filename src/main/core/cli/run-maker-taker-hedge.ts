import { parseArgs } from 'node:util';
import { redisUrlProblem } from '../strategies/maker-taker-hedge/redis-url';
import { z } from 'zod';
import { formatPath, type FieldIssue } from '../../../shared/errors';
import { accountLabelSchema, type Account } from '../../../shared/schemas/account';
import type { RunEvent } from '../../../shared/schemas/runs';
import { ConfigError } from '../engine/config-error';
import type { AccountsRepository } from '../store/accounts-repository';
import { parseMakerTakerConfig, rolesForMode } from '../strategies/maker-taker-hedge/config-schema';
import type { CliCommand } from './command';
import { labelFlagIssues, parseLogLevel, parseNumberFlag } from './flags';
import { runInForeground } from './foreground-run';
import { formatConfigError, FOREGROUND_RUN_OPTIONS, parseOnRestart, readConfigObject, parseReconcileEvery, RECONCILE_EVERY_HELP } from './run-foreground';
import { terminalText } from './terminal-text';
import { UsageError } from './usage-error';

const STRATEGY = 'maker-taker-hedge';
/** Labels of the paper accounts `--paper` creates when none are named. */
const DEFAULT_LABELS: Record<string, string> = { A: 'Maker A', B: 'Taker B' };

/** The CLI-only fields of the JSON config (the rest is the strategy's config). */
const cliFieldsSchema = z.object({
  account_a: accountLabelSchema.optional(),
  account_b: accountLabelSchema.optional(),
  telegram_chat_id: z.union([z.string(), z.number()]).optional(),
});

/** Strategy fields set by flags, with the flag that sets them. */
const FLAG_FIELDS: readonly { flag: string; field: string; kind: 'string' | 'number' }[] = [
  { flag: 'market', field: 'market', kind: 'string' },
  { flag: 'quantity', field: 'quantity', kind: 'number' },
  { flag: 'quantity-unit', field: 'quantity_unit', kind: 'string' },
  { flag: 'depth', field: 'depth', kind: 'number' },
  { flag: 'mode', field: 'mode', kind: 'string' },
  { flag: 'redis', field: 'redis_url', kind: 'string' },
  { flag: 'max-cycles', field: 'max_cycles', kind: 'number' },
];

/** The strategy config, account labels and Telegram chat assembled from `--config` and the flags (flags win). */
interface Assembled {
  config: Record<string, unknown>;
  labels: { A?: string; B?: string };
  telegramChatId: string | undefined;
}

/** @throws ConfigError naming each bad field (config path or `--flag`); UsageError for an unreadable file. */
function assemble(values: Record<string, string | boolean | undefined>): Assembled {
  const issues: FieldIssue[] = [];
  const fromFile = readConfigObject(values.config as string | undefined);
  const { account_a, account_b, telegram_chat_id, ...config } = fromFile;
  const cli = cliFieldsSchema.safeParse({ account_a, account_b, telegram_chat_id });
  if (!cli.success) issues.push(...cli.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  for (const { flag, field, kind } of FLAG_FIELDS) {
    const v = values[flag];
    if (typeof v !== 'string') continue;
    const n = kind === 'number' ? parseNumberFlag(v) : null;
    if (kind === 'string') config[field] = v;
    else if (n !== null) config[field] = n;
    else issues.push({ path: `--${flag}`, message: `"${v}" is not a number` });
  }
  issues.push(...labelFlagIssues(values, ['account-a', 'account-b']));
  if (typeof values.redis === 'string') {
    const problem = redisUrlProblem(values.redis);
    if (problem) issues.push({ path: '--redis', message: problem });
  }
  if (issues.length > 0) throw new ConfigError('bad settings', issues);
  const labels = { A: (values['account-a'] as string | undefined) ?? cli.data?.account_a, B: (values['account-b'] as string | undefined) ?? cli.data?.account_b };
  const chat = cli.data?.telegram_chat_id;
  return { config, labels, telegramChatId: chat === undefined ? undefined : String(chat) };
}

/**
 * The stored account of each role the mode takes, by label (case-insensitive).
 * With `--paper` a missing one is created as a paper Lighter account (default
 * labels "Maker A" / "Taker B"); live accounts must exist (Accounts page).
 * @throws ConfigError naming `account_a` / `account_b`.
 */
function resolveAccounts(roles: readonly string[], labels: Assembled['labels'], repo: AccountsRepository, paper: boolean, notes: string[]): Account[] {
  const issues: FieldIssue[] = [];
  const stored = repo.list();
  const found = roles.map((role) => {
    const path = `account_${role.toLowerCase()}`;
    const label = labels[role as 'A' | 'B'] ?? (paper ? DEFAULT_LABELS[role] : undefined);
    if (!label) {
      issues.push({ path, message: `name account ${role} (--account-${role.toLowerCase()} LABEL, or "${path}" in the config), or pass --paper` });
      return null;
    }
    const existing = stored.find((a) => a.label.toLowerCase() === label.toLowerCase());
    if (existing) {
      if (paper && existing.mode !== 'paper') issues.push({ path, message: `"${existing.label}" is a live account; use another label for a paper one` });
      return existing;
    }
    if (!paper) {
      issues.push({ path, message: `no account "${label}" (known: ${stored.map((a) => a.label).join(', ') || 'none'}); add live accounts on the Accounts page, or pass --paper` });
      return null;
    }
    const created = repo.create({ venue: 'lighter', label, mode: 'paper', identifiers: {} });
    notes.push(`created paper Lighter account "${created.label}" (${created.id})`);
    stored.push(created);
    return created;
  });
  if (found.length === 2 && found[0] && found[1] && found[0].id === found[1].id) issues.push({ path: 'account_b', message: 'the same account as account_a' });
  if (issues.length > 0) throw new ConfigError('accounts', issues);
  return found as Account[];
}

/** One line when the cycles, the unhedged size or the transport change. */
function stateLine(e: Extract<RunEvent, { type: 'maker-taker' }>): string {
  const a = e.a ? ` A ${e.a.position}` : '';
  const b = e.b ? ` B ${e.b.position} (hedges ${e.b.hedges}, retries ${e.b.retries})` : '';
  return `cycles ${e.cycles}:${a}${b} ${e.symbol}; unhedged ${e.unhedgedSize}${e.transport === 'off' ? '' : `; redis ${e.transport}`}`;
}

/** `hedgedesk run maker-taker-hedge`: A posts at bid depth, B hedges every fill; in the foreground. */
export const runMakerTakerHedgeCommand: CliCommand = {
  summary: 'Run maker-taker-hedge in the foreground: A posts a bid, B hedges every fill; then the summary.',
  help: `  hedgedesk run maker-taker-hedge --market ETH --quantity 100000 --depth 1 [options]
  --market M         The market A quotes and B hedges (ETH, BTC…).
  --quantity Q       Size of each maker order: the venue integer base amount as the originals take
                     it (100000 = 10 ETH at 4 size decimals), or base units with --quantity-unit base.
  --depth N          Bid level A joins (1 = best bid; default 1).
  --mode M           both (default: A and B here) | a (A only; its fills go to Redis) | b (B only:
                     hedges the fills an A elsewhere publishes; needs --redis).
  --redis URL        redis://host:port/db: fills on hedge:account_a_filled, acks on
                     hedge:account_b_filled (the originals' channels and JSON), so A and B can run
                     on two machines. Default: in-process.
  --account-a LABEL --account-b LABEL
                     The stored accounts (default with --paper: "Maker A", "Taker B").
  --paper            Create missing accounts as paper accounts on the built-in Lighter simulator.
  --max-cycles N     Stop after N hedged maker orders (default 0: until Ctrl+C).
  --config FILE      JSON with any of the above as config keys (market, quantity, quantity_unit,
                     depth, mode, redis_url, account_a, account_b) and retry_times, poll_interval (s),
                     order_timeout (s), slippage_bps, ack_timeout (s), max_cycles, telegram_chat_id;
                     the originals' nested strategy/lighter/redis keys are read too. Flags win.
  --on-restart M     resume | flatten | ask (default) for a run a previous process left running.
${RECONCILE_EVERY_HELP}
  --data-dir D  --log-level L
  Ctrl+C stops the run: A's order is cancelled, hedges in flight finish, residual positions are
  reported. Exit code 1 when the run failed.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        market: { type: 'string' },
        quantity: { type: 'string' },
        'quantity-unit': { type: 'string' },
        depth: { type: 'string' },
        mode: { type: 'string' },
        redis: { type: 'string' },
        'max-cycles': { type: 'string' },
        'account-a': { type: 'string' },
        'account-b': { type: 'string' },
        ...FOREGROUND_RUN_OPTIONS,
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`run: unexpected argument "${positionals[0]}"`);
    const onRestart = parseOnRestart(values['on-restart']);
    if (!values.config && !values.market) throw new UsageError('run: give --market and --quantity (or --config FILE)');
    const source = values.config ?? '(command line)';
    const out = (s: string) => void process.stdout.write(terminalText(s));
    let assembled: Assembled;
    let roles: readonly string[];
    try {
      assembled = assemble(values);
      roles = rolesForMode(parseMakerTakerConfig(assembled.config).mode);
    } catch (err) {
      if (err instanceof ConfigError) throw new Error(formatConfigError(err, source));
      throw err;
    }
    let lastLine = '';
    await runInForeground({
      strategy: STRATEGY,
      onRestart,
      reconcileIntervalMs: parseReconcileEvery(values['reconcile-every']),
      dataDir: values['data-dir'],
      logLevel: parseLogLevel(values['log-level']),
      source,
      notifierConfig: { telegram: { botToken: undefined, chatId: assembled.telegramChatId } },
      out,
      marketCheck: values.paper ? { config: assembled.config, venues: ['lighter'] } : undefined,
      onEvent: (e, runId) => {
        if (e.type !== 'maker-taker' || e.runId !== runId) return;
        const line = stateLine(e);
        if (line !== lastLine) out(`${line}\n`);
        lastLine = line;
      },
      prepare: (rt) => {
        const created: string[] = [];
        const accounts = resolveAccounts(roles, assembled.labels, rt.accounts, values.paper, created);
        return {
          request: { strategy: STRATEGY, config: assembled.config, accountIds: accounts.map((a) => a.id) },
          notes: created,
          detail: accounts.map((a, i) => `${roles[i]} "${a.label}"`).join(', '),
        };
      },
    });
  },
};
