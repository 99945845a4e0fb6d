import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SteppedClock } from '../engine/testing/stepped-clock';
import { RenewedSwitch } from './dead-mans-switch';

const logger = pino({ level: 'silent' });

describe('RenewedSwitch (a dead-man’s switch kept alive by re-scheduling a venue-side cancel-all)', () => {
  it('schedules at once, renews every window / 2 for now + the window in force (at least the venue’s floor), aborts on release', async () => {
    const clock = new SteppedClock();
    const start = clock.now();
    const calls: string[] = [];
    const s = await RenewedSwitch.arm({
      windowMs: 60_000,
      floorMs: 300_000,
      schedule: async (at) => void calls.push(`schedule +${(clock.now() - start) / 1000}s → +${(at - start) / 1000}s`),
      abort: async () => void calls.push(`abort +${(clock.now() - start) / 1000}s`),
      clock,
      logger,
    });
    expect(s.windowMs).toBe(300_000);
    await clock.sleep(61_000);
    await s.release();
    expect(calls).toEqual(['schedule +0s → +300s', 'schedule +30s → +330s', 'schedule +60s → +360s', 'abort +61s']);
    // Released: no more renewals.
    await clock.sleep(120_000);
    expect(calls).toHaveLength(4);
  });

  it('keeps renewing after a failed renewal, and refuses a window that is not positive', async () => {
    const clock = new SteppedClock();
    let n = 0;
    const s = await RenewedSwitch.arm({
      windowMs: 10_000,
      floorMs: 0,
      schedule: async () => {
        if (n++ === 1) throw new Error('429');
      },
      abort: async () => undefined,
      clock,
      logger,
    });
    await clock.sleep(16_000);
    await s.release();
    expect(n).toBe(4);
    await expect(RenewedSwitch.arm({ windowMs: 0, floorMs: 0, schedule: async () => undefined, abort: async () => undefined, clock, logger })).rejects.toThrow(RangeError);
  });
});
