import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type { ResponseOf } from '../../../shared/contract';
import type { RunEvent, RunViewShape } from '../../../shared/schemas/runs';
import type { StrategyId } from '../../../shared/schemas/strategy-ids';
import { useApi } from '../api';
import { throttle } from '../utils/throttle';

export type RunDetails = ResponseOf<'runs.get'>;

/** How many events of each run the event log keeps. */
export const RUN_LOG_SIZE = 200;
/** UI updates from `run.event` happen at most this often (ms). */
export const RUN_UI_PERIOD_MS = 300;

/** One entry of a run's event log; `seq` is unique in the store (a list key). */
export interface LoggedRunEvent {
  seq: number;
  event: RunEvent;
}

const ENDED = new Set(['stopped', 'failed']);

/**
 * Strategy runs: the list (newest first), details of the runs opened, and
 * the latest events of each run. Follows `run.event`, applying the events
 * in batches at most every {@link RUN_UI_PERIOD_MS} ms.
 */
export const useRunsStore = defineStore('runs', () => {
  const api = useApi();
  const runs = ref<RunViewShape[]>([]);
  const loaded = ref(false);
  const details = ref<Record<string, RunDetails>>({});
  /** Latest events per run id, oldest first (at most {@link RUN_LOG_SIZE}). */
  const events = shallowRef<Record<string, LoggedRunEvent[]>>({});
  let seq = 0;
  let pending: RunEvent[] = [];

  const flush = throttle(() => {
    const batch = pending;
    pending = [];
    apply(batch);
  }, RUN_UI_PERIOD_MS);

  api.on('run.event', (event) => {
    pending.push(event);
    flush();
  });

  function patch(run: RunViewShape, event: RunEvent): void {
    switch (event.type) {
      case 'status':
        run.status = event.to;
        if (event.to === 'running' && run.startedAt === null) run.startedAt = event.at;
        if (ENDED.has(event.to)) run.endedAt = event.at;
        break;
      case 'progress':
        run.progress = event;
        break;
      case 'exposure':
        run.exposure = event.symbols;
        break;
      case 'reconciliation':
        run.reconciliation = event;
        break;
      case 'risk':
        run.riskMode = event.to;
        break;
      case 'summary':
        run.summary = event.summary;
        break;
      default:
        break;
    }
  }

  function apply(batch: RunEvent[]): void {
    if (batch.length === 0) return;
    let unknown = false;
    const ended = new Set<string>();
    const log = events.value;
    for (const event of batch) {
      const run = runs.value.find((r) => r.id === event.runId);
      if (run) patch(run, event);
      else unknown = true;
      const detail = details.value[event.runId];
      if (detail) patch(detail, event);
      if (event.type === 'status' && ENDED.has(event.to)) ended.add(event.runId);
      const list = (log[event.runId] ??= []);
      list.push({ seq: ++seq, event });
      if (list.length > RUN_LOG_SIZE) list.splice(0, list.length - RUN_LOG_SIZE);
    }
    triggerRef(events);
    if (unknown) void load();
    // An ended run: fetch its final view, summary and exposure series.
    for (const id of ended) void loadDetails(id);
  }

  /** Fetches the run list. */
  async function load(): Promise<void> {
    runs.value = await api.invoke('runs.list', {});
    loaded.value = true;
  }

  /** Fetches one run with its config and exposure series (and refreshes its list entry). */
  async function loadDetails(runId: string): Promise<RunDetails> {
    const d = await api.invoke('runs.get', { runId });
    details.value[runId] = d;
    const { config: _config, transitions: _transitions, exposureSeries: _series, ...view } = d;
    const i = runs.value.findIndex((r) => r.id === runId);
    if (i === -1) runs.value.unshift(view);
    else runs.value.splice(i, 1, view);
    return d;
  }

  /** Starts a run. @throws ContractError (`INVALID_REQUEST` with config issue paths, `CONFLICT` on `accountIds`). */
  async function start(strategy: StrategyId, config: Record<string, unknown>, accountIds: string[]): Promise<string> {
    const { runId } = await api.invoke('runs.start', { strategy, config, accountIds });
    void load();
    return runId;
  }

  /** Stops a run (with `flatten`, closing its positions); resolves once it has stopped. */
  async function stop(runId: string, flatten: boolean): Promise<void> {
    await api.invoke('runs.stop', { runId, flatten });
    await loadDetails(runId);
  }

  /** Resumes an interrupted run. */
  async function resume(runId: string): Promise<void> {
    await api.invoke('runs.resume', { runId });
    await loadDetails(runId);
  }

  return { runs, loaded, details, events, load, loadDetails, start, stop, resume };
});
