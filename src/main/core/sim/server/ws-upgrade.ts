import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Completes a WebSocket upgrade on `path` only: any other path is answered
 * `404 Not Found` and the socket closed. `onOpen` gets the new socket and
 * the request URL (parsed against `http://localhost`, for its query).
 */
export function upgradeOnPath(
  wss: WebSocketServer,
  path: string,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  onOpen: (ws: WebSocket, url: URL) => void,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== path) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => onOpen(ws, url));
}
