import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/schemas/log';
import { filterLogLines, logFacets, type LogFilter } from './log-filter';

const lines: LogLine[] = [
  { seq: 1, time: 0, level: 'debug', msg: 'tick', component: 'engine' },
  { seq: 2, time: 0, level: 'info', msg: 'account "a" created', component: 'accounts', account: 'acc_000000000001' },
  { seq: 3, time: 0, level: 'warn', msg: 'slow ack', component: 'venue', strategy: 'tri-hedge-hold' },
  { seq: 4, time: 0, level: 'error', msg: 'Order REJECTED' },
  { seq: 5, time: 0, level: 'warn', msg: 'hedge leg refused', account: 'acc_000000000002', strategy: 'tri-hedge-hold' },
];

const all: LogFilter = { minLevel: 'trace', text: '', account: null, strategy: null };
const seqs = (filter: Partial<LogFilter>) => filterLogLines(lines, { ...all, ...filter }).map((l) => l.seq);

describe('filterLogLines', () => {
  it('keeps lines at or above the level', () => {
    expect(seqs({ minLevel: 'warn' })).toEqual([3, 4, 5]);
    expect(seqs({})).toEqual([1, 2, 3, 4, 5]);
  });

  it('matches text case-insensitively in message, component, account and strategy', () => {
    expect(seqs({ text: 'rejected' })).toEqual([4]);
    expect(seqs({ text: 'ENGINE' })).toEqual([1]);
    expect(seqs({ text: 'acc_0000' })).toEqual([2, 5]);
    expect(seqs({ text: 'tri-hedge' })).toEqual([3, 5]);
  });

  it('keeps only the chosen account and strategy', () => {
    expect(seqs({ account: 'acc_000000000002' })).toEqual([5]);
    expect(seqs({ strategy: 'tri-hedge-hold' })).toEqual([3, 5]);
    expect(seqs({ strategy: 'tri-hedge-hold', account: 'acc_000000000001' })).toEqual([]);
  });

  it('combines level, text, account and strategy', () => {
    expect(seqs({ minLevel: 'info', text: 'ck' })).toEqual([3]);
    expect(seqs({ minLevel: 'error', strategy: 'tri-hedge-hold' })).toEqual([]);
  });
});

describe('logFacets', () => {
  it('lists the distinct accounts and strategies, sorted', () => {
    expect(logFacets(lines)).toEqual({ accounts: ['acc_000000000001', 'acc_000000000002'], strategies: ['tri-hedge-hold'] });
  });
});
