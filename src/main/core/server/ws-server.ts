import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WsClientMessage, WsServerMessage } from '../../../shared/bridge';
import type { Core } from '../core';

/** Path of the contract's WebSocket endpoint on the headless server. */
export const WS_PATH = '/ws';

/**
 * Limits of the WebSocket gateway. A frame over `maxPayloadBytes` is closed
 * with 1009; a connection beyond either connection cap is refused with HTTP
 * 503 before the upgrade; a client that stops reading (more than
 * `maxBufferedBytes` queued for it) is dropped so it cannot make the server
 * hold an unbounded backlog. The renderer reconnects on its own.
 */
export const WS_LIMITS = {
  /** Largest accepted client frame (bytes). The contract's largest request is a few KiB. */
  maxPayloadBytes: 1 << 20,
  /** Open connections per access token (one browser tab or app window each). */
  maxConnectionsPerToken: 32,
  /** Open connections over all tokens. */
  maxConnections: 64,
  /** Bytes queued for one client before it is dropped as a slow consumer. */
  maxBufferedBytes: 8 << 20,
  /** Refused upgrades are logged at most once per this many ms (with the count), so a flood cannot flood the log. */
  refusalLogIntervalMs: 10_000,
} as const;

/** Close code for a frame that is not a contract message (policy violation). */
const CLOSE_POLICY_VIOLATION = 1008;

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

/** Answers a refused upgrade on the raw socket and closes it. */
function refuse(socket: Duplex, status: '401 Unauthorized' | '503 Service Unavailable'): void {
  const retry = status.startsWith('503') ? 'Retry-After: 5\r\n' : '';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${retry}Content-Length: 0\r\n\r\n`);
}

/**
 * The contract over WebSocket: `{type:'invoke', id, name, request}` in,
 * `{type:'result', id, result}` and `{type:'event', name, payload}` out.
 * Every connection must present the access token (`/ws?token=…`); without it
 * the upgrade is refused with 401 before any message is read. No client can
 * crash the process: every socket has an error listener, and bad frames are
 * closed with the RFC 6455 code (1009 too big, 1007 invalid UTF-8, 1002
 * protocol error such as an unmasked frame, 1008 not a contract message).
 * Limits: {@link WS_LIMITS}.
 */
export function createWsGateway(core: Core, token: string, limits: typeof WS_LIMITS = WS_LIMITS) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, perMessageDeflate: false, clientTracking: true });
  const perToken = new Map<string, number>();
  let refusals = { count: 0, since: 0, lastReason: '' };

  const logRefusal = (req: IncomingMessage, reason: string) => {
    const now = Date.now();
    refusals.count++;
    refusals.lastReason = reason;
    if (now - refusals.since < limits.refusalLogIntervalMs) return;
    core.logger.warn({ component: 'server', remote: req.socket.remoteAddress, refused: refusals.count }, `WebSocket connection refused: ${reason} (${refusals.count} refused in the last ${Math.round(limits.refusalLogIntervalMs / 1000)} s)`);
    refusals = { count: 0, since: now, lastReason: '' };
  };

  /** Sends a frame already encoded once for every client; drops a client that stopped reading. */
  const sendEncoded = (ws: WebSocket, frame: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      // A close frame would queue behind the backlog it is meant to end: drop the socket (the client sees 1006 and reconnects).
      const buffered = ws.bufferedAmount;
      ws.terminate();
      core.logger.warn({ component: 'server', buffered }, 'WebSocket client dropped: it stopped reading its events');
      return;
    }
    ws.send(frame, { binary: false });
  };
  const send = (ws: WebSocket, msg: WsServerMessage) => sendEncoded(ws, Buffer.from(JSON.stringify(msg)));
  // One JSON encoding per event, not one per client: with many clients the per-client work is only the socket write.
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (wss.clients.size === 0) return;
    const frame = Buffer.from(JSON.stringify({ type: 'event', name, payload } satisfies WsServerMessage));
    for (const ws of wss.clients) sendEncoded(ws, frame);
  });

  wss.on('connection', (ws) => {
    ws.on('error', (err: Error & { code?: string }) => {
      // ws has already answered with the close code of the error (1009, 1007, 1002…).
      core.logger.info({ component: 'server', code: err.code }, `WebSocket client dropped: ${err.message}`);
    });
    ws.on('message', (raw, isBinary) => {
      const msg = isBinary ? null : parseClientMessage(raw.toString());
      if (!msg) {
        ws.close(CLOSE_POLICY_VIOLATION, 'protocol error: expected {type:"invoke", id, name, request}');
        return;
      }
      core
        .dispatch(msg.name, msg.request)
        .then((result) => send(ws, { type: 'result', id: msg.id, result }))
        .catch((err: unknown) => core.logger.error({ component: 'server', err }, `dispatch of ${msg.name} failed outside its handler`));
    });
  });

  return {
    /** Handles an HTTP upgrade: accepts `/ws` with the right token while under the caps, refuses anything else. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      // A peer that resets during the handshake must not raise an unhandled 'error'.
      socket.on('error', () => socket.destroy());
      const url = new URL(req.url ?? '/', 'http://localhost');
      const given = url.searchParams.get('token');
      if (url.pathname !== WS_PATH || !tokenMatches(given, token)) {
        logRefusal(req, 'bad path or token');
        refuse(socket, '401 Unauthorized');
        return;
      }
      const mine = perToken.get(token) ?? 0;
      if (mine >= limits.maxConnectionsPerToken || wss.clients.size >= limits.maxConnections) {
        logRefusal(req, `too many connections (${mine} with this token, ${wss.clients.size} in all)`);
        refuse(socket, '503 Service Unavailable');
        return;
      }
      perToken.set(token, mine + 1);
      let counted = true;
      const release = () => {
        if (!counted) return;
        counted = false;
        perToken.set(token, (perToken.get(token) ?? 1) - 1);
      };
      socket.once('close', release);
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.once('close', release);
        wss.emit('connection', ws, req);
      });
    },
    /** Open WebSocket connections. */
    connectionCount(): number {
      return wss.clients.size;
    },
    close(): void {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
