import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WsClientMessage, WsServerMessage } from '../../../shared/bridge';
import type { Core } from '../core';

/** Path of the contract's WebSocket endpoint on the headless server. */
export const WS_PATH = '/ws';
/** Largest accepted client frame (bytes). */
const MAX_PAYLOAD = 1 << 20;

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseClientMessage(data: string): WsClientMessage | null {
  try {
    const m = JSON.parse(data) as Partial<WsClientMessage>;
    if (m && m.type === 'invoke' && typeof m.id === 'number' && typeof m.name === 'string') return m as WsClientMessage;
  } catch {
    /* malformed frame: answered below as a protocol error */
  }
  return null;
}

/**
 * The contract over WebSocket: `{type:'invoke', id, name, request}` in,
 * `{type:'result', id, result}` and `{type:'event', name, payload}` out.
 * Every connection must present the access token (`/ws?token=…`); without it
 * the upgrade is refused with 401 before any message is read.
 */
export function createWsGateway(core: Core, token: string) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  const send = (ws: WebSocket, msg: WsServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const ws of wss.clients) send(ws, { type: 'event', name, payload });
  });

  wss.on('connection', (ws) => {
    ws.on('message', (raw) => {
      const msg = parseClientMessage(raw.toString());
      if (!msg) {
        ws.close(1008, 'protocol error: expected {type:"invoke", id, name, request}');
        return;
      }
      void core.dispatch(msg.name, msg.request).then((result) => send(ws, { type: 'result', id: msg.id, result }));
    });
  });

  return {
    /** Handles an HTTP upgrade: accepts `/ws` with the right token, refuses anything else. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== WS_PATH || !tokenMatches(url.searchParams.get('token'), token)) {
        core.logger.warn({ component: 'server', remote: req.socket.remoteAddress }, 'WebSocket connection refused: bad path or token');
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close(): void {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
