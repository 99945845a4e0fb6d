/**
 * A tri-hedge-hold config (original JSON format) for tests that start a run
 * and stop it themselves: two ETH slices of 30 USDC on paper accounts, then a
 * 5-minute hold, repeating (not run_once).
 */
export const HOLDING_TRI_HEDGE_CONFIG = {
  hold_minutes: 5,
  slice_delay_seconds: 0.1,
  slice_delay_jitter_seconds: 0.1,
  slice_fill_timeout: 3,
  pause_between_symbols: 1,
  run_once: false,
  coinlist: [{ symbol: 'ETH', target_notional: 60, slice_count: 2 }],
};
