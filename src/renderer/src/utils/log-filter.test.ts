import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/schemas/log';
import { filterLogLines } from './log-filter';

const lines: LogLine[] = [
  { seq: 1, time: 0, level: 'debug', msg: 'tick', component: 'engine' },
  { seq: 2, time: 0, level: 'info', msg: 'account "a" created', component: 'accounts', account: 'acc_000000000001' },
  { seq: 3, time: 0, level: 'warn', msg: 'slow ack', component: 'venue', strategy: 'tri-hedge-hold' },
  { seq: 4, time: 0, level: 'error', msg: 'Order REJECTED' },
];

describe('filterLogLines', () => {
  it('keeps lines at or above the level', () => {
    expect(filterLogLines(lines, 'warn', '').map((l) => l.seq)).toEqual([3, 4]);
    expect(filterLogLines(lines, 'trace', '').map((l) => l.seq)).toEqual([1, 2, 3, 4]);
  });

  it('matches text case-insensitively in message, component, account and strategy', () => {
    expect(filterLogLines(lines, 'trace', 'rejected').map((l) => l.seq)).toEqual([4]);
    expect(filterLogLines(lines, 'trace', 'ENGINE').map((l) => l.seq)).toEqual([1]);
    expect(filterLogLines(lines, 'trace', 'acc_0000').map((l) => l.seq)).toEqual([2]);
    expect(filterLogLines(lines, 'trace', 'tri-hedge').map((l) => l.seq)).toEqual([3]);
  });

  it('combines level and text', () => {
    expect(filterLogLines(lines, 'info', 'ck').map((l) => l.seq)).toEqual([3]);
  });
});
