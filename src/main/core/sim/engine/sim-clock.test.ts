import { describe, expect, it } from 'vitest';
import { ManualSimClock } from './sim-clock';

describe('ManualSimClock', () => {
  it('fires due timers in time order with now() at their due time', () => {
    const clock = new ManualSimClock(1_000);
    const log: string[] = [];
    clock.every(100, () => log.push(`tick@${clock.now()}`));
    clock.after(150, () => log.push(`once@${clock.now()}`));
    const cancel = clock.after(120, () => log.push('never'));
    cancel();
    clock.advance(250);
    expect(log).toEqual(['tick@1100', 'once@1150', 'tick@1200']);
    expect(clock.now()).toBe(1_250);
  });

  it('stops a repeating timer and refuses to go back or spin forever', () => {
    const clock = new ManualSimClock();
    let n = 0;
    const stop = clock.every(10, () => n++);
    clock.advance(30);
    stop();
    clock.advance(30);
    expect(n).toBe(3);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.every(0, () => undefined)).toThrow(RangeError);
    clock.every(1, () => undefined);
    expect(() => clock.advance(200_000)).toThrow(/too many timer firings/);
  });
});
