import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WsClientMessage } from '../../../shared/bridge';
import { WsTransport, type ConnectionState, type SocketLike } from './ws-transport';

/** A socket the test opens, feeds and drops by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: WsClientMessage[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;

  send(data: string): void {
    this.sent.push(JSON.parse(data) as WsClientMessage);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.call(this as unknown as WebSocket, new Event('open'));
  }
  receive(message: unknown): void {
    this.onmessage?.call(this as unknown as WebSocket, new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.call(this as unknown as WebSocket, new Event('close') as CloseEvent);
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const urls: string[] = [];
  const transport = new WsTransport({
    url: 'ws://host/ws?token=t',
    initialBackoffMs: 100,
    maxBackoffMs: 1000,
    createSocket: (url) => {
      urls.push(url);
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  const states: ConnectionState[] = [];
  transport.onStateChange((s) => states.push(s));
  const socket = (i: number) => {
    const s = sockets[i];
    if (!s) throw new Error(`no socket ${i}`);
    return s;
  };
  return { transport, sockets, socket, urls, states };
}

describe('WsTransport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('queues invokes until the socket opens, then resolves each by id', async () => {
    const { transport, socket, urls } = setup();
    expect(urls).toEqual(['ws://host/ws?token=t']);
    const settings = transport.invoke('settings.get', {});
    const info = transport.invoke('app.info', {});
    expect(socket(0).sent).toEqual([]);

    socket(0).open();
    expect(socket(0).sent.map((m) => m.name)).toEqual(['settings.get', 'app.info']);
    const [first, second] = socket(0).sent;
    socket(0).receive({ type: 'result', id: second?.id, result: { ok: false, error: { code: 'INTERNAL', message: 'x' } } });
    socket(0).receive({ type: 'result', id: first?.id, result: { ok: true, data: { language: 'en', theme: 'system' } } });

    await expect(settings).resolves.toEqual({ ok: true, data: { language: 'en', theme: 'system' } });
    await expect(info).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'x' } });
  });

  it('delivers events to their listeners until unsubscribed', () => {
    const { transport, socket } = setup();
    const seen: unknown[] = [];
    const off = transport.on('settings.changed', (s) => seen.push(s));
    socket(0).open();
    socket(0).receive({ type: 'event', name: 'settings.changed', payload: { language: 'zh-TW', theme: 'dark' } });
    socket(0).receive({ type: 'event', name: 'accounts.changed', payload: [] });
    off();
    socket(0).receive({ type: 'event', name: 'settings.changed', payload: { language: 'en', theme: 'dark' } });
    expect(seen).toEqual([{ language: 'zh-TW', theme: 'dark' }]);
  });

  it('answers invokes of a dropped socket with INTERNAL "connection lost" and reconnects with backoff', async () => {
    const { transport, sockets, socket, states } = setup();
    socket(0).open();
    const lost = transport.invoke('accounts.list', {});
    socket(0).drop();
    await expect(lost).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'connection lost' } });
    expect(states).toEqual(['connected', 'reconnecting']);

    // Made while disconnected: waits for the next socket instead of failing.
    const later = transport.invoke('accounts.list', {});
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(2);
    socket(1).drop();
    vi.advanceTimersByTime(150);
    expect(sockets).toHaveLength(2); // second attempt waits about twice as long
    vi.advanceTimersByTime(150);
    expect(sockets).toHaveLength(3);

    socket(2).open();
    expect(states.at(-1)).toBe('connected');
    const resent = socket(2).sent[0];
    expect(resent?.name).toBe('accounts.list');
    socket(2).receive({ type: 'result', id: resent?.id, result: { ok: true, data: [] } });
    await expect(later).resolves.toEqual({ ok: true, data: [] });
  });

  it('ignores frames that are not protocol messages', () => {
    const { transport, socket } = setup();
    const seen: unknown[] = [];
    transport.on('log.line', (l) => seen.push(l));
    socket(0).open();
    socket(0).receive({ type: 'event', name: 'no.such.event', payload: 1 });
    socket(0).onmessage?.call(socket(0) as unknown as WebSocket, new MessageEvent('message', { data: 'not json' }));
    expect(seen).toEqual([]);
  });
});
