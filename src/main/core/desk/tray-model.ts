import type { DeskStopResult } from '../../../shared/schemas/desk';
import type { RunView } from '../engine/engine';

/** What the tray icon shows: nothing running, strategies running, or something the user must look at. */
export type TrayState = 'idle' | 'running' | 'attention';

/** A text for the shell to translate: a key of the renderer's `notify.tray` messages and its named values. */
export interface TrayText {
  key: string;
  params?: Record<string, string | number>;
}

/** What a tray menu item does when clicked. */
export type TrayAction = { type: 'show' } | { type: 'stopRun'; runId: string } | { type: 'stopAll' } | { type: 'flattenAll' } | { type: 'quit' };

/** One tray menu entry. */
export type TrayItem = { kind: 'action'; label: TrayText; action: TrayAction; enabled: boolean } | { kind: 'label'; label: TrayText } | { kind: 'separator' };

/** The tray as the shell renders it. */
export interface TrayModel {
  state: TrayState;
  tooltip: TrayText;
  items: TrayItem[];
}

/** The part of a run the tray reads. */
export type TrayRun = Pick<RunView, 'id' | 'strategy' | 'status' | 'interrupted' | 'riskMode' | 'accounts'>;

/** The part of a portfolio snapshot the tray reads (net exposure beyond the threshold, venues down). */
export interface TrayPortfolio {
  accounts: readonly { label: string; connection: string; disconnectedSince: number | null }[];
  exposure: readonly { symbol: string; beyondThreshold: boolean }[];
}

const ACTIVE = new Set(['starting', 'running', 'stopping']);

/** Runs active in this process (starting, running or stopping; not interrupted): what "quit" must stop. */
export function activeRuns<R extends TrayRun>(runs: readonly R[]): R[] {
  return runs.filter((r) => ACTIVE.has(r.status) && !r.interrupted);
}

/**
 * Why the desk needs the user's attention, most serious first: runs whose
 * risk guard halted or reduces only, runs interrupted by a restart, symbols
 * whose net exposure is beyond the threshold, venues down (not connected
 * after having been). Empty when all is well.
 */
export function attentionReasons(runs: readonly TrayRun[], portfolio: TrayPortfolio | null): TrayText[] {
  const reasons: TrayText[] = [];
  for (const r of activeRuns(runs)) if (r.riskMode !== 'normal') reasons.push({ key: 'riskMode', params: { strategy: r.strategy, mode: r.riskMode } });
  const interrupted = runs.filter((r) => r.interrupted).length;
  if (interrupted > 0) reasons.push({ key: 'interrupted', params: { count: interrupted } });
  for (const e of portfolio?.exposure ?? []) if (e.beyondThreshold) reasons.push({ key: 'exposure', params: { symbol: e.symbol } });
  for (const a of portfolio?.accounts ?? []) if (a.connection !== 'connected' && a.disconnectedSince !== null) reasons.push({ key: 'disconnected', params: { label: a.label } });
  return reasons;
}

/**
 * The tray from the runs and the attention reasons: state `attention` when
 * there is any reason, else `running` while a run is active, else `idle`.
 * Menu: show window; the attention reasons (at most 5, as labels); one
 * "stop" entry per active run (disabled while it stops); stop all, flatten
 * all (always enabled: any account may hold orders or positions); quit.
 */
export function trayModel(runs: readonly TrayRun[], attention: readonly TrayText[]): TrayModel {
  const active = activeRuns(runs);
  const state: TrayState = attention.length > 0 ? 'attention' : active.length > 0 ? 'running' : 'idle';
  const tooltip: TrayText =
    state === 'attention' ? { key: 'tooltipAttention', params: { count: attention.length } } : state === 'running' ? { key: 'tooltipRunning', params: { count: active.length } } : { key: 'tooltipIdle' };
  const reasonItems: TrayItem[] = attention.length === 0 ? [] : [{ kind: 'separator' }, ...attention.slice(0, 5).map((label): TrayItem => ({ kind: 'label', label }))];
  const runItems: TrayItem[] =
    active.length === 0
      ? [{ kind: 'label', label: { key: 'noRuns' } }]
      : active.map((r) => ({
          kind: 'action',
          label: { key: r.status === 'stopping' ? 'stoppingRun' : 'stopRun', params: { strategy: r.strategy, accounts: r.accounts.map((a) => a.label).join(', ') } },
          action: { type: 'stopRun', runId: r.id },
          enabled: r.status !== 'stopping',
        }));
  return {
    state,
    tooltip,
    items: [
      { kind: 'action', label: { key: 'showWindow' }, action: { type: 'show' }, enabled: true },
      ...reasonItems,
      { kind: 'separator' },
      ...runItems,
      { kind: 'separator' },
      { kind: 'action', label: { key: 'stopAll' }, action: { type: 'stopAll' }, enabled: true },
      { kind: 'action', label: { key: 'flattenAll' }, action: { type: 'flattenAll' }, enabled: true },
      { kind: 'separator' },
      { kind: 'action', label: { key: 'quit' }, action: { type: 'quit' }, enabled: true },
    ],
  };
}

/**
 * What the tray tells the user after "stop all" / "flatten all": the counts
 * (runs stopped, accounts whose orders were cancelled, closing orders,
 * positions left open) and, when some accounts could not be reached, their labels.
 */
export function stopResultTexts(action: 'stopAll' | 'flattenAll', result: DeskStopResult): TrayText[] {
  const reached = result.accounts.filter((a) => a.ok).length;
  const failed = result.accounts.filter((a) => !a.ok).map((a) => a.label);
  const done: TrayText =
    action === 'stopAll'
      ? { key: 'stopAllDone', params: { runs: result.stoppedRuns.length, accounts: reached } }
      : { key: 'flattenAllDone', params: { runs: result.stoppedRuns.length, orders: result.flattenOrders, leftovers: result.leftovers.length } };
  return failed.length === 0 ? [done] : [done, { key: 'notReached', params: { accounts: failed.join(', ') } }];
}
