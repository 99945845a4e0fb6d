import type { DesktopNotification } from '../../../shared/schemas/notify';
import type { RunEvent } from '../../../shared/schemas/runs';
import type { NotificationKind as SettingsKind, Settings } from '../../../shared/schemas/settings';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Notification, NotificationKind as ChannelKind, Notifier } from './notifier';
import { isKindEnabled, type Alert } from './rules/alert';
import { DisconnectAlertRule, type AccountConnection } from './rules/disconnect-alert-rule';
import { ExposureAlertRule, type NetExposureLine } from './rules/exposure-alert-rule';
import { RunAlertRules, type RunLabel } from './rules/run-alert-rules';

/** The channel kind of each Settings kind (Telegram / Lark messages carry these). */
const CHANNEL_KIND: Record<SettingsKind, ChannelKind> = {
  runStarted: 'run-started',
  runStopped: 'run-stopped',
  runFailed: 'run-failed',
  failsafe: 'failsafe',
  hedgeLegFailed: 'hedge-failed',
  exposure: 'exposure',
  venueDisconnected: 'venue-disconnected',
};

/** Engine-raised kinds the run rules already decide from the run events (with the same summary). */
const DECIDED_BY_RULES: ReadonlySet<ChannelKind> = new Set(['run-started', 'run-stopped', 'run-failed', 'failsafe']);

/** What the portfolio service publishes that the rules read (a `PortfolioSnapshot`). */
export interface PortfolioView {
  accounts: readonly AccountConnection[];
  exposure: readonly NetExposureLine[];
}

/** Construction of a {@link NotificationCenter}. */
export interface NotificationCenterOptions {
  /** Read at every decision: per-kind switches, threshold and delays apply live. */
  settings: () => Settings;
  /** Shows a notification on the desktop (the `notify.desktop` event and the shell's native notification). */
  desktop: (notification: DesktopNotification) => void;
  /** Telegram and Lark. */
  remote: Notifier;
  /** Time of the exposure and disconnect delays and of every notification. */
  clock: Clock;
  logger: Logger;
  /** Names a run in messages (strategy, accounts); null when unknown. */
  runLabel: (runId: string) => RunLabel | null;
}

/**
 * The app's notifications: feeds run events and portfolio snapshots to the
 * rules (notify/rules), drops what the user switched off in Settings
 * (`notifications[kind] === false`, read at every decision) and sends the
 * rest to the desktop and to Telegram / Lark. Time-based rules are also
 * re-evaluated by {@link tick} (the core calls it every second), so an
 * exposure that stays beyond the threshold alerts even when no new snapshot comes.
 */
export class NotificationCenter {
  private readonly runRules: RunAlertRules;
  private readonly exposure = new ExposureAlertRule();
  private readonly disconnects = new DisconnectAlertRule();
  private portfolio: PortfolioView | null = null;

  constructor(private readonly opts: NotificationCenterOptions) {
    this.runRules = new RunAlertRules(opts.runLabel);
  }

  /** One run event from the engine. */
  onRunEvent(event: RunEvent): void {
    for (const alert of this.runRules.onEvent(event)) this.raise(alert);
  }

  /** A new portfolio snapshot: evaluates the exposure and disconnect rules now. */
  onPortfolio(view: PortfolioView): void {
    this.portfolio = view;
    this.tick();
  }

  /** Re-evaluates the time-based rules on the last snapshot at the clock's now. */
  tick(): void {
    const view = this.portfolio;
    if (!view) return;
    const settings = this.opts.settings();
    const now = this.opts.clock.now();
    for (const alert of this.exposure.evaluate(view.exposure, settings, now)) this.raise(alert, settings);
    for (const alert of this.disconnects.evaluate(view.accounts, settings, now)) this.raise(alert, settings);
  }

  /**
   * The notifier the engine and strategies get: engine lifecycle kinds
   * (started, stopped, failed, failsafe) are dropped because the run rules
   * decide them from the run events; anything else a strategy raises (e.g.
   * `hedge-failed`) goes through the same switches and channels.
   */
  strategyNotifier(): Notifier {
    return {
      notify: (message: Notification) => {
        if (DECIDED_BY_RULES.has(message.kind) || message.kind === 'test') return;
        const kind = (Object.keys(CHANNEL_KIND) as SettingsKind[]).find((k) => CHANNEL_KIND[k] === message.kind)!;
        this.raise({ kind, level: 'error', title: message.title, body: message.body, runId: message.runId ?? null });
      },
      flush: (timeoutMs: number) => this.opts.remote.flush(timeoutMs),
    };
  }

  private raise(alert: Alert, settings: Settings = this.opts.settings()): void {
    if (!isKindEnabled(settings, alert.kind)) {
      this.opts.logger.debug({ component: 'notify', kind: alert.kind }, `notification switched off: ${alert.title}`);
      return;
    }
    this.opts.logger.info({ component: 'notify', kind: alert.kind, runId: alert.runId ?? undefined }, `notification: ${alert.title}`);
    try {
      this.opts.desktop({ kind: alert.kind, title: alert.title, body: alert.body, level: alert.level, at: Math.floor(this.opts.clock.now()), runId: alert.runId });
    } catch (err) {
      this.opts.logger.error({ component: 'notify', err }, 'desktop notification failed');
    }
    this.opts.remote.notify({ kind: CHANNEL_KIND[alert.kind], title: alert.title, body: alert.body, ...(alert.runId ? { runId: alert.runId } : {}) });
  }
}
