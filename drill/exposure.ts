/**
 * Net exposure as the venues hold it, sampled over time, and the numbers the
 * drill reports from it: how long each naked episode lasted and the largest
 * naked notional. Pure functions over samples; the polling lives in
 * `venue-truth.ts`.
 */
import Decimal from 'decimal.js';

/** One poll of every venue at wall-clock time `t` (Unix ms). */
export interface ExposureSample {
  t: number;
  /** Σ signed user position per base asset across all accounts and venues, base units. */
  net: Map<string, Decimal>;
  /** One minimum order per base asset at the sample's mark (base units): the bound of "hedged". */
  bound: Map<string, Decimal>;
  /** Mark price per base asset, USDC. */
  marks: Map<string, Decimal>;
}

/** Notional of the assets whose |net| exceeds one minimum order in a sample (USDC, summed); 0 when hedged. */
export function nakedNotional(s: ExposureSample): Decimal {
  let total = new Decimal(0);
  for (const [asset, net] of s.net) {
    const bound = s.bound.get(asset) ?? new Decimal(0);
    if (net.abs().gt(bound)) total = total.plus(net.abs().times(s.marks.get(asset) ?? 0));
  }
  return total;
}

/** A stretch of time during which some asset's net exposure exceeded one minimum order. */
export interface NakedEpisode {
  /** First naked sample (or the window start, when it began earlier), Unix ms. */
  start: number;
  /** First hedged sample after it, Unix ms; null when still naked at the window end. */
  end: number | null;
  /** Largest naked notional seen during it, USDC. */
  peakNotional: Decimal;
}

/**
 * The naked episodes of `samples` (in time order) that overlap `[from, to]`;
 * an episode that began before `from` is clipped to start at `from` (a kill -9
 * drill measures from the restart), one still open at `to` has `end: null`.
 */
export function nakedEpisodes(samples: readonly ExposureSample[], from: number, to: number): NakedEpisode[] {
  const out: NakedEpisode[] = [];
  let open: NakedEpisode | null = null;
  for (const s of samples) {
    if (s.t > to) break;
    const notional = nakedNotional(s);
    if (notional.gt(0)) {
      if (!open) open = { start: s.t, end: null, peakNotional: notional };
      else if (notional.gt(open.peakNotional)) open.peakNotional = notional;
    } else if (open) {
      open.end = s.t;
      if (open.end >= from) out.push({ ...open, start: Math.max(open.start, from) });
      open = null;
    }
  }
  if (open) out.push({ ...open, start: Math.max(open.start, from) });
  return out;
}

/** Duration of an episode in seconds, an open one counted up to `to`. */
export function episodeSeconds(e: NakedEpisode, to: number): number {
  return ((e.end ?? to) - e.start) / 1000;
}

/** The `q` quantile (0–1, nearest rank) of numbers; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** What the table reports about exposure in one fault's window. */
export interface ExposureReport {
  /** Naked episodes in the window. */
  episodes: number;
  /** Median and longest episode, seconds (0 when there were none). */
  p50: number;
  max: number;
  /** True when an episode was still open at the window end (never covered). */
  openAtEnd: boolean;
  /** Largest naked notional in the window, USDC. */
  largestNotional: Decimal;
  /** Net exposure per asset at the window end, base units. */
  finalNet: Map<string, Decimal>;
  /** True when the last sample is within one minimum order on every asset. */
  flatAtEnd: boolean;
}

/** Summarises the samples of `[from, to]` (see {@link nakedEpisodes}). */
export function exposureReport(samples: readonly ExposureSample[], from: number, to: number): ExposureReport {
  const episodes = nakedEpisodes(samples, from, to);
  const seconds = episodes.map((e) => episodeSeconds(e, to));
  const inWindow = samples.filter((s) => s.t >= from && s.t <= to);
  const last = inWindow[inWindow.length - 1] ?? samples.filter((s) => s.t <= to).pop();
  const largest = episodes.reduce((m, e) => Decimal.max(m, e.peakNotional), new Decimal(0));
  return {
    episodes: episodes.length,
    p50: seconds.length ? quantile(seconds, 0.5) : 0,
    max: seconds.length ? Math.max(...seconds) : 0,
    openAtEnd: episodes.some((e) => e.end === null),
    largestNotional: largest,
    finalNet: last?.net ?? new Map(),
    flatAtEnd: last ? nakedNotional(last).isZero() : false,
  };
}
