import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/schemas/log';
import { logExportFileName, logsToJsonLines } from './log-export';

describe('logsToJsonLines', () => {
  it('writes one JSON object per line with an ISO time', () => {
    const lines: LogLine[] = [
      { seq: 1, time: 1_763_720_103_000, level: 'info', msg: 'a "quoted" msg', component: 'engine' },
      { seq: 2, time: 1_763_720_104_500, level: 'warn', msg: 'two\nlines', account: 'acc_1' },
    ];
    const text = logsToJsonLines(lines);
    expect(text.endsWith('\n')).toBe(true);
    const parsed = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toEqual([
      { ...lines[0], isoTime: '2025-11-21T10:15:03.000Z' },
      { ...lines[1], isoTime: '2025-11-21T10:15:04.500Z' },
    ]);
    expect(logsToJsonLines([])).toBe('');
  });
});

describe('logExportFileName', () => {
  it('is hedgedesk-logs-<UTC stamp>.jsonl without colons', () => {
    expect(logExportFileName(new Date('2026-11-21T10:15:03.123Z'))).toBe('hedgedesk-logs-20261121T101503Z.jsonl');
  });
});
