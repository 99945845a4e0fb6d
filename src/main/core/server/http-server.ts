import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import type { Core } from '../core';
import { isLoopbackHost } from './loopback';
import { SECURITY_HEADERS } from './security-headers';
import { createWsGateway } from './ws-server';

/** Path of the health check: `{status:'ok', uptimeMs, connections}`, no token needed, nothing secret. */
export const HEALTH_PATH = '/healthz';
/** Open TCP sockets the server accepts at once (WebSocket, static files, pending handshakes); more are dropped by Node. */
const MAX_TCP_CONNECTIONS = 1024;

/** Options of {@link startServer}. */
export interface ServerOptions {
  core: Core;
  /** Interface to bind; loopback unless `allowRemote`. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** Must be true to bind a non-loopback host (`--allow-remote`). */
  allowRemote?: boolean;
  /** Access token; random 32 bytes hex when omitted. */
  token?: string;
}

/** A running headless server. `url` carries the token: whoever has it controls the app. */
export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Refuses a non-loopback bind address unless the user opted in.
 * @throws Error naming the host and the `--allow-remote` opt-in.
 */
export function checkBindHost(host: string, allowRemote: boolean): void {
  if (isLoopbackHost(host) || allowRemote) return;
  throw new Error(
    `Refusing to listen on ${host}: it is not a loopback address, and anyone who can reach it could trade with your accounts. ` +
      'Pass --allow-remote to do it anyway (prefer an SSH tunnel to 127.0.0.1).',
  );
}

/**
 * Serves the built renderer and the contract over WebSocket on one port.
 * @throws Error when the host is not loopback and `allowRemote` is not set, when
 *   the renderer has not been built, or when the port cannot be bound.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  checkBindHost(opts.host, opts.allowRemote ?? false);
  if (!existsSync(join(opts.rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (no ${join(opts.rendererDir, 'index.html')}). Run "npm run build" first.`);
  }
  const token = opts.token ?? randomBytes(32).toString('hex');
  const statics = sirv(opts.rendererDir, {
    etag: true,
    setHeaders: (res) => {
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    },
  });
  const startedAt = Date.now();
  const gateway = createWsGateway(opts.core, token);
  const server = createServer((req, res) => {
    if (req.url === HEALTH_PATH) {
      // Cheap and token-free: no database, no per-connection work.
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.end(JSON.stringify({ status: 'ok', uptimeMs: Date.now() - startedAt, connections: gateway.connectionCount() }));
      return;
    }
    statics(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('not found');
    });
  });
  // Bounds on raw TCP sockets: idle or half-sent requests cannot pile up.
  server.maxConnections = MAX_TCP_CONNECTIONS;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`Cannot listen on ${opts.host}:${opts.port}: ${err.code ?? err.message}`, { cause: err })),
    );
    server.listen(opts.port, opts.host, resolve);
  });
  server.on('error', (err) => opts.core.logger.error({ component: 'server', err }, `headless server error: ${err.message}`));
  const { port } = server.address() as AddressInfo;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostForUrl}:${port}/?token=${token}`;
  opts.core.logger.info({ component: 'server', host: opts.host, port }, `headless server listening on ${opts.host}:${port}`);
  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        gateway.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
