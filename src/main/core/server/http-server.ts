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
  const server = createServer((req, res) => {
    statics(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('not found');
    });
  });
  const gateway = createWsGateway(opts.core, token);
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`Cannot listen on ${opts.host}:${opts.port}: ${err.code ?? err.message}`, { cause: err })),
    );
    server.listen(opts.port, opts.host, resolve);
  });
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
