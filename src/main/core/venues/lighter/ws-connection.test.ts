import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock } from '../../clock';
import { LighterWs, type WsState } from './ws-connection';

const logger = pino({ level: 'silent' });

async function until(cond: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Received {
  socket: WebSocket;
  message: Record<string, unknown>;
}

async function server() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const received: Received[] = [];
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.send(JSON.stringify({ type: 'connected', session_id: 's' }));
    socket.on('message', (data) => received.push({ socket, message: JSON.parse(data.toString()) as Record<string, unknown> }));
  });
  return { wss, received, sockets, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/stream` };
}

function stopServer(wss: WebSocketServer): void {
  for (const s of wss.clients) s.terminate();
  wss.close();
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
});

function client(url: string, extra: { pingIntervalMs?: number; staleAfterMs?: number } = {}) {
  const ws = new LighterWs({
    url,
    clock: systemClock,
    logger,
    authToken: () => Promise.resolve('tok'),
    reconnect: { baseMs: 20, maxMs: 50 },
    ...extra,
  });
  const states: WsState[] = [];
  ws.onState((s) => states.push(s));
  cleanup.push(() => ws.close());
  return { ws, states };
}

describe('LighterWs (lighter.md §6.1)', () => {
  it('subscribes (auth on private channels), routes replies by the colon channel name, answers pings', async () => {
    const srv = await server();
    cleanup.push(() => stopServer(srv.wss));
    const { ws } = client(srv.url);
    const book: unknown[] = [];
    const account: unknown[] = [];
    ws.subscribe('order_book/0', false, (m) => book.push(m));
    ws.subscribe('account_all_orders/7', true, (m) => account.push(m));
    ws.start();
    await ws.waitConnected(2_000);
    await until(() => srv.received.length >= 2);
    expect(srv.received.map((r) => r.message)).toEqual([
      { type: 'subscribe', channel: 'order_book/0' },
      { type: 'subscribe', channel: 'account_all_orders/7', auth: 'tok' },
    ]);
    const socket = srv.sockets[0]!;
    socket.send(JSON.stringify({ type: 'subscribed/order_book', channel: 'order_book:0', order_book: {} }));
    socket.send(JSON.stringify({ type: 'update/account_all_orders', channel: 'account_all_orders:7', orders: {} }));
    socket.send(JSON.stringify({ type: 'update/trade', channel: 'trade:0', trades: [] }));
    socket.send(JSON.stringify({ type: 'ping' }));
    await until(() => srv.received.some((r) => r.message.type === 'pong'));
    expect(book).toHaveLength(1);
    expect(account).toHaveLength(1);
  });

  it('pings every interval; reconnects after a drop and sends every subscription again', async () => {
    const srv = await server();
    cleanup.push(() => stopServer(srv.wss));
    const { ws, states } = client(srv.url, { pingIntervalMs: 30 });
    ws.subscribe('order_book/1', false, () => undefined);
    ws.start();
    await ws.waitConnected(2_000);
    await until(() => srv.received.some((r) => r.message.type === 'ping'));
    srv.sockets[0]!.close();
    await until(() => srv.sockets.length === 2 && states.length >= 3);
    expect(states.slice(0, 3)).toEqual(['connected', 'disconnected', 'connected']);
    await until(() => srv.received.filter((r) => r.message.type === 'subscribe').length === 2);
    const subs = srv.received.filter((r) => r.message.type === 'subscribe');
    expect(subs[1]!.socket).toBe(srv.sockets[1]);
  });

  it('replaces a connection that went silent', async () => {
    const srv = await server();
    cleanup.push(() => stopServer(srv.wss));
    const { ws } = client(srv.url, { pingIntervalMs: 20, staleAfterMs: 60 });
    ws.start();
    await ws.waitConnected(2_000);
    // The server never answers the client's pings: the client drops it and dials again.
    await until(() => srv.sockets.length >= 2);
  });

  it('resubscribe sends unsubscribe then subscribe; unsubscribe stops routing', async () => {
    const srv = await server();
    cleanup.push(() => stopServer(srv.wss));
    const { ws } = client(srv.url);
    const got: unknown[] = [];
    const off = ws.subscribe('order_book/2', false, (m) => got.push(m));
    ws.start();
    await ws.waitConnected(2_000);
    ws.resubscribe('order_book/2');
    await until(() => srv.received.length >= 3);
    expect(srv.received.map((r) => r.message.type)).toEqual(['subscribe', 'unsubscribe', 'subscribe']);
    off();
    await until(() => srv.received.length >= 4);
    srv.sockets[0]!.send(JSON.stringify({ type: 'update/order_book', channel: 'order_book:2', order_book: {} }));
    await new Promise((r) => setTimeout(r, 30));
    expect(got).toHaveLength(0);
  });

  it('waitConnected fails with VenueUnavailable when nothing answers', async () => {
    const { ws } = client('ws://127.0.0.1:1/stream');
    ws.start();
    await expect(ws.waitConnected(150)).rejects.toThrow(/no Lighter WebSocket connection/);
  });
});
