/**
 * The venues' truth, polled: every `intervalMs` (100 ms) the admin state of
 * every simulator is read and turned into one {@link ExposureSample} (net
 * position per base asset across all user accounts on all venues, one minimum
 * order as the bound, marks). Also remembers which accounts had resting orders
 * and when positions last changed, for the fault triggers.
 */
import Decimal from 'decimal.js';
import type { ExposureSample } from './exposure';
import { minimumOrderSize, type MinimumOrder, type SimProcess, type VenueSnapshot } from './venue-sims';

/** A poller of the venues' positions. */
export class VenueTruth {
  readonly samples: ExposureSample[] = [];
  /** The last snapshot of each venue. */
  readonly latest = new Map<string, VenueSnapshot>();
  /** When polls failed (a simulator restarting, a slow answer), Unix ms. */
  readonly failedPolls: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private sims: SimProcess[],
    /** The largest minimum order per asset over the venues that list it. */
    private readonly minimums: Map<string, MinimumOrder>,
    private readonly intervalMs: number,
    /** Stops by itself after this many polls (bounded). */
    private readonly maxPolls: number,
  ) {}

  /**
   * Reads each venue's minimum orders and starts polling at once.
   * `maxSeconds` bounds the polling (default 15 min).
   */
  static async start(sims: SimProcess[], opts: { intervalMs?: number; maxSeconds?: number } = {}): Promise<VenueTruth> {
    const minimums = new Map<string, MinimumOrder>();
    for (const sim of sims) {
      for (const [asset, m] of await sim.minimums()) {
        const prev = minimums.get(asset);
        // The coarser venue's minimum: a residual below it cannot be hedged there.
        minimums.set(asset, prev ? { minSize: Decimal.max(prev.minSize, m.minSize), minNotional: Decimal.max(prev.minNotional, m.minNotional), step: Decimal.max(prev.step, m.step) } : m);
      }
    }
    const intervalMs = opts.intervalMs ?? 100;
    const truth = new VenueTruth(sims, minimums, intervalMs, Math.ceil(((opts.maxSeconds ?? 900) * 1000) / intervalMs));
    await truth.pollOnce();
    truth.timer = setInterval(() => void truth.tick(), intervalMs);
    return truth;
  }

  /** Replaces a simulator (after it was restarted). */
  replace(old: SimProcess, next: SimProcess): void {
    this.sims = this.sims.map((s) => (s === old ? next : s));
  }

  /** The last sample. */
  get last(): ExposureSample | undefined {
    return this.samples[this.samples.length - 1];
  }

  private async tick(): Promise<void> {
    if (this.polling) return;
    if (this.samples.length + this.failedPolls.length >= this.maxPolls) return this.stop();
    await this.pollOnce();
  }

  /** Polls every venue once and appends a sample (skipped when a venue does not answer). */
  async pollOnce(): Promise<void> {
    this.polling = true;
    try {
      const t = Date.now();
      const snaps = await Promise.all(this.sims.map(async (s) => [s.venue, await s.snapshot()] as const));
      const net = new Map<string, Decimal>();
      const marks = new Map<string, Decimal>();
      for (const [venue, snap] of snaps) {
        this.latest.set(venue, snap);
        for (const p of snap.positions) net.set(p.asset, (net.get(p.asset) ?? new Decimal(0)).plus(p.size));
        for (const [asset, mark] of snap.marks) if (!marks.has(asset)) marks.set(asset, mark);
      }
      const bound = new Map<string, Decimal>();
      for (const asset of net.keys()) {
        const m = this.minimums.get(asset);
        bound.set(asset, m ? minimumOrderSize(m, marks.get(asset) ?? new Decimal(0)) : new Decimal(0));
      }
      this.samples.push({ t, net, bound, marks });
      for (const l of this.listeners) l();
    } catch {
      this.failedPolls.push(Date.now());
    } finally {
      this.polling = false;
    }
  }

  /**
   * Resolves once a new sample satisfies `pred` (or the current one does);
   * false after `timeoutMs`.
   */
  waitUntil(pred: (s: ExposureSample, truth: VenueTruth) => boolean, timeoutMs: number): Promise<boolean> {
    const last = this.last;
    if (last && pred(last, this)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(ok);
      };
      const check = () => {
        const s = this.last;
        if (s && pred(s, this)) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.listeners.add(check);
    });
  }

  /** Resting user orders on a venue now (per the last poll). */
  openOrders(venue: string): number {
    return [...(this.latest.get(venue)?.openOrders.values() ?? [])].reduce((a, b) => a + b, 0);
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** Σ |net| over assets of a sample (base units, summed), to see whether anything moved. */
export function grossNet(s: ExposureSample): Decimal {
  let total = new Decimal(0);
  for (const v of s.net.values()) total = total.plus(v.abs());
  return total;
}
