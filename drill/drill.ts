/**
 * `npm run drill`: the fault drill. Runs the app as its own process
 * (`hedgedesk run …` / `hedgedesk serve`) against simulator processes
 * (`hedgedesk sim lighter|paradex`) and injects the faults of `faults.ts` one
 * by one, each in a fresh world. Net exposure is measured from the venues'
 * truth (the simulators' positions, polled every 100 ms), fills from the app's
 * SQLite against the simulators' trade lists. Prints one table and writes it
 * (with the machine and date) into docs/reliability.md between its markers.
 *
 *   npm run drill                       every fault, table into docs/reliability.md
 *   npm run drill -- --only 429,jwt     faults whose name contains one of the words
 *   npm run drill -- --no-doc --keep    leave the doc alone; keep the logs and data dirs
 *   npm run drill -- --app-log-level debug   the app processes log at debug (see <data dir>/logs)
 *
 * Everything binds 127.0.0.1; every wait is bounded (a fault at most 3 min,
 * the whole drill at most 25 min).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killAllChildren } from './child-process';
import { setAppLogLevel } from './drill-world';
import { FAULTS } from './faults';
import { markdownTable, textTable, type FaultRow } from './report-table';
import { runFault } from './run-fault';

const DRILL_LIMIT_MS = 25 * 60_000;
const DOC = join(__dirname, '..', 'docs', 'reliability.md');
const BEGIN = '<!-- drill:begin (written by npm run drill; do not edit by hand) -->';
const END = '<!-- drill:end -->';

/** One line about the machine and the commit, for the doc. */
function machineLine(): string {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  const cpu = cpus();
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}; ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform}, Node ${process.versions.node}`;
}

/** Replaces the block between the markers of docs/reliability.md with the new table. */
function writeDoc(rows: readonly FaultRow[], totalSeconds: number): void {
  const block = [BEGIN, '', `Measured ${machineLine()}; the drill took ${Math.round(totalSeconds)} s.`, '', markdownTable(rows), '', END].join('\n');
  const text = readFileSync(DOC, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${DOC} has no drill markers`);
  writeFileSync(DOC, `${text.slice(0, a)}${block}${text.slice(b + END.length)}`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, 'no-doc': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, 'app-log-level': { type: 'string' } },
    strict: true,
  });
  if (values['app-log-level']) {
    if (!['trace', 'debug', 'info', 'warn', 'error'].includes(values['app-log-level'])) throw new Error(`--app-log-level: "${values['app-log-level']}" is not trace|debug|info|warn|error`);
    setAppLogLevel(values['app-log-level']);
  }
  const words = values.only?.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  const faults = words ? FAULTS.filter((f) => words.some((w) => f.name.toLowerCase().includes(w))) : FAULTS;
  if (faults.length === 0) throw new Error(`--only: no fault matches "${values.only}" (faults: ${FAULTS.map((f) => f.name).join('; ')})`);
  const root = mkdtempSync(join(tmpdir(), 'hedgedesk-drill-'));
  const started = Date.now();
  const rows: FaultRow[] = [];
  process.stdout.write(`HedgeDesk fault drill: ${faults.length} fault(s), each against fresh simulator processes on 127.0.0.1 (work dir ${root})\n\n`);
  for (const [i, fault] of faults.entries()) {
    if (Date.now() - started > DRILL_LIMIT_MS) {
      rows.push({ fault: fault.name, exposure: null, fills: null, serveAlive: null, seconds: 0, notes: [], error: `not run: the drill passed its ${DRILL_LIMIT_MS / 60_000}-minute limit` });
      continue;
    }
    const dir = join(root, `${String(i + 1).padStart(2, '0')}-${fault.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${fault.name} … `);
    const row = await runFault(fault, dir);
    process.stdout.write(`${row.error ? 'error' : 'done'} (${row.seconds.toFixed(0)} s; logs: ${dir})\n`);
    rows.push(row);
  }
  const total = (Date.now() - started) / 1000;
  process.stdout.write(`\n${textTable(rows)}\n\n`);
  if (!values['no-doc'] && !words) {
    writeDoc(rows, total);
    process.stdout.write(`table written to ${DOC}\n`);
  }
  if (values.keep) process.stdout.write(`logs and data dirs kept in ${root}\n`);
  else rmSync(root, { recursive: true, force: true });
  process.stdout.write(`drill finished in ${total.toFixed(0)} s\n`);
  return rows.some((r) => r.error) ? 1 : 0;
}

process.on('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stderr.write(`drill: ${signal}, stopping every simulator and app it started\n`);
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`drill failed: ${String(err instanceof Error ? err.stack : err)}\n`);
    process.exit(2);
  },
);
