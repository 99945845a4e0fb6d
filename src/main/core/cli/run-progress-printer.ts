import { terminalText } from './terminal-text';
import type { Clock } from '../clock';
import type { AccountProgress, RunEvent, RunEventOf, SymbolExposure } from '../../../shared/schemas/runs';

const BAR_WIDTH = 20;

/** A text progress bar `[█████░░░░░]` for `done` of `total` (decimal strings), clamped to 0–100 %. */
export function progressBar(done: string, total: string, width = BAR_WIDTH): string {
  const t = Number(total);
  const ratio = t > 0 ? Math.min(1, Math.max(0, Number(done) / t)) : 0;
  const full = Math.round(ratio * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}]`;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function trim(value: string, decimals: number): string {
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(decimals) : value;
}

/** One line per account: role, label, symbol, phase, the bar with filled / target, and the hold or exit detail. */
export function formatAccountLine(a: AccountProgress): string {
  const head = `${a.role} ${a.label.padEnd(10).slice(0, 10)} ${(a.symbol ?? '—').padEnd(5)} ${a.phase.padEnd(8)}`;
  if (a.symbol === null) return `${head} hedging only this round`;
  let detail = `${progressBar(a.filledSize, a.targetSize)} ${trim(a.filledNotional, 1)}/${trim(a.targetNotional, 1)} USDC (${a.filledSize}/${a.targetSize} ${a.symbol}) slices ${a.slices}`;
  if (a.phase === 'holding' && a.holdLeftMs !== null) detail += `  hold ${duration(a.holdLeftMs)} left`;
  if ((a.phase === 'exiting' || a.phase === 'done') && a.exitStartSize !== null && a.exitRemainingSize !== null) {
    const exited = Number(a.exitStartSize) - Number(a.exitRemainingSize);
    detail = `${progressBar(String(exited), a.exitStartSize)} exit ${a.exitRemainingSize} ${a.symbol} left of ${a.exitStartSize}`;
  }
  return `${head} ${detail}`;
}

/** Net exposure per symbol on one line: signed size, |notional| and what in-flight hedges leave uncovered. */
export function formatExposureLine(symbols: readonly SymbolExposure[]): string {
  if (symbols.length === 0) return 'net exposure: —';
  return `net exposure: ${symbols.map((s) => `${s.symbol} ${s.netSize} (${trim(s.netNotional, 2)} USDC, uncovered ${s.uncoveredSize})`).join('  ')}`;
}

/** Options of {@link RunProgressPrinter}. */
export interface RunProgressPrinterOptions {
  /** Where to write. */
  write(text: string): void;
  /** Redraw the block in place (a terminal) instead of printing it again now and then. */
  tty: boolean;
  /** Wall clock for throttling. */
  clock: Clock;
  /** Least time between two printed blocks when not a terminal, ms (default 5000). */
  everyMs?: number;
}

/**
 * Live progress of one run in a terminal: a block with the round, one line
 * per account (phase, filled / target with a bar, hold time left, exit
 * progress) and the net exposure — redrawn in place on a terminal, printed
 * on phase changes and every few seconds otherwise — plus one line for every
 * transition, risk change, warning and status change.
 */
export class RunProgressPrinter {
  private progress: RunEventOf<'progress'> | null = null;
  private exposure: SymbolExposure[] = [];
  private drawn = 0;
  private lastBlockAt = 0;
  private lastPhases = '';

  constructor(
    private readonly runId: () => string | null,
    private readonly opts: RunProgressPrinterOptions,
  ) {}

  /** Feeds one run event (events of other runs are ignored). */
  handle(event: RunEvent): void {
    const id = this.runId();
    if (id !== null && event.runId !== id) return;
    switch (event.type) {
      case 'progress':
        this.progress = event;
        this.block();
        break;
      case 'exposure':
        this.exposure = event.symbols;
        break;
      case 'transition':
        this.line(`${this.labelOf(event.accountId)}: ${event.from ?? '—'} → ${event.to}${event.reason ? ` (${event.reason})` : ''}`);
        break;
      case 'status':
        this.line(`run ${event.runId}: ${event.from ?? '—'} → ${event.to}${event.reason ? ` (${event.reason})` : ''}`);
        break;
      case 'risk':
        this.line(`risk guard: ${event.from} → ${event.to}: ${event.reason}`);
        break;
      case 'log':
        if (event.level !== 'info' || !/^rebalancing/.test(event.message)) this.line(`${event.level}: ${event.message}`);
        break;
      default:
        break;
    }
  }

  /** Prints the last block once more (e.g. at the end). */
  flush(): void {
    this.block(true);
  }

  private labelOf(accountId: string): string {
    const a = this.progress?.accounts.find((x) => x.accountId === accountId);
    return a ? `${a.role} ${a.label}` : accountId;
  }

  private render(): string[] {
    const p = this.progress!;
    const rounds = p.rounds === null ? '' : `/${p.rounds}`;
    // Labels and reasons come from users and venues: shown, never obeyed by the terminal.
    return [`round ${Math.min(p.round + 1, p.rounds ?? Infinity)}${rounds}`, ...p.accounts.map(formatAccountLine), formatExposureLine(this.exposure)].map(terminalText);
  }

  private block(force = false): void {
    if (!this.progress) return;
    const lines = this.render();
    if (this.opts.tty) {
      this.erase();
      this.opts.write(lines.join('\n') + '\n');
      this.drawn = lines.length;
      return;
    }
    const phases = this.progress.accounts.map((a) => `${a.phase}:${a.slices}`).join(',');
    const now = this.opts.clock.now();
    if (!force && phases === this.lastPhases && now - this.lastBlockAt < (this.opts.everyMs ?? 5000)) return;
    this.lastPhases = phases;
    this.lastBlockAt = now;
    this.opts.write(lines.join('\n') + '\n');
  }

  private erase(): void {
    if (this.drawn > 0) this.opts.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private line(raw: string): void {
    const text = terminalText(raw);
    const time = new Date(this.opts.clock.now()).toISOString().slice(11, 19);
    if (this.opts.tty) {
      this.erase();
      this.opts.write(`${time} ${text}\n`);
      this.block();
    } else this.opts.write(`${time} ${text}\n`);
  }
}
