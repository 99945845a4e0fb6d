import { defineStore } from 'pinia';
import { shallowRef, triggerRef } from 'vue';
import type { LogLine } from '../../../shared/schemas/log';
import { useApi } from '../api';

/** Most log lines kept in memory; older ones are dropped first. */
export const MAX_LOG_LINES = 5000;

/**
 * The live log: the core's recent lines plus every `log.line` since, ordered
 * by `seq`, capped at {@link MAX_LOG_LINES}. Started on first use and kept
 * running so the list is complete when the Logs page is opened again.
 */
export const useLogsStore = defineStore('logs', () => {
  const api = useApi();
  const lines = shallowRef<LogLine[]>([]);
  let started = false;

  function cap(): void {
    const overflow = lines.value.length - MAX_LOG_LINES;
    if (overflow > 0) lines.value.splice(0, overflow);
  }

  function append(line: LogLine): void {
    const last = lines.value.at(-1);
    if (last && line.seq <= last.seq) return;
    lines.value.push(line);
    cap();
    triggerRef(lines);
  }

  /** Merges a batch of recent lines with what is already here (by `seq`). */
  function merge(recent: LogLine[]): void {
    const newest = recent.at(-1);
    const last = lines.value.at(-1);
    // Lower sequence numbers than ours mean the core restarted: its log starts afresh.
    if (newest && last && newest.seq < last.seq) {
      lines.value = recent.slice(-MAX_LOG_LINES);
      return;
    }
    const bySeq = new Map<number, LogLine>();
    for (const line of [...recent, ...lines.value]) bySeq.set(line.seq, line);
    lines.value = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    cap();
  }

  /** Fetches the recent lines again (after a reconnect) and merges them in. */
  async function refill(): Promise<void> {
    merge(await api.invoke('logs.recent', { limit: MAX_LOG_LINES }));
  }

  /** Subscribes to `log.line` and loads the recent lines; does nothing when already started. */
  async function start(): Promise<void> {
    if (started) return;
    started = true;
    api.on('log.line', append);
    await refill();
  }

  /** Whether {@link start} has been called. */
  function isStarted(): boolean {
    return started;
  }

  return { lines, start, refill, isStarted };
});
