/** The WebSocket channels the simulator serves (lighter.md §6.2–6.4). */
export type ChannelKind =
  | 'order_book'
  | 'trade'
  | 'market_stats'
  | 'account_all'
  | 'account_all_orders'
  | 'account_orders'
  | 'account_all_trades'
  | 'user_stats'
  | 'account_all_assets'
  | 'account_tx'
  | 'height';

/** A parsed subscription channel. */
export interface Channel {
  kind: ChannelKind;
  /** The channel as subscribed (`order_book/0`), the key of the subscription. */
  name: string;
  /** The channel as echoed in messages (`order_book:0`; `account_orders:{market}`, `market_stats:all`). */
  echo: string;
  /** Market id, `all` for `market_stats/all`, undefined for account-wide channels and `height`. */
  market?: number | 'all';
  account?: number;
  /** Channels that require an auth token for their account. */
  needsAuth: boolean;
}

const MARKET_CHANNELS: readonly ChannelKind[] = ['order_book', 'trade', 'market_stats'];
const ACCOUNT_CHANNELS: readonly ChannelKind[] = ['account_all', 'account_all_orders', 'account_all_trades', 'user_stats', 'account_all_assets', 'account_tx'];
const AUTH_CHANNELS: readonly ChannelKind[] = ['account_all_orders', 'account_orders', 'account_all_assets', 'account_tx'];

/**
 * Parses a subscribe/unsubscribe channel such as `order_book/0`,
 * `market_stats/all`, `account_orders/0/1000`, `user_stats/1000` or `height`; null
 * when the name is not one the simulator serves.
 */
export function parseChannel(name: unknown): Channel | null {
  if (typeof name !== 'string') return null;
  const parts = name.split('/');
  const kind = parts[0] as ChannelKind;
  const num = (s: string | undefined) => (s !== undefined && /^\d{1,15}$/.test(s) ? Number(s) : null);
  const needsAuth = AUTH_CHANNELS.includes(kind);
  if (name === 'height') return { kind: 'height', name, echo: 'height', needsAuth: false };
  if (MARKET_CHANNELS.includes(kind) && parts.length === 2) {
    if (kind === 'market_stats' && parts[1] === 'all') return { kind, name, echo: 'market_stats:all', market: 'all', needsAuth };
    const market = num(parts[1]);
    return market === null ? null : { kind, name, echo: `${kind}:${market}`, market, needsAuth };
  }
  if (ACCOUNT_CHANNELS.includes(kind) && parts.length === 2) {
    const account = num(parts[1]);
    return account === null ? null : { kind, name, echo: `${kind}:${account}`, account, needsAuth };
  }
  if (kind === 'account_orders' && parts.length === 3) {
    const market = num(parts[1]);
    const account = num(parts[2]);
    return market === null || account === null ? null : { kind, name, echo: `account_orders:${market}`, market, account, needsAuth };
  }
  return null;
}
