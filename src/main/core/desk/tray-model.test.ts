import { describe, expect, it } from 'vitest';
import { activeRuns, attentionReasons, stopResultTexts, trayModel, type TrayItem, type TrayRun } from './tray-model';

const run = (id: string, status: TrayRun['status'], extra: Partial<TrayRun> = {}): TrayRun => ({
  id,
  strategy: 'tri-hedge-hold',
  status,
  interrupted: false,
  riskMode: 'normal',
  accounts: [
    { role: 'A', accountId: 'a1', label: 'alpha' },
    { role: 'B', accountId: 'a2', label: 'beta' },
  ],
  ...extra,
});

const actions = (items: TrayItem[]) => items.flatMap((i) => (i.kind === 'action' ? [[i.action.type, i.label.key, i.enabled]] : []));

describe('trayModel', () => {
  it('is idle with no run: show, "no strategy running", stop all, flatten all, quit', () => {
    const model = trayModel([run('r0', 'stopped')], []);
    expect(model.state).toBe('idle');
    expect(model.tooltip).toEqual({ key: 'tooltipIdle' });
    expect(model.items.map((i) => (i.kind === 'separator' ? '-' : i.label.key))).toEqual(['showWindow', '-', 'noRuns', '-', 'stopAll', 'flattenAll', '-', 'quit']);
  });

  it('is running with one stop entry per active run, disabled while it stops', () => {
    const model = trayModel([run('r1', 'running'), run('r2', 'stopping'), run('r3', 'failed'), run('r4', 'running', { interrupted: true })], []);
    expect(model.state).toBe('running');
    expect(model.tooltip).toEqual({ key: 'tooltipRunning', params: { count: 2 } });
    expect(actions(model.items)).toEqual([
      ['show', 'showWindow', true],
      ['stopRun', 'stopRun', true],
      ['stopRun', 'stoppingRun', false],
      ['stopAll', 'stopAll', true],
      ['flattenAll', 'flattenAll', true],
      ['quit', 'quit', true],
    ]);
    const stop = model.items.find((i) => i.kind === 'action' && i.action.type === 'stopRun');
    expect(stop).toMatchObject({ label: { params: { strategy: 'tri-hedge-hold', accounts: 'alpha, beta' } }, action: { runId: 'r1' } });
  });

  it('needs attention whenever there is a reason, and lists the reasons', () => {
    const reasons = attentionReasons([run('r1', 'running')], { accounts: [], exposure: [{ symbol: 'ETH', beyondThreshold: true }] });
    const model = trayModel([run('r1', 'running')], reasons);
    expect(model.state).toBe('attention');
    expect(model.tooltip).toEqual({ key: 'tooltipAttention', params: { count: 1 } });
    expect(model.items.filter((i) => i.kind === 'label').map((i) => i.kind === 'label' && i.label)).toEqual([{ key: 'exposure', params: { symbol: 'ETH' } }]);
  });
});

describe('attentionReasons', () => {
  it('names halted or reducing runs, interrupted runs, exposure beyond the threshold and venues down', () => {
    const runs = [run('r1', 'running', { riskMode: 'halted' }), run('r2', 'running', { interrupted: true }), run('r3', 'stopped', { riskMode: 'halted' })];
    const portfolio = {
      accounts: [
        { label: 'alpha', connection: 'disconnected', disconnectedSince: 1 },
        { label: 'beta', connection: 'connecting', disconnectedSince: null },
        { label: 'gamma', connection: 'connected', disconnectedSince: null },
      ],
      exposure: [
        { symbol: 'ETH', beyondThreshold: false },
        { symbol: 'BTC', beyondThreshold: true },
      ],
    };
    expect(attentionReasons(runs, portfolio)).toEqual([
      { key: 'riskMode', params: { strategy: 'tri-hedge-hold', mode: 'halted' } },
      { key: 'interrupted', params: { count: 1 } },
      { key: 'exposure', params: { symbol: 'BTC' } },
      { key: 'disconnected', params: { label: 'alpha' } },
    ]);
    expect(attentionReasons([run('r1', 'running')], null)).toEqual([]);
  });

  it('activeRuns keeps starting, running and stopping runs of this process', () => {
    const runs = [run('a', 'starting'), run('b', 'running'), run('c', 'stopping'), run('d', 'stopped'), run('e', 'failed'), run('f', 'running', { interrupted: true })];
    expect(activeRuns(runs).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('stopResultTexts', () => {
  const accounts = [
    { accountId: 'a1', label: 'alpha', ok: true, error: null },
    { accountId: 'a2', label: 'beta', ok: false, error: 'paradex accounts cannot trade yet' },
    { accountId: 'a3', label: 'gamma', ok: false, error: 'missing secret' },
  ];

  it('counts what stop all did and names the accounts it could not reach', () => {
    expect(stopResultTexts('stopAll', { stoppedRuns: ['r1', 'r2'], accounts, flattenOrders: 0, leftovers: [] })).toEqual([
      { key: 'stopAllDone', params: { runs: 2, accounts: 1 } },
      { key: 'notReached', params: { accounts: 'beta, gamma' } },
    ]);
  });

  it('counts closing orders and leftovers of flatten all', () => {
    const leftovers = [{ accountId: 'a1', symbol: 'ETH', size: '0.001', reason: 'below the minimum order' }];
    expect(stopResultTexts('flattenAll', { stoppedRuns: [], accounts: accounts.slice(0, 1), flattenOrders: 3, leftovers })).toEqual([
      { key: 'flattenAllDone', params: { runs: 0, orders: 3, leftovers: 1 } },
    ]);
  });
});
