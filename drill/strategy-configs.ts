/**
 * The strategy configs the drill runs: short, so every fault takes seconds.
 * Tri-Hedge Hold trades ETH and BTC on three Lighter paper accounts; its
 * entry slices either cross the book at once (`crossing`) or rest 5 bps below
 * the bid until the drill moves the price through them (`resting`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillAccount } from './drill-world';

/** How the entry slices meet the book. */
export type SliceMode = 'crossing' | 'resting';

/** A tri-hedge-hold config (original JSON format) over the Lighter accounts of the world. */
export function triHedgeConfig(accounts: readonly DrillAccount[], mode: SliceMode, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    hold_minutes: 0.05,
    // Buy at best bid × (1 − offset / 10 000): −10 bps crosses the 2-bps-wide ladder, +5 rests below it.
    entry_price_offset_bps: mode === 'crossing' ? -10 : 5,
    exit_price_offset_bps: -10,
    slice_delay_seconds: 0.2,
    slice_delay_jitter_seconds: 0.2,
    slice_fill_timeout: mode === 'crossing' ? 3 : 30,
    order_poll_interval: 1,
    pause_between_symbols: 0.5,
    random_split_range: [0.45, 0.55],
    primary_time_in_force: 'GTC',
    run_once: true,
    coinlist: [
      { symbol: 'ETH', target_notional: 150, slice_notional: 50 },
      { symbol: 'BTC', target_notional: 150, slice_notional: 50 },
    ],
    accounts: accounts.filter((a) => a.venue === 'lighter').map((a) => ({ label: a.label, paper: true })),
    ...over,
  };
}

/** A cross-venue-hedge config: Paradex long, Lighter short, ETH, 150 USDC a leg, short hold. */
export function crossVenueConfig(accounts: readonly DrillAccount[], over: Record<string, unknown> = {}): Record<string, unknown> {
  const long = accounts.find((a) => a.venue === 'paradex');
  const short = accounts.find((a) => a.venue === 'lighter');
  if (!long || !short) throw new Error('cross-venue-hedge needs a Paradex and a Lighter account');
  return {
    ticker: 'ETH',
    margin: 150,
    hold_time: 6,
    cooldown: 1,
    take_profit: 5,
    stop_loss: 5,
    long_account: long.label,
    short_account: short.label,
    ...over,
  };
}

/** Writes a config as JSON into the world's folder; returns the path. */
export function writeConfig(dir: string, name: string, config: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}
