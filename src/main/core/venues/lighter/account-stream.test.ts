import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AccountEvent, Fill } from '../venue';
import { VirtualClock } from '../virtual-clock';
import { AccountStream } from './account-stream';
import { ClientOrderIds } from './client-order-ids';
import { MarketCatalog } from './markets';
import type { LighterRest } from './rest-client';
import type { DetailedAccount, LighterOrder, LighterTrade, OrderBookDetail } from './wire';
import type { LighterWs, WsState } from './ws-connection';

const ME = 7;
const eth = {
  symbol: 'ETH',
  market_id: 0,
  status: 'active',
  taker_fee: '0.0000',
  maker_fee: '0.0000',
  min_base_amount: '0.0050',
  min_quote_amount: '10.000000',
  order_quote_limit: '',
  size_decimals: 4,
  price_decimals: 2,
} as OrderBookDetail;

function trade(id: number, extra: Partial<LighterTrade> = {}): LighterTrade {
  return { trade_id: id, market_id: 0, size: '0.0100', price: '3000.00', ask_id: 900 + id, bid_id: 281474976710700, ask_account_id: 99, bid_account_id: ME, is_maker_ask: true, timestamp: 1_763_000_000_000 + id, ...extra };
}
function order(id: number, status: string, filled = '0.0000'): LighterOrder {
  return {
    order_index: id,
    client_order_index: 5,
    order_id: String(id),
    market_index: 0,
    owner_account_index: ME,
    initial_base_amount: '0.0100',
    price: '3000.00',
    remaining_base_amount: '0.0100',
    is_ask: false,
    filled_base_amount: filled,
    filled_quote_amount: '0',
    type: 'limit',
    time_in_force: 'good-till-time',
    reduce_only: false,
    status,
    timestamp: 1_763_000_000_000,
  };
}

/** A stand-in for the WS: records handlers, lets the test push messages and connection changes. */
class FakeWs {
  handlers = new Map<string, (m: Record<string, unknown>) => void>();
  states = new Set<(s: WsState) => void>();
  subscribe(channel: string, _auth: boolean, handler: (m: Record<string, unknown>) => void) {
    this.handlers.set(channel, handler);
    return () => this.handlers.delete(channel);
  }
  onState(l: (s: WsState) => void) {
    this.states.add(l);
    return () => this.states.delete(l);
  }
  push(channel: string, message: Record<string, unknown>) {
    this.handlers.get(channel)!(message);
  }
  state(s: WsState) {
    for (const l of this.states) l(s);
  }
}

function setup() {
  const rest = {
    trades: [trade(10), trade(11)] as LighterTrade[],
    active: [] as LighterOrder[],
    inactive: [] as LighterOrder[],
    acct: { index: ME, collateral: '500.000000', available_balance: '400.000000', positions: [] } as DetailedAccount,
    accountTrades: () => Promise.resolve(rest.trades),
    activeOrders: () => Promise.resolve(rest.active),
    inactiveOrders: () => Promise.resolve(rest.inactive),
    account: () => Promise.resolve(rest.acct),
  };
  const ws = new FakeWs();
  const ids = new ClientOrderIds(new VirtualClock());
  const stream = new AccountStream({
    accountIndex: ME,
    ws: ws as unknown as LighterWs,
    rest: rest as unknown as LighterRest,
    markets: new MarketCatalog([eth]),
    ids,
    clock: new VirtualClock(),
    logger: pino({ level: 'silent' }),
  });
  const events: AccountEvent[] = [];
  stream.on((e) => events.push(e));
  const fills = () => events.filter((e): e is { type: 'fill'; fill: Fill } => e.type === 'fill').map((e) => e.fill.fillId);
  return { rest, ws, stream, events, fills, ids };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('AccountStream (lighter.md §6.4)', () => {
  it('subscribes the private channels; history before start is never delivered', async () => {
    const { ws, stream, fills } = setup();
    await stream.start();
    expect([...ws.handlers.keys()].sort()).toEqual(['account_all/7', 'account_all_orders/7', 'account_all_trades/7', 'user_stats/7']);
    ws.push('account_all_trades/7', { type: 'subscribed/account_all_trades', channel: 'account_all_trades:7', trades: { '0': [trade(10), trade(11)] } });
    expect(fills()).toEqual([]);
  });

  it('delivers each fill once across channels and snapshots', async () => {
    const { ws, stream, fills, events } = setup();
    await stream.start();
    ws.push('account_all_trades/7', { type: 'update/account_all_trades', channel: 'account_all_trades:7', trades: { '0': [trade(12)] } });
    ws.push('account_all/7', { type: 'update/account_all', channel: 'account_all:7', trades: { '0': [trade(12), trade(13)] } });
    ws.push('account_all_trades/7', { type: 'subscribed/account_all_trades', channel: 'account_all_trades:7', trades: { '0': [trade(13), trade(12)] } });
    expect(fills()).toEqual(['12', '13']);
    const fill = events.find((e) => e.type === 'fill');
    expect(fill).toMatchObject({ fill: { side: 'buy', liquidity: 'taker', symbol: 'ETH' } }); // is_maker_ask: the seller was maker
  });

  it('after a reconnect: REST resync replays missed fills (deduped), refreshes orders, positions, collateral, then says resynced', async () => {
    const { ws, stream, fills, events, rest, ids } = setup();
    await stream.start();
    const mine = ids.assign('placed-while-down').index;
    ws.push('account_all_orders/7', { type: 'update/account_all_orders', channel: 'account_all_orders:7', orders: { '0': [order(281474976710700, 'open')] } });
    ws.push('account_all_trades/7', { type: 'update/account_all_trades', channel: 'account_all_trades:7', trades: { '0': [trade(12)] } });
    ws.state('disconnected');
    // While disconnected: trade 13 and 14 happen, the order fills.
    rest.trades = [trade(14), trade(13), trade(12), trade(11)];
    rest.active = [];
    rest.inactive = [
      order(281474976710700, 'filled', '0.0100'),
      { ...order(281474976710800, 'filled', '0.0100'), client_order_index: mine },
      { ...order(281474976710900, 'canceled'), client_order_index: 77 }, // someone else's history
    ];
    rest.acct = { ...rest.acct, positions: [{ market_id: 0, symbol: 'ETH', sign: 1, position: '0.0300', avg_entry_price: '3000.00', unrealized_pnl: '0.1' }] };
    ws.state('connected');
    for (let i = 0; i < 10 && !events.some((e) => e.type === 'connection' && e.state === 'resynced'); i++) await tick();
    expect(fills()).toEqual(['12', '13', '14']);
    const kinds = events.map((e) => (e.type === 'connection' ? e.state : e.type));
    expect(kinds.slice(kinds.indexOf('disconnected'))).toEqual(['disconnected', 'connected', 'positions', 'collateral', 'order', 'order', 'fill', 'fill', 'resynced']);
    const [filled, neverSeen] = events.filter((e) => e.type === 'order').slice(-2);
    expect(filled).toMatchObject({ order: { status: 'filled', venueOrderId: '281474976710700', clientOrderId: '5' } });
    expect(neverSeen).toMatchObject({ order: { status: 'filled', clientOrderId: 'placed-while-down' } });
    const positions = events.filter((e) => e.type === 'positions').at(-1);
    expect(positions).toMatchObject({ positions: [{ symbol: 'ETH' }] });
    // A late WS snapshot with the same trades delivers nothing new.
    ws.push('account_all_trades/7', { type: 'subscribed/account_all_trades', channel: 'account_all_trades:7', trades: { '0': [trade(14), trade(13)] } });
    expect(fills()).toEqual(['12', '13', '14']);
  });

  it('order events only on change; user_stats → collateral; account_all positions → positions', async () => {
    const { ws, stream, events } = setup();
    await stream.start();
    const open = { type: 'update/account_all_orders', channel: 'account_all_orders:7', orders: { '0': [order(281474976710701, 'open')] } };
    ws.push('account_all_orders/7', open);
    ws.push('account_all_orders/7', open);
    ws.push('account_all_orders/7', { ...open, orders: { '0': [order(281474976710701, 'canceled-post-only')] } });
    const orders = events.filter((e) => e.type === 'order');
    expect(orders.map((e) => (e.type === 'order' ? [e.order.status, e.order.statusReason] : null))).toEqual([
      ['open', null],
      ['rejected', 'canceled-post-only'],
    ]);
    expect(stream.knownOrder('281474976710701')?.side).toBe('buy');
    ws.push('user_stats/7', { type: 'update/user_stats', channel: 'user_stats:7', stats: { collateral: '10.5', available_balance: '3.25' } });
    expect(events.at(-1)).toMatchObject({ type: 'collateral' });
    ws.push('account_all/7', { type: 'update/account_all', channel: 'account_all:7', positions: { '0': { market_id: 0, symbol: 'ETH', sign: -1, position: '0.5', avg_entry_price: '3000', unrealized_pnl: '0' } } });
    const last = events.at(-1);
    expect(last?.type === 'positions' && last.positions[0]!.size.toString()).toBe('-0.5');
  });
});
