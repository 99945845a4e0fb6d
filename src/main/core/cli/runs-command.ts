import { terminalText } from './terminal-text';
import { parseArgs } from 'node:util';
import { NullNotifier } from '../notify/null-notifier';
import { createEngine } from '../engine/create-engine';
import type { RunDetails, RunView } from '../engine/engine';
import { formatSummaryTable } from '../engine/summary-text';
import { openCliRuntime } from './cli-runtime';
import type { CliCommand } from './command';
import { parseLogLevel } from './flags';
import { UsageError } from './usage-error';

function time(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** `hedgedesk runs list` as a table, newest first. */
export function formatRunList(runs: readonly RunView[]): string {
  if (runs.length === 0) return 'no runs yet';
  const rows = runs.map((r) => [
    r.id,
    r.strategy,
    r.interrupted ? `${r.status} (interrupted)` : r.status,
    time(r.startedAt ?? r.createdAt),
    time(r.endedAt),
    r.summary ? Number(r.summary.total.volume).toFixed(2) : '—',
    r.accounts.map((a) => a.label).join(', '),
    r.stopReason ?? r.error ?? '',
  ]);
  const header = ['RUN', 'STRATEGY', 'STATUS', 'STARTED (UTC)', 'ENDED (UTC)', 'VOLUME USDC', 'ACCOUNTS', 'REASON'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [fmt(header), ...rows.map(fmt)].join('\n');
}

/** `hedgedesk runs show ID`: status, accounts, transitions, the summary and exposure. */
export function formatRunDetails(run: RunDetails): string {
  const lines = [
    `run ${run.id} (${run.strategy}) ${run.status}${run.interrupted ? ' — interrupted: resume or flatten it with hedgedesk run … --on-restart' : ''}`,
    `accounts: ${run.accounts.map((a) => `${a.role}=${a.label} (${a.accountId})`).join(', ')}`,
    `started ${time(run.startedAt)}, ended ${time(run.endedAt)} (UTC); risk ${run.riskMode}`,
  ];
  if (run.stopReason) lines.push(`stop reason: ${run.stopReason}`);
  if (run.error) lines.push(`error: ${run.error}`);
  lines.push('', 'transitions:');
  const labels = new Map(run.accounts.map((a) => [a.accountId, `${a.role} ${a.label}`]));
  for (const t of run.transitions) {
    lines.push(`  ${time(t.at)}  ${(labels.get(t.scope) ?? t.scope).padEnd(12)} ${t.from ?? '—'} → ${t.to}${t.reason ? `  (${t.reason})` : ''}`);
  }
  if (run.exposureSeries.length > 0) {
    const bySymbol = new Map<string, { max: number; last: string }>();
    for (const s of run.exposureSeries) {
      const e = bySymbol.get(s.symbol) ?? { max: 0, last: '0' };
      bySymbol.set(s.symbol, { max: Math.max(e.max, Number(s.netNotional)), last: s.netSize });
    }
    lines.push('', `net exposure (${run.exposureSeries.length} samples): ${[...bySymbol].map(([sym, e]) => `${sym} last ${e.last}, max ${e.max.toFixed(2)} USDC`).join('; ')}`);
  }
  lines.push('', run.summary ? formatSummaryTable(run.summary) : 'no summary (the run has not ended)');
  return lines.join('\n');
}

/** `hedgedesk runs list|show ID`: the runs stored in the data directory. */
export const runsCommand: CliCommand = {
  summary: 'List strategy runs, or show one run: transitions, exposure and summary.',
  help: `  hedgedesk runs list [--data-dir D] [--json]
  hedgedesk runs show RUN_ID [--data-dir D] [--json]
  --json            Print JSON instead of tables.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false }, 'log-level': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [action, id, ...extra] = positionals;
    if (action !== 'list' && action !== 'show') throw new UsageError('runs: say list or show RUN_ID');
    if (action === 'show' && !id) throw new UsageError('runs show: which run? (hedgedesk runs list shows the ids)');
    if (extra.length > 0 || (action === 'list' && id)) throw new UsageError(`runs: unexpected argument "${extra[0] ?? id}"`);
    const rt = openCliRuntime({ dataDir: values['data-dir'], logLevel: parseLogLevel(values['log-level'] ?? 'warn') });
    const engine = createEngine({ db: rt.db, secrets: rt.secrets, logger: rt.log.logger, notifier: new NullNotifier(), dataDir: rt.dataDir });
    try {
      const result = action === 'list' ? engine.listRuns() : engine.getRun(id!);
      const text = values.json ? JSON.stringify(result, null, 2) : action === 'list' ? formatRunList(result as RunView[]) : formatRunDetails(result as RunDetails);
      process.stdout.write(`${terminalText(text)}\n`);
    } finally {
      await engine.close();
      await rt.close();
    }
  },
};
