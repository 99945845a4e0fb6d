import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** One CONNECT the proxy served. */
export interface ProxyConnect {
  /** `host:port` as the client asked for it. */
  target: string;
  authorization: string | undefined;
}

/**
 * A tiny HTTP CONNECT proxy on 127.0.0.1 (undici's ProxyAgent tunnels every
 * request, `http:` targets included). It resolves every host name to
 * 127.0.0.1, so a test can address a loopback server as e.g.
 * `api.telegram.test` and prove the name only ever reached the proxy.
 * Requests in absolute form are answered 501.
 */
export class ConnectProxy {
  readonly connects: ProxyConnect[] = [];
  private readonly sockets = new Set<Duplex>();

  private constructor(private readonly server: Server) {}

  /** Starts a proxy on an ephemeral loopback port. */
  static async start(): Promise<ConnectProxy> {
    const server = createServer((_req, res) => res.writeHead(501).end('only CONNECT'));
    const proxy = new ConnectProxy(server);
    server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => proxy.tunnel(req, client, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stops the proxy, cutting open tunnels. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tunnel(req: IncomingMessage, client: Duplex, head: Buffer): void {
    const target = req.url ?? '';
    this.connects.push({ target, authorization: req.headers['proxy-authorization'] });
    const port = Number(/:(\d+)$/.exec(target)?.[1] ?? 80);
    const upstream: Socket = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }
}
