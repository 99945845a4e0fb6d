/**
 * Test support for venue REST clients: a loopback HTTP server whose answers
 * the test scripts.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server read it. */
export interface ScriptedHttpRequest {
  method: string;
  /** Absolute URL on the server's origin. */
  url: URL;
  headers: IncomingHttpHeaders;
  /** The whole request body (empty when none). */
  body: Buffer;
}

/** The answer to one request; sent with `content-type: application/json` unless `headers` says otherwise. */
export interface ScriptedHttpReply {
  status: number;
  /** The body text ('' for none). */
  body: string;
  headers?: Record<string, string>;
}

/** A running scripted server. */
export interface ScriptedHttpServer {
  server: Server;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (a free port) that answers each request with `answer`'s reply. */
export async function startScriptedHttpServer(answer: (req: ScriptedHttpRequest) => ScriptedHttpReply | Promise<ScriptedHttpReply>): Promise<ScriptedHttpServer> {
  let origin = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const reply = await answer({ method: req.method ?? '', url: new URL(req.url ?? '/', origin), headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.body);
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    origin,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
