/** The example config of the tri_hedge_hold system HedgeDesk replaces, verbatim (placeholder secrets and addresses). */
export const ORIGINAL_TRI_HEDGE_CONFIG = {
  base_url: 'https://mainnet.zklighter.elliot.ai',
  telegram_bot_token: 'YOUR_BOT_TOKEN',
  telegram_chat_id: 'YOUR_CHAT_ID',
  hold_minutes: 21,
  entry_price_offset_bps: 0,
  exit_price_offset_bps: 0,
  slice_delay_seconds: 3,
  slice_delay_jitter_seconds: 4,
  slice_fill_timeout: 8,
  order_poll_interval: 2,
  pause_between_symbols: 15,
  random_split_range: [0.45, 0.55],
  primary_time_in_force: 'GTC',
  default_target_notional: 5000,
  default_slice_count: 50,
  coinlist: [{ symbol: 'BTC', target_notional: 800, slice_notional: 150 }],
  accounts: [
    { label: 'Maker', api_private_key: '...', account_address: '0x1111111111111111111111111111111111111111' },
    { label: 'Hedge-A', api_private_key: '...', account_address: '0x2222222222222222222222222222222222222222' },
    { label: 'Hedge-B', api_private_key: '...', account_address: '0x3333333333333333333333333333333333333333' },
  ],
};
