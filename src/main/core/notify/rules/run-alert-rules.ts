import type { RunEvent, RunEventOf, RunSummary } from '../../../../shared/schemas/runs';
import { HEDGE_PURPOSES, type OrderPurpose } from '../../engine/order-purpose';
import { formatSummaryTable } from '../../engine/summary-text';
import type { Alert } from './alert';

/** How a run is named in its notifications: strategy id and `role=label` of each account. */
export interface RunLabel {
  strategy: string;
  /** E.g. `A=acc-1, B=acc-2, C=acc-3`. */
  accounts: string;
}

/** Order statuses that mean a leg will not fill: refused before the venue (`failed`) or by it (`rejected`). */
const FAILED_ORDER_STATUSES: ReadonlySet<string> = new Set(['failed', 'rejected']);

/**
 * Decides what the run events of the engine are worth telling the user:
 * - status `starting → running` → `runStarted` (info; "resumed" after a restart);
 * - status `→ stopped` → `runStopped` (warn) with the stop reason and the run's summary (the `summary`
 *   event the engine emits just before);
 * - status `→ failed` → `runFailed` (error) with the error;
 * - risk mode `→ halted` (margin failsafe, uncovered exposure above the halt limit) → `failsafe`
 *   (error), once per run;
 * - an `order` event of a hedge leg (purpose `hedge` / `hedge-buyback`, engine/order-purpose.ts)
 *   whose status is `failed` or `rejected` → `hedgeLegFailed` (error), once per client order id.
 * Everything else (progress, fills, exposure of one run, reducing-only) says nothing.
 * Pure apart from its memory of summaries and of what it already said; a
 * run's memory is dropped when it ends.
 */
export class RunAlertRules {
  private readonly summaries = new Map<string, RunSummary>();
  private readonly failsafeSaid = new Set<string>();
  private readonly failedLegs = new Map<string, Set<string>>();

  /** @param label names a run in messages; null when unknown (the run id alone is shown). */
  constructor(private readonly label: (runId: string) => RunLabel | null) {}

  /** The alerts `event` calls for (usually none). */
  onEvent(event: RunEvent): Alert[] {
    switch (event.type) {
      case 'summary':
        this.summaries.set(event.runId, event.summary);
        return [];
      case 'status':
        return this.onStatus(event);
      case 'risk':
        return this.onRisk(event);
      case 'order':
        return this.onOrder(event);
      default:
        return [];
    }
  }

  private onStatus(event: RunEventOf<'status'>): Alert[] {
    const name = this.name(event.runId);
    if (event.to === 'running' && event.from === 'starting') {
      const resumed = event.reason === 'resumed';
      return [{ kind: 'runStarted', level: 'info', runId: event.runId, title: `Run ${resumed ? 'resumed' : 'started'}: ${name.strategy}`, body: `Run ${event.runId} (${name.detail}) is running.` }];
    }
    if (event.to === 'stopped') {
      const summary = this.summaries.get(event.runId);
      this.forget(event.runId);
      const reason = event.reason ?? 'stopped';
      return [
        {
          kind: 'runStopped',
          level: 'warn',
          runId: event.runId,
          title: `Run stopped: ${name.strategy}`,
          body: [`Run ${event.runId} (${name.detail}) stopped: ${reason}`, summary ? formatSummaryTable(summary) : null].filter((p) => p !== null).join('\n\n'),
        },
      ];
    }
    if (event.to === 'failed') {
      this.forget(event.runId);
      return [{ kind: 'runFailed', level: 'error', runId: event.runId, title: `Run failed: ${name.strategy}`, body: `Run ${event.runId} (${name.detail}) failed: ${event.reason ?? 'unknown error'}` }];
    }
    return [];
  }

  private onRisk(event: RunEventOf<'risk'>): Alert[] {
    if (event.to !== 'halted' || this.failsafeSaid.has(event.runId)) return [];
    this.failsafeSaid.add(event.runId);
    const name = this.name(event.runId);
    return [
      {
        kind: 'failsafe',
        level: 'error',
        runId: event.runId,
        title: `Failsafe triggered: ${name.strategy}`,
        body: `Run ${event.runId} (${name.detail}) halted and is flattening: ${event.reason}`,
      },
    ];
  }

  private onOrder(event: RunEventOf<'order'>): Alert[] {
    if (!HEDGE_PURPOSES.has(event.purpose as OrderPurpose) || !FAILED_ORDER_STATUSES.has(event.order.status)) return [];
    const said = this.failedLegs.get(event.runId) ?? new Set<string>();
    if (said.has(event.order.clientOrderId)) return [];
    said.add(event.order.clientOrderId);
    this.failedLegs.set(event.runId, said);
    const name = this.name(event.runId);
    const o = event.order;
    return [
      {
        kind: 'hedgeLegFailed',
        level: 'error',
        runId: event.runId,
        title: `Hedge leg failed: ${o.symbol} on ${event.accountId}`,
        body: `Run ${event.runId} (${name.detail}): ${o.side} ${o.size} ${o.symbol} (${event.purpose}, client order id ${o.clientOrderId}) ${o.status}${o.rejection ? `: ${o.rejection}` : ''}. Check the net exposure.`,
      },
    ];
  }

  private name(runId: string): { strategy: string; detail: string } {
    const label = this.label(runId);
    return label ? { strategy: label.strategy, detail: `${label.strategy}; ${label.accounts}` } : { strategy: runId, detail: 'unknown strategy' };
  }

  private forget(runId: string): void {
    this.summaries.delete(runId);
    this.failsafeSaid.delete(runId);
    this.failedLegs.delete(runId);
  }
}
