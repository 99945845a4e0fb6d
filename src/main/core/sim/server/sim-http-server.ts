import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { isLoopbackHost } from '../../server/loopback';

/** How a simulator's one port is served: its routes, its WebSocket upgrades and its own shutdown. */
export interface SimHttpServerOptions {
  /** Interface to bind (already checked with {@link assertLoopbackHost}). */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Answers one HTTP request; `url` is parsed against `http://localhost`. */
  route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Writes the venue's error answer for what `route` threw, when no header was sent yet. */
  sendFailure(res: ServerResponse, err: unknown): void;
  /** Takes over a WebSocket upgrade request. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Stops the simulator's timers and connections; called on close, and when the port cannot be bound. */
  shutdown(): void;
}

/** A simulator's HTTP server, listening. */
export interface SimHttpServer {
  /** The bound port. */
  port: number;
  /** `host:port` as it goes into a URL (an IPv6 host in brackets), e.g. `127.0.0.1:8123`. */
  authority: string;
  /** Runs `shutdown`, cuts open connections and closes the port. */
  close(): Promise<void>;
}

/**
 * @throws Error when `host` is not a loopback address: simulators serve this machine only.
 */
export function assertLoopbackHost(host: string): void {
  if (!isLoopbackHost(host)) throw new Error(`the simulator binds loopback addresses only, not ${host}`);
}

/**
 * Serves a simulator on `host:port`: every request goes to `route` (errors
 * answered by `sendFailure`), every upgrade to `upgrade`.
 * @throws Error `Cannot listen on host:port: <code>` when the port cannot be bound (after running `shutdown`).
 */
export async function listenSimHttpServer(opts: SimHttpServerOptions): Promise<SimHttpServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      await opts.route(req, res, url);
    } catch (err) {
      if (res.headersSent) return;
      opts.sendFailure(res, err);
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  server.on('upgrade', (req, socket, head) => opts.upgrade(req, socket, head));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => reject(new Error(`Cannot listen on ${opts.host}:${opts.port}: ${err.code ?? err.message}`, { cause: err })));
      server.listen(opts.port, opts.host, resolve);
    });
  } catch (err) {
    opts.shutdown();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  return {
    port,
    authority: `${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    close: async () => {
      opts.shutdown();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
