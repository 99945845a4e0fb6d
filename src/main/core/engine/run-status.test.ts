import { describe, expect, it } from 'vitest';
import { canTransition, RUN_STATUSES } from './run-status';

describe('run lifecycle', () => {
  it('allows starting → running → stopping → stopped | failed, resume back to starting, nothing after an end', () => {
    const steps = RUN_STATUSES.flatMap((from) => RUN_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(steps).toEqual([
      'starting→starting',
      'starting→running',
      'starting→stopping',
      'starting→failed',
      'running→starting',
      'running→stopping',
      'running→failed',
      'stopping→starting',
      'stopping→stopped',
      'stopping→failed',
    ]);
  });
});
