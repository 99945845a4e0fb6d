import { describe, expect, it } from 'vitest';
import type { RunEvent, RunSummary } from '../../../../shared/schemas/runs';
import { RunAlertRules } from './run-alert-rules';

const label = (runId: string) => (runId === 'run_1' ? { strategy: 'tri-hedge-hold', accounts: 'A=alpha, B=beta, C=gamma' } : null);
const base = { runId: 'run_1', at: 1_000 };

function order(purpose: string, status: string, clientOrderId = 'c1', rejection: string | null = null): RunEvent {
  return {
    type: 'order',
    ...base,
    accountId: 'acc_B',
    purpose,
    order: { clientOrderId, venueOrderId: null, symbol: 'ETH', side: 'sell', type: 'market', timeInForce: 'IOC', reduceOnly: false, price: '3000', size: '0.5', filledSize: '0', status, rejection },
  };
}

const line = { fills: 4, volume: '6000', makerVolume: '3000', takerVolume: '3000', makerRatio: '0.5', fees: '1.2', realizedPnl: '-0.5', wearPer10k: '2.83', maxAbsNetExposure: '10', twAbsNetExposure: '1', positionUsdcHours: '0.5' };
const summary: RunSummary = { startedAt: 0, endedAt: 60_000, durationMs: 60_000, total: line, symbols: [{ ...line, symbol: 'ETH' }] };

describe('RunAlertRules', () => {
  it('says a run started when it reaches running, and resumed after a restart', () => {
    const rules = new RunAlertRules(label);
    const [started] = rules.onEvent({ type: 'status', ...base, from: 'starting', to: 'running', reason: 'reconciled' });
    expect(started).toMatchObject({ kind: 'runStarted', level: 'info', runId: 'run_1', title: 'Run started: tri-hedge-hold' });
    expect(started!.body).toContain('A=alpha, B=beta, C=gamma');
    expect(rules.onEvent({ type: 'status', ...base, from: 'starting', to: 'running', reason: 'resumed' })[0]!.title).toBe('Run resumed: tri-hedge-hold');
    expect(rules.onEvent({ type: 'status', ...base, from: null, to: 'starting', reason: 'created' })).toEqual([]);
    expect(rules.onEvent({ type: 'status', ...base, from: 'running', to: 'stopping', reason: 'stopped by the user' })).toEqual([]);
  });

  it('says a run stopped with its reason and the summary emitted just before', () => {
    const rules = new RunAlertRules(label);
    expect(rules.onEvent({ type: 'summary', ...base, summary })).toEqual([]);
    const [stopped] = rules.onEvent({ type: 'status', ...base, from: 'stopping', to: 'stopped', reason: 'run_once done' });
    expect(stopped).toMatchObject({ kind: 'runStopped', level: 'warn', title: 'Run stopped: tri-hedge-hold' });
    expect(stopped!.body).toContain('stopped: run_once done');
    expect(stopped!.body).toMatch(/duration 1\.0 min/);
    expect(stopped!.body).toMatch(/ETH/);
  });

  it('says a run failed with its error, naming an unknown run by id', () => {
    const rules = new RunAlertRules(label);
    const [failed] = rules.onEvent({ type: 'status', runId: 'run_9', at: 5, from: 'starting', to: 'failed', reason: 'reconcile: venue unreachable' });
    expect(failed).toMatchObject({ kind: 'runFailed', level: 'error', runId: 'run_9', title: 'Run failed: run_9' });
    expect(failed!.body).toContain('failed: reconcile: venue unreachable');
  });

  it('raises the failsafe once per run when the risk guard halts, not for reducing-only', () => {
    const rules = new RunAlertRules(label);
    expect(rules.onEvent({ type: 'risk', ...base, from: 'normal', to: 'reducing-only', reason: 'ETH: uncovered' })).toEqual([]);
    const [failsafe] = rules.onEvent({ type: 'risk', ...base, from: 'reducing-only', to: 'halted', reason: 'margin failsafe: alpha on ETH' });
    expect(failsafe).toMatchObject({ kind: 'failsafe', level: 'error', title: 'Failsafe triggered: tri-hedge-hold' });
    expect(failsafe!.body).toContain('margin failsafe: alpha on ETH');
    expect(rules.onEvent({ type: 'risk', ...base, from: 'halted', to: 'halted', reason: 'again' })).toEqual([]);
  });

  it('says a hedge leg failed once per client order id, only for hedge purposes and failed/rejected statuses', () => {
    const rules = new RunAlertRules(label);
    expect(rules.onEvent(order('hedge', 'submitting'))).toEqual([]);
    expect(rules.onEvent(order('entry', 'rejected'))).toEqual([]);
    expect(rules.onEvent(order('flatten', 'failed'))).toEqual([]);
    const [leg] = rules.onEvent(order('hedge', 'rejected', 'c1', 'margin'));
    expect(leg).toMatchObject({ kind: 'hedgeLegFailed', level: 'error', title: 'Hedge leg failed: ETH on acc_B' });
    expect(leg!.body).toContain('client order id c1');
    expect(leg!.body).toContain('rejected: margin');
    expect(rules.onEvent(order('hedge', 'rejected', 'c1'))).toEqual([]);
    expect(rules.onEvent(order('hedge-buyback', 'failed', 'c2'))).toHaveLength(1);
  });

  it('ignores progress, fills and per-run exposure', () => {
    const rules = new RunAlertRules(label);
    expect(rules.onEvent({ type: 'log', ...base, level: 'error', message: 'x' })).toEqual([]);
    expect(rules.onEvent({ type: 'exposure', ...base, symbols: [] })).toEqual([]);
  });
});
