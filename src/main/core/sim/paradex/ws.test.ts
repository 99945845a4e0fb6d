import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RPC_ERRORS } from './ws-hub';
import { call, login, openTestAccount, settle, signedOrder, startTestSim, WsProbe, type TestSim } from './testing';

describe('Paradex sim WebSocket (JSON-RPC 2.0)', () => {
  let t: TestSim;
  let ws: WsProbe;
  beforeEach(async () => {
    t = await startTestSim({ seed: 5 });
    ws = await WsProbe.open(t.sim.wsUrl);
  });
  afterEach(async () => {
    ws.close();
    await t.sim.close();
  });

  it('public channels: order book snapshots and BBO on subscribe and on change; errors for bad and duplicate channels', async () => {
    const sub = await ws.rpc('subscribe', { channel: 'order_book.ETH-USD-PERP.snapshot@15@50ms' });
    expect(sub).toMatchObject({ jsonrpc: '2.0', result: { channel: 'order_book.ETH-USD-PERP.snapshot@15@50ms' } });
    expect(typeof sub.usIn).toBe('number');
    await ws.rpc('subscribe', { channel: 'bbo.ETH-USD-PERP' });
    const book = await ws.waitFor((m) => m.params?.channel === 'order_book.ETH-USD-PERP.snapshot@15@50ms');
    expect(book.params.data).toMatchObject({ market: 'ETH-USD-PERP', update_type: 's', updates: [], deletes: [] });
    expect(book.params.data.inserts).toHaveLength(30);
    const bbo = await ws.waitFor((m) => m.params?.channel === 'bbo.ETH-USD-PERP');
    t.sim.admin.setMid('ETH-USD-PERP', '3100');
    const moved = await ws.waitFor((m) => m.params?.channel === 'bbo.ETH-USD-PERP' && m.params.data.bid !== bbo.params.data.bid);
    expect(Number(moved.params.data.bid)).toBeGreaterThan(3090);

    expect((await ws.rpc('subscribe', { channel: 'bbo.ETH-USD-PERP' })).error).toMatchObject({ code: RPC_ERRORS.method, message: 'already subscribed' });
    expect((await ws.rpc('subscribe', { channel: 'bbo.NOPE-USD-PERP' })).error).toMatchObject({ code: -32600, data: 'invalid channel' });
    expect((await ws.rpc('unsubscribe', { channel: 'trades.ALL' })).error).toMatchObject({ code: RPC_ERRORS.method });
    expect((await ws.rpc('unsubscribe', { channel: 'bbo.ETH-USD-PERP' })).result).toEqual({ channel: 'bbo.ETH-USD-PERP' });
  });

  it('private channels need auth; after auth orders, fills, positions, account and balance_events follow an order', async () => {
    expect((await ws.rpc('subscribe', { channel: 'orders.ALL' })).error).toMatchObject({ code: RPC_ERRORS.malformedBearer });
    expect((await ws.rpc('auth', { bearer: 'not-a-jwt' })).error).toMatchObject({ code: RPC_ERRORS.invalidBearer });
    const expired = await login(t.url, t.A, t.clock.now());
    t.sim.admin.expireJwts();
    expect((await ws.rpc('auth', { bearer: expired })).error).toMatchObject({ code: RPC_ERRORS.invalidBearer, data: expect.stringContaining('revoked') });
    const jwt = await login(t.url, t.A, t.clock.now());
    expect((await ws.rpc('auth', { bearer: jwt })).result).toHaveProperty('node_id');
    for (const channel of ['orders.ETH-USD-PERP', 'fills.ALL', 'positions', 'account', 'balance_events']) {
      expect((await ws.rpc('subscribe', { channel })).result).toEqual({ channel });
    }
    const placed = await call(t.url, 'POST', '/v1/orders', jwt, signedOrder(t.A, { market: 'ETH-USD-PERP', side: 'SELL', type: 'MARKET', size: '0.2', price: undefined, client_id: 'ws-1' }, t.clock.now()));
    expect(placed.status).toBe(201);
    await ws.waitFor((m) => m.params?.channel === 'orders.ETH-USD-PERP' && m.params.data.status === 'CLOSED');
    const orders = ws.data('orders.ETH-USD-PERP');
    expect(orders.map((o) => o.status)).toEqual(['NEW', 'CLOSED']);
    expect(orders[1]).toMatchObject({ id: placed.body.id, client_id: 'ws-1', remaining_size: '0', cancel_reason: '' });
    const fill = await ws.waitFor((m) => m.params?.channel === 'fills.ALL');
    expect(fill.params.data).toMatchObject({ order_id: placed.body.id, side: 'SELL', liquidity: 'TAKER', market: 'ETH-USD-PERP' });
    const position = await ws.waitFor((m) => m.params?.channel === 'positions');
    expect(position.params.data).toMatchObject({ market: 'ETH-USD-PERP', side: 'SHORT', size: '-0.2', status: 'OPEN' });
    const account = await ws.waitFor((m) => m.params?.channel === 'account');
    expect(account.params.data).toMatchObject({ account: t.A.address, settlement_asset: 'USDC' });
    const balance = await ws.waitFor((m) => m.params?.channel === 'balance_events');
    expect(balance.params.data).toMatchObject({ type: 'TRANSACTION_FILL', market: 'ETH-USD-PERP', settlement_asset_balance_before: '10000' });
    expect(Number(balance.params.data.settlement_asset_balance_after)).toBeLessThan(10000);
  });

  it('another account’s updates are not delivered; a Bearer handshake header authenticates too', async () => {
    const jwt = await login(t.url, t.A, t.clock.now());
    const B = openTestAccount(t.sim, 'account B');
    const jwtB = await login(t.url, B, t.clock.now());
    const raw = new WebSocket(t.sim.wsUrl, { headers: { Authorization: `Bearer ${jwt}` } });
    const got: unknown[] = [];
    raw.on('message', (m) => got.push(JSON.parse(m.toString())));
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(JSON.stringify({ jsonrpc: '2.0', method: 'subscribe', params: { channel: 'orders.ALL' }, id: 1 }));
    await ws.rpc('auth', { bearer: jwtB });
    await ws.rpc('subscribe', { channel: 'orders.ALL' });
    await call(t.url, 'POST', '/v1/orders', jwtB, signedOrder(B, { market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '2800' }, t.clock.now()));
    await ws.waitFor((m) => m.params?.data?.status === 'OPEN');
    await settle();
    expect(got).toEqual([expect.objectContaining({ id: 1, result: { channel: 'orders.ALL' } })]);
    raw.close();
  });

  it('order_book deltas: a full snapshot, then deltas whose seq_no grows by one and rebuild the REST book', async () => {
    await ws.rpc('subscribe', { channel: 'order_book.BTC-USD-PERP.deltas' });
    const snap = (await ws.waitFor((m) => m.params?.channel === 'order_book.BTC-USD-PERP.deltas')).params.data;
    expect(snap.update_type).toBe('s');
    const book = new Map<string, string>(snap.inserts.map((l: { side: string; price: string; size: string }) => [`${l.side}:${l.price}`, l.size]));
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      await settle();
    }
    await ws.waitFor(() => ws.data('order_book.BTC-USD-PERP.deltas').length >= 4);
    const pushes = ws.data('order_book.BTC-USD-PERP.deltas');
    pushes.slice(1).forEach((d, i) => {
      expect(d).toMatchObject({ update_type: 'd', seq_no: snap.seq_no + i + 1 });
      for (const l of d.deletes) book.delete(`${l.side}:${l.price}`);
      for (const l of [...d.updates, ...d.inserts]) book.set(`${l.side}:${l.price}`, l.size);
    });
    await settle();
    const rest = (await call(t.url, 'GET', '/v1/orderbook/BTC-USD-PERP?depth=500')).body;
    expect(rest.seq_no).toBe(pushes.at(-1).seq_no);
    const fromRest = new Map<string, string>([...rest.bids.map(([p, q]: string[]) => [`BUY:${p}`, q]), ...rest.asks.map(([p, q]: string[]) => [`SELL:${p}`, q])]);
    expect(book).toEqual(fromRest);
  });

  it('protocol pings keep an answering connection open and close one that does not pong', async () => {
    for (let i = 0; i < 3; i++) {
      const pinged = new Promise((resolve) => ws.ws.once('ping', resolve));
      t.clock.advance(55_000);
      await pinged;
      // The automatic pong precedes this request on the same connection: once answered, the server has seen the pong.
      await ws.rpc('unsubscribe', { channel: 'bbo.ETH-USD-PERP' });
    }
    expect(ws.ws.readyState).toBe(WebSocket.OPEN);
    expect(t.sim.admin.state().ws_connections).toBe(1);

    const silent = new WebSocket(t.sim.wsUrl, { autoPong: false });
    await new Promise((resolve) => silent.once('open', resolve));
    const closed = new Promise((resolve) => silent.once('close', resolve));
    const pingedBoth = Promise.all([new Promise((resolve) => silent.once('ping', resolve)), new Promise((resolve) => ws.ws.once('ping', resolve))]);
    t.clock.advance(55_000);
    await pingedBoth;
    await ws.rpc('unsubscribe', { channel: 'bbo.ETH-USD-PERP' });
    t.clock.advance(55_000);
    await closed;
    expect(ws.ws.readyState).toBe(WebSocket.OPEN);
  });
});
