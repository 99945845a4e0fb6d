import Decimal from 'decimal.js';
import type { Account } from '../../../shared/schemas/account';
import { ContractError } from '../../../shared/errors';
import type { AccountPortfolio, PortfolioSnapshot } from '../../../shared/schemas/portfolio';
import type { Clock } from '../clock';
import type { VenueProvider } from '../engine/venue-provider';
import type { Logger } from '../log/logger';
import type { Fill, Order } from '../venues/venue';
import { AccountTracker } from './account-tracker';
import { ChangeThrottle, type ThrottleTimers } from './change-throttle';
import { computeNetExposure } from './net-exposure';

/** Default period of the REST safety-net refresh, ms. */
export const PORTFOLIO_REFRESH_MS = 15_000;
/** Default minimum time between two change notifications, ms (at most 4 per second). */
export const PORTFOLIO_THROTTLE_MS = 250;

/** Construction of a {@link PortfolioService}. */
export interface PortfolioServiceOptions {
  /** The stored accounts (the accounts repository). */
  accounts: { list(): Account[] };
  /** The engine's venue provider: one connected venue per account, shared with runs. */
  venues: VenueProvider;
  /** The settings' `exposureThresholdUsdc` (USDC decimal string), read at every snapshot. */
  thresholdUsdc: () => string;
  /** Wall clock: snapshot times, `disconnectedSince`. */
  clock: Clock;
  logger: Logger;
  /** REST refresh period, ms (default {@link PORTFOLIO_REFRESH_MS}). */
  refreshMs?: number;
  /** Minimum time between two `onChange` notifications, ms (default {@link PORTFOLIO_THROTTLE_MS}). */
  throttleMs?: number;
  /** Timers of the change throttle (tests). */
  timers?: ThrottleTimers;
}

/** Listener of portfolio changes. */
export type PortfolioListener = (snapshot: PortfolioSnapshot) => void;

/** True when a stored account changed in a way that needs another venue client. */
function needsNewVenue(before: Account, after: Account): boolean {
  return before.mode !== after.mode || before.venue !== after.venue || JSON.stringify(before.identifiers) !== JSON.stringify(after.identifiers);
}

/**
 * Every stored account, live: equity, available collateral, positions with
 * marks and uPnL, connection state, and the net exposure per symbol across
 * all accounts and venues (see {@link computeNetExposure}). One
 * {@link AccountTracker} per account follows the venue's account stream and
 * books; every {@link PortfolioServiceOptions.refreshMs} the accounts are
 * re-listed and re-read over REST. Listeners hear of changes at most once per
 * {@link PortfolioServiceOptions.throttleMs} (book updates come by the
 * hundred per second), always with the latest state.
 */
export class PortfolioService {
  private readonly trackers = new Map<string, AccountTracker>();
  private readonly listeners = new Set<PortfolioListener>();
  private readonly throttle: ChangeThrottle;
  private timer: ReturnType<typeof setInterval> | null = null;
  private started = false;
  private closed = false;

  constructor(private readonly opts: PortfolioServiceOptions) {
    this.throttle = new ChangeThrottle(() => this.notify(), opts.throttleMs ?? PORTFOLIO_THROTTLE_MS, opts.timers);
  }

  /** Opens every stored account's venue (in the background) and starts the periodic refresh. Idempotent. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.reload();
    this.timer = setInterval(() => void this.refreshAll(), this.opts.refreshMs ?? PORTFOLIO_REFRESH_MS);
    this.timer.unref?.();
  }

  /**
   * Re-reads the stored accounts and the threshold: opens new accounts,
   * forgets deleted ones, reopens those whose mode or identifiers changed.
   * Call on `accounts.changed` and `settings.changed`.
   */
  reload(): void {
    if (!this.started || this.closed) return;
    const accounts = this.opts.accounts.list();
    const ids = new Set(accounts.map((a) => a.id));
    for (const [id, tracker] of this.trackers) {
      if (!ids.has(id)) {
        tracker.close();
        this.trackers.delete(id);
      }
    }
    for (const account of accounts) {
      const tracker = this.trackers.get(account.id);
      if (tracker && !needsNewVenue(tracker.account, account)) {
        tracker.account = account;
        continue;
      }
      tracker?.close();
      const fresh = new AccountTracker(account, { venues: this.opts.venues, clock: this.opts.clock, logger: this.opts.logger, onChange: () => this.throttle.changed() });
      this.trackers.set(account.id, fresh);
      void fresh.connect();
    }
    this.throttle.changed();
  }

  /** Every account (in stored order) and the net exposure per symbol, now. */
  snapshot(): PortfolioSnapshot {
    const threshold = this.opts.thresholdUsdc();
    const trackers = [...this.trackers.values()];
    return {
      at: Math.floor(this.opts.clock.now()),
      thresholdUsdc: threshold,
      accounts: trackers.map((t) => t.view()),
      exposure: computeNetExposure(
        trackers.map((t) => t.exposureInputs()),
        new Decimal(threshold),
      ),
    };
  }

  /** One account's portfolio. @throws ContractError NOT_FOUND for an account the service does not know. */
  account(accountId: string): AccountPortfolio {
    return this.tracker(accountId).view();
  }

  /** One account's open orders from its venue. @throws ContractError NOT_FOUND; Error when not connected; venue errors. */
  openOrders(accountId: string): Promise<Order[]> {
    return this.tracker(accountId).openOrders();
  }

  /** One account's latest fills from its venue's stream since it was opened, newest first. @throws ContractError NOT_FOUND. */
  streamedFills(accountId: string): readonly Fill[] {
    return this.tracker(accountId).recentFills();
  }

  /** Listens to changes (throttled); returns the unsubscribe function. */
  onChange(listener: PortfolioListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the refresh and every tracker; the venues stay open (the engine closes them). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.throttle.close();
    for (const t of this.trackers.values()) t.close();
    this.trackers.clear();
    this.listeners.clear();
  }

  private tracker(accountId: string): AccountTracker {
    const t = this.trackers.get(accountId);
    if (!t) throw new ContractError('NOT_FOUND', `no account with id ${accountId}`, [{ path: 'accountId', message: 'unknown account' }]);
    return t;
  }

  private async refreshAll(): Promise<void> {
    this.reload();
    await Promise.all([...this.trackers.values()].map((t) => t.refresh()));
  }

  private notify(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const l of this.listeners) {
      try {
        l(snapshot);
      } catch (err) {
        this.opts.logger.error({ component: 'portfolio', err: (err as Error).message }, 'portfolio listener threw');
      }
    }
  }
}
