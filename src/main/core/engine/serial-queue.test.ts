import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('runs tasks one at a time in push order, reports errors and goes on', async () => {
    const errors: unknown[] = [];
    const q = new SerialQueue((e) => errors.push(e));
    const log: string[] = [];
    const task = (name: string, ticks: number, fail = false) => async () => {
      log.push(`start ${name}`);
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
    };
    void q.push(task('a', 5));
    void q.push(task('b', 1, true));
    void q.push(() => {
      void q.push(task('d', 50));
      log.push('c');
    });
    expect(q.size).toBe(3);
    await q.idle();
    expect(log).not.toContain('end d'); // d was queued after idle() was called: not waited for
    await q.idle();
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'c', 'start d', 'end d']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['b']);
    expect(q.size).toBe(0);
  });
});
