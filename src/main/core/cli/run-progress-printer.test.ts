import { describe, expect, it } from 'vitest';
import type { AccountProgress, RunEvent } from '../../../shared/schemas/runs';
import { VirtualClock } from '../venues/virtual-clock';
import { formatAccountLine, formatExposureLine, progressBar, RunProgressPrinter } from './run-progress-printer';

const account = (over: Partial<AccountProgress>): AccountProgress => ({
  accountId: 'acc_a',
  label: 'Maker',
  role: 'A',
  symbol: 'ETH',
  phase: 'entering',
  filledSize: '0.05',
  targetSize: '0.1',
  filledNotional: '150',
  targetNotional: '300',
  slices: 2,
  holdStartedAt: null,
  holdEndsAt: null,
  holdLeftMs: null,
  exitStartSize: null,
  exitRemainingSize: null,
  ...over,
});

describe('run progress in the terminal', () => {
  it('draws bars, filled / target, hold time left and exit progress', () => {
    expect(progressBar('1', '4', 8)).toBe('[██░░░░░░]');
    expect(progressBar('9', '4', 4)).toBe('[████]');
    expect(progressBar('1', '0', 4)).toBe('[░░░░]');
    expect(formatAccountLine(account({}))).toBe('A Maker      ETH   entering [██████████░░░░░░░░░░] 150.0/300.0 USDC (0.05/0.1 ETH) slices 2');
    expect(formatAccountLine(account({ phase: 'holding', holdLeftMs: 125_000 }))).toMatch(/hold 02:05 left$/);
    expect(formatAccountLine(account({ phase: 'exiting', exitStartSize: '0.1', exitRemainingSize: '0.025' }))).toMatch(/\[███████████████░░░░░\] exit 0.025 ETH left of 0.1$/);
    expect(formatAccountLine(account({ symbol: null, phase: 'idle' }))).toMatch(/hedging only this round$/);
    expect(formatExposureLine([{ symbol: 'ETH', netSize: '0.001', pendingSize: '0', uncoveredSize: '0.001', boundSize: '0.005', price: '3000', netNotional: '3' }])).toBe(
      'net exposure: ETH 0.001 (3.00 USDC, uncovered 0.001)',
    );
  });

  it('prints a block on phase changes and lines for transitions, only for its run', () => {
    const out: string[] = [];
    const printer = new RunProgressPrinter(() => 'run_1', { write: (s) => out.push(s), tty: false, clock: new VirtualClock(), everyMs: 60_000 });
    const progress = (phase: AccountProgress['phase']): RunEvent => ({ type: 'progress', runId: 'run_1', at: 0, round: 0, rounds: 1, accounts: [account({ phase })] });
    printer.handle(progress('entering'));
    printer.handle(progress('entering'));
    printer.handle({ type: 'transition', runId: 'run_1', at: 0, accountId: 'acc_a', from: 'entering', to: 'holding', reason: 'target reached' });
    printer.handle(progress('holding'));
    printer.handle({ ...progress('exiting'), runId: 'run_other' });
    expect(out.filter((s) => s.startsWith('round 1/1'))).toHaveLength(2);
    expect(out.some((s) => s.endsWith('A Maker: entering → holding (target reached)\n'))).toBe(true);
  });

  it('shows an escape sequence in a label (stored by an older version) instead of letting the terminal obey it', () => {
    const out: string[] = [];
    const printer = new RunProgressPrinter(() => 'run_1', { write: (s) => out.push(s), tty: true, clock: new VirtualClock() });
    const evil = account({ label: 'Mk\u001b[2J' });
    printer.handle({ type: 'progress', runId: 'run_1', at: 0, round: 0, rounds: 1, accounts: [evil] });
    printer.handle({ type: 'transition', runId: 'run_1', at: 0, accountId: 'acc_a', from: 'entering', to: 'holding', reason: 'done\u009b2J' });
    const text = out.join('');
    expect(text).toContain('A Mk\\x1b[2J');
    expect(text).toContain('(done\\x9b2J)');
    // Only the printer's own redraw codes (cursor up, erase below) reach the terminal.
    expect(text.replace(/\u001b\[\d+A\u001b\[J/g, '')).not.toMatch(/[\u001b\u009b]/);
  });
});
