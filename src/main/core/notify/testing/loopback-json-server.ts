import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted answer: an HTTP status with a JSON body, or `drop` (destroy the socket unanswered). */
export type JsonStubReply = { status: number; body: unknown } | 'drop';

/** Answers one request: `req` as received, `body` its full body as UTF-8 text. */
export type JsonStubHandler = (req: IncomingMessage, body: string) => JsonStubReply | Promise<JsonStubReply>;

/**
 * An HTTP server on an ephemeral 127.0.0.1 port for the chat-service stubs
 * (Telegram, Lark): reads each request's body, asks the handler for the
 * answer and writes it as JSON, or destroys the socket for `drop`.
 */
export class LoopbackJsonServer {
  private constructor(private readonly server: Server) {}

  /** Starts listening; resolves once the port is bound. */
  static async start(handler: JsonStubHandler): Promise<LoopbackJsonServer> {
    const server = createServer((req: IncomingMessage, res: ServerResponse) => void answer(req, res, handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new LoopbackJsonServer(server);
  }

  /** The bound port on 127.0.0.1. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops the server, cutting open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function answer(req: IncomingMessage, res: ServerResponse, handler: JsonStubHandler): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const reply = await handler(req, Buffer.concat(chunks).toString('utf8'));
  if (reply === 'drop') {
    req.socket.destroy();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
}
