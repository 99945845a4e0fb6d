import { describe, expect, it } from 'vitest';
import type { DesktopNotification } from '../../../shared/schemas/notify';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/schemas/settings';
import { VirtualClock } from '../venues/virtual-clock';
import { NotificationCenter, type PortfolioView } from './notification-center';
import type { Notification, Notifier } from './notifier';
import { recordingLog } from './testing/recording-log';

class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  notify(message: Notification): void {
    this.sent.push(message);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
}

function setup(initial: Partial<Settings> = {}) {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...initial };
  const clock = new VirtualClock();
  const desktop: DesktopNotification[] = [];
  const remote = new RecordingNotifier();
  const center = new NotificationCenter({
    settings: () => settings,
    desktop: (n) => desktop.push(n),
    remote,
    clock,
    logger: recordingLog().logger,
    runLabel: () => ({ strategy: 'tri-hedge-hold', accounts: 'A=alpha' }),
  });
  return { center, clock, desktop, remote, set: (patch: Partial<Settings>) => (settings = { ...settings, ...patch }) };
}

const running = { type: 'status', runId: 'run_1', at: 1, from: 'starting', to: 'running', reason: 'reconciled' } as const;
const beyond = (yes: boolean): PortfolioView => ({
  accounts: [],
  exposure: [{ symbol: 'ETH', netSize: '0.1', netNotional: yes ? '300' : '10', beyondThreshold: yes }],
});

describe('NotificationCenter', () => {
  it('sends a rule\'s alert to the desktop and to Telegram / Lark', () => {
    const { center, desktop, remote, clock } = setup();
    center.onRunEvent(running);
    expect(desktop).toEqual([{ kind: 'runStarted', level: 'info', title: 'Run started: tri-hedge-hold', body: 'Run run_1 (tri-hedge-hold; A=alpha) is running.', at: clock.now(), runId: 'run_1' }]);
    expect(remote.sent).toEqual([{ kind: 'run-started', title: 'Run started: tri-hedge-hold', body: 'Run run_1 (tri-hedge-hold; A=alpha) is running.', runId: 'run_1' }]);
  });

  it('drops a kind switched off in the settings, read live at every decision', () => {
    const { center, desktop, remote, set } = setup({ notifications: { runStarted: false } });
    center.onRunEvent(running);
    expect(desktop).toEqual([]);
    expect(remote.sent).toEqual([]);
    center.onRunEvent({ type: 'status', runId: 'run_1', at: 2, from: 'stopping', to: 'stopped', reason: 'done' });
    expect(desktop.map((d) => d.kind)).toEqual(['runStopped']);
    set({ notifications: { runStarted: true, runStopped: false } });
    center.onRunEvent({ ...running, runId: 'run_2' });
    center.onRunEvent({ type: 'status', runId: 'run_2', at: 3, from: 'stopping', to: 'stopped', reason: 'done' });
    expect(desktop.map((d) => d.kind)).toEqual(['runStopped', 'runStarted']);
  });

  it('re-evaluates the exposure on tick, so a snapshot that stops changing still alerts after the delay', () => {
    const { center, desktop, clock } = setup({ exposureAlertSeconds: 10 });
    center.onPortfolio(beyond(true));
    clock.advance(9_000);
    center.tick();
    expect(desktop).toEqual([]);
    clock.advance(1_000);
    center.tick();
    center.tick();
    expect(desktop.map((d) => [d.kind, d.level])).toEqual([['exposure', 'warn']]);
    center.onPortfolio(beyond(false));
    expect(desktop.map((d) => [d.kind, d.level])).toEqual([['exposure', 'warn'], ['exposure', 'info']]);
  });

  it('silences exposure alerts while the kind is off', () => {
    const { center, desktop, clock } = setup({ exposureAlertSeconds: 1, notifications: { exposure: false } });
    center.onPortfolio(beyond(true));
    clock.advance(5_000);
    center.tick();
    expect(desktop).toEqual([]);
  });

  it('alerts on a venue down longer than the delay', () => {
    const { center, desktop, clock } = setup({ disconnectAlertSeconds: 5 });
    const down: PortfolioView = { exposure: [], accounts: [{ accountId: 'acc_1', label: 'alpha', venue: 'lighter', connection: 'disconnected', disconnectedSince: clock.now(), error: null }] };
    center.onPortfolio(down);
    clock.advance(5_000);
    center.tick();
    expect(desktop.map((d) => d.title)).toEqual(['Venue disconnected: alpha (lighter)']);
  });

  it('gives strategies a notifier that leaves lifecycle kinds to the rules and forwards the rest', () => {
    const { center, desktop, remote } = setup();
    const n = center.strategyNotifier();
    n.notify({ kind: 'run-stopped', title: 'x', body: 'y', runId: 'run_1' });
    n.notify({ kind: 'failsafe', title: 'x', body: 'y', runId: 'run_1' });
    expect(remote.sent).toEqual([]);
    n.notify({ kind: 'hedge-failed', title: 'Hedge leg failed: BTC', body: 'rolled back', runId: 'run_1' });
    expect(desktop.map((d) => [d.kind, d.title])).toEqual([['hedgeLegFailed', 'Hedge leg failed: BTC']]);
    expect(remote.sent.map((m) => m.kind)).toEqual(['hedge-failed']);
  });
});
