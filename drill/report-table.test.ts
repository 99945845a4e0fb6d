import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { ExposureReport } from './exposure';
import { markdownTable, textTable, type FaultRow } from './report-table';

const exposure = (over: Partial<ExposureReport>): ExposureReport => ({
  episodes: 1,
  p50: 0.4,
  max: 0.6,
  openAtEnd: false,
  largestNotional: new Decimal('51.037'),
  finalNet: new Map(),
  flatAtEnd: true,
  ...over,
});
const fills = { recorded: 3, venue: 4, lost: 1, duplicates: 0, unknown: 0 };

describe('drill table', () => {
  it('says when the target is missed, when a stretch was never covered and when nothing was naked', () => {
    const rows: FaultRow[] = [
      { fault: 'ok', exposure: exposure({}), fills, serveAlive: null, seconds: 1, notes: [] },
      { fault: 'slow', exposure: exposure({ p50: 6, max: 7.25 }), fills, serveAlive: true, seconds: 1, notes: ['a note'] },
      { fault: 'open', exposure: exposure({ max: 9, openAtEnd: true, flatAtEnd: false }), fills, serveAlive: false, seconds: 1, notes: [] },
      { fault: 'calm', exposure: exposure({ episodes: 0, p50: 0, max: 0 }), fills: { ...fills, unknown: 2 }, serveAlive: null, seconds: 1, notes: [] },
      { fault: 'broken', exposure: null, fills: null, serveAlive: null, seconds: 1, notes: [], error: 'simulator did not start\nstack' },
    ];
    const md = markdownTable(rows).split('\n');
    expect(md[0]).toBe('| fault | back within 1 min. order p50 / max (s) | fills SQLite / venue | lost | duplicates | largest naked (USDC) | flat at end | serve alive |');
    expect(md[2]).toBe('| ok | 0.4 / 0.6 | 3 / 4 | 1 | 0 | 51.04 | yes | — |');
    expect(md[3]).toBe('| slow | 6.0 / 7.3 (> 5 s) | 3 / 4 | 1 | 0 | 51.04 | yes | yes |');
    expect(md[4]).toBe('| open | 0.4 / 9.0 NOT COVERED | 3 / 4 | 1 | 0 | 51.04 | NO | NO |');
    expect(md[5]).toContain('| calm | never naked |');
    expect(md[6]).toBe('| broken | error: simulator did not start | — | — | — | — | — | — |');
    expect(md.slice(8)).toEqual(['- slow: a note', '- calm: 2 recorded fill(s) match no venue fill', '- broken: simulator did not start / stack']);
    const text = textTable(rows).split('\n');
    expect(new Set(text.slice(0, 7).map((l) => l.length)).size).toBe(1);
  });
});
