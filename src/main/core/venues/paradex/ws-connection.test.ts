/**
 * The Paradex JSON-RPC WebSocket against a scripted loopback server:
 * auth-then-subscribe on every connect, push routing, a refused JWT replaced,
 * reconnect with resubscribe, silence detection (client ping frames).
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock } from '../../clock';
import { ParadexWs, type WsState } from './ws-connection';

const logger = pino({ level: 'silent' });

async function until(cond: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Rpc {
  socket: WebSocket;
  method: string;
  params: Record<string, unknown>;
  id: number;
}

/** A JSON-RPC server answering `auth` (refusing bearers in `refused`) and `subscribe`/`unsubscribe`. */
async function server(opts: { autoPong?: boolean } = {}) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: opts.autoPong ?? true });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const calls: Rpc[] = [];
  const refused = new Set<string>();
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => {
      const m = JSON.parse(data.toString()) as Rpc;
      calls.push({ ...m, socket });
      if (m.method === 'auth' && refused.has(String(m.params.bearer))) {
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, error: { code: 40111, message: 'invalid bearer' } }));
        return;
      }
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: m.method === 'auth' ? { node_id: 'n' } : { channel: m.params.channel } }));
    });
  });
  const push = (socket: WebSocket, channel: string, data: unknown) => socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel, data } }));
  return { wss, calls, refused, sockets, push, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v1` };
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
});

function client(url: string, extra: { pingIntervalMs?: number; staleAfterMs?: number } = {}) {
  let n = 0;
  const invalidated: string[] = [];
  const jwt = { get: async () => `jwt-${++n}`, invalidate: (t: string) => void invalidated.push(t) };
  const ws = new ParadexWs({ url, clock: systemClock, logger, jwt, reconnect: { baseMs: 10, maxMs: 20 }, ...extra });
  const states: WsState[] = [];
  ws.onState((s) => states.push(s));
  cleanup.push(() => ws.close());
  return { ws, states, invalidated };
}

describe('Paradex WebSocket (paradex.md §8)', () => {
  it('authenticates, then subscribes every channel; pushes reach their handler', async () => {
    const srv = await server();
    cleanup.push(() => srv.wss.close());
    const { ws } = client(srv.url);
    const got: unknown[] = [];
    ws.subscribe('orders.ALL', (d) => got.push(d));
    ws.start();
    await ws.waitConnected(2_000);
    expect(srv.calls.map((c) => c.method)).toEqual(['auth', 'subscribe']);
    expect(srv.calls[0]!.params).toEqual({ bearer: 'jwt-1' });
    expect(srv.calls[1]!.params).toEqual({ channel: 'orders.ALL' });
    srv.push(srv.sockets[0]!, 'orders.ALL', { id: '1' });
    srv.push(srv.sockets[0]!, 'fills.ALL', { id: 'x' });
    await until(() => got.length === 1, 'the push');
    expect(got).toEqual([{ id: '1' }]);
    const off = ws.subscribe('positions', () => undefined);
    await until(() => srv.calls.some((c) => c.method === 'subscribe' && c.params.channel === 'positions'), 'a live subscribe');
    off();
    await until(() => srv.calls.some((c) => c.method === 'unsubscribe' && c.params.channel === 'positions'), 'the unsubscribe');
    // A book resync: unsubscribe, then subscribe again (subscribing twice is an error on Paradex, §8).
    const before = srv.calls.length;
    ws.resubscribe('orders.ALL');
    await until(() => srv.calls.length === before + 2, 'the resubscribe');
    expect(srv.calls.slice(before).map((c) => [c.method, c.params.channel])).toEqual([
      ['unsubscribe', 'orders.ALL'],
      ['subscribe', 'orders.ALL'],
    ]);
  });

  it('a refused JWT is invalidated and the next connection authenticates with a new one', async () => {
    const srv = await server();
    cleanup.push(() => srv.wss.close());
    srv.refused.add('jwt-1');
    const { ws, invalidated } = client(srv.url);
    ws.start();
    await ws.waitConnected(2_000);
    expect(invalidated).toEqual(['jwt-1']);
    expect(srv.calls.filter((c) => c.method === 'auth').map((c) => c.params.bearer)).toEqual(['jwt-1', 'jwt-2']);
  });

  it('a dropped connection reconnects, re-authenticates and resubscribes', async () => {
    const srv = await server();
    cleanup.push(() => srv.wss.close());
    const { ws, states } = client(srv.url);
    ws.subscribe('account', () => undefined);
    ws.start();
    await ws.waitConnected(2_000);
    srv.sockets[0]!.terminate();
    await until(() => states.join(',') === 'connected,disconnected,connected', 'the reconnect');
    const second = srv.calls.filter((c) => c.socket === srv.sockets[1]);
    expect(second.map((c) => [c.method, c.params.channel])).toEqual([
      ['auth', undefined],
      ['subscribe', 'account'],
    ]);
  });

  it('a silent server (no pong to the client pings) is replaced', async () => {
    const srv = await server({ autoPong: false });
    cleanup.push(() => srv.wss.close());
    const { ws, states } = client(srv.url, { pingIntervalMs: 30, staleAfterMs: 80 });
    ws.start();
    await ws.waitConnected(2_000);
    await until(() => states.includes('disconnected') && srv.sockets.length >= 2, 'the stale connection to be replaced');
  });
});
