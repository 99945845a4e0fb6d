import type { Clock } from '../clock';
import type { Logger } from '../log/logger';

/** Default window of a run's dead-man's switch, ms: resting orders go at most this long after the app stops renewing (venue floors apply). */
export const DEFAULT_DEAD_MANS_SWITCH_MS = 60_000;

/**
 * A venue-side dead-man's switch on an account's resting orders, armed by a
 * run: while the app is alive it renews it; when the app dies (crash, kill
 * -9, lost network) the venue cancels the account's resting orders on its own.
 */
export interface DeadMansSwitch {
  /**
   * The window in force on the venue, ms: resting orders are cancelled at
   * most this long after the last renewal (or at once on disconnect: 0).
   * Can be longer than asked for when the venue has a floor (Lighter: 5 min).
   */
  readonly windowMs: number;
  /** Disarms it (a clean stop); resolves once the venue confirmed or the attempt failed (logged). */
  release(): Promise<void>;
}

/** What a {@link RenewedSwitch} needs from a venue client. */
export interface RenewedSwitchOptions {
  /** The window asked for, ms (> 0). */
  windowMs: number;
  /** The venue's shortest window, ms: the window in force is max(windowMs, floorMs). */
  floorMs: number;
  /** Schedules (or re-schedules) the venue-side cancel at `at` (Unix ms). */
  schedule(at: number): Promise<void>;
  /** Removes the venue-side schedule. */
  abort(): Promise<void>;
  clock: Clock;
  logger: Logger;
}

/**
 * A dead-man's switch a client keeps alive by re-scheduling a venue-side
 * cancel-all (Lighter's scheduled CancelAllOrders): the first schedule is
 * sent by {@link arm}, then it is renewed every windowMs / 2 (of the window
 * asked for, so a renewal that fails has a second chance before the window
 * ends), each time for now + the window in force. A failed renewal is logged
 * and tried again at the next turn: when the app cannot reach the venue the
 * schedule runs out and the orders go, which is the point.
 */
export class RenewedSwitch implements DeadMansSwitch {
  readonly windowMs: number;
  private readonly stop = new AbortController();
  private renewing: Promise<void> = Promise.resolve();

  private constructor(private readonly opts: RenewedSwitchOptions) {
    this.windowMs = Math.max(opts.windowMs, opts.floorMs);
  }

  /**
   * Schedules the venue-side cancel for now + the window in force and starts renewing it.
   * @throws RangeError for a window that is not positive; the venue's typed errors when the first schedule fails.
   */
  static async arm(opts: RenewedSwitchOptions): Promise<RenewedSwitch> {
    if (!(opts.windowMs > 0)) throw new RangeError(`dead-man's switch window must be positive, got ${opts.windowMs} ms`);
    const armed = new RenewedSwitch(opts);
    await opts.schedule(opts.clock.now() + armed.windowMs);
    armed.renewing = armed.renew();
    return armed;
  }

  async release(): Promise<void> {
    if (this.stop.signal.aborted) return;
    this.stop.abort();
    await this.renewing;
    try {
      await this.opts.abort();
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message }, 'could not disarm the dead-man’s switch; the venue will cancel resting orders when it runs out');
    }
  }

  private async renew(): Promise<void> {
    const every = Math.max(1_000, Math.floor(this.opts.windowMs / 2));
    while (!this.stop.signal.aborted) {
      try {
        await this.opts.clock.sleep(every, this.stop.signal);
      } catch {
        return;
      }
      try {
        await this.opts.schedule(this.opts.clock.now() + this.windowMs);
      } catch (err) {
        this.opts.logger.warn({ err: (err as Error).message }, 'renewing the dead-man’s switch failed; retrying at the next turn');
      }
    }
  }
}
