import type { MakerTakerEvent } from '../../../../shared/schemas/maker-taker-hedge';
import type { RunEvent } from '../../../../shared/schemas/runs';

/** The latest `maker-taker` event among a run's events (oldest first), or null before the first. */
export function latestMakerTakerState(events: readonly RunEvent[]): MakerTakerEvent | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'maker-taker') return e;
  }
  return null;
}

/** The naive-ui tag type of a transport state: up green, down red, connecting amber, in-process plain. */
export function transportTagType(state: MakerTakerEvent['transport']): 'success' | 'error' | 'warning' | 'default' {
  return state === 'up' ? 'success' : state === 'down' ? 'error' : state === 'connecting' ? 'warning' : 'default';
}

/** True when the unhedged size (signed decimal string) is not zero. */
export function hasUnhedged(size: string): boolean {
  return Number(size) !== 0;
}

/** The cycles a run saved in its state (strategies/maker-taker-hedge/run-state.ts), for a run with no live event; null when absent. */
export function storedCycles(state: unknown): number | null {
  const cycles = typeof state === 'object' && state !== null ? (state as Record<string, unknown>).cycles : undefined;
  return typeof cycles === 'number' && Number.isInteger(cycles) && cycles >= 0 ? cycles : null;
}
