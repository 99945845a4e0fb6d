import type { Clock } from '../clock';

/** The clock's time in whole ms (what runs store and emit). */
export function wholeMsNow(clock: Clock): number {
  return Math.floor(clock.now());
}

/**
 * Sleeps `ms` (rounded to whole ms; nothing for ≤ 0) on the clock; ends early,
 * without throwing, when `signal` aborts (a stop or halt).
 */
export async function sleepUnlessHalted(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  const whole = Math.round(ms);
  if (whole > 0) await clock.sleep(whole, signal).catch(() => undefined);
}
