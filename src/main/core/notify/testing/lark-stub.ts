import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook call as the stub saw it. */
export interface LarkStubRequest {
  /** The hook token: the last path segment of `/open-apis/bot/v2/hook/<token>`. */
  hookToken: string;
  contentType: string | undefined;
  body: { msg_type?: unknown; content?: { text?: unknown } };
}

/** A scripted answer: an HTTP status with a JSON body, or `drop` (destroy the socket unanswered). */
export type LarkStubReply = { status: number; body: unknown } | 'drop';

/** Lark's error body, e.g. `larkError(11232, 'frequency limited')` (HTTP 200, as Lark answers). */
export function larkError(code: number, msg: string, status = 200): LarkStubReply {
  return { status, body: { code, msg, data: {} } };
}

/**
 * A Lark custom bot webhook stand-in on 127.0.0.1 serving
 * `POST /open-apis/bot/v2/hook/<token>`. Records every request; answers with
 * the scripted replies in order, then like Lark: `{code: 0, msg: "success"}`
 * for `validToken`, `{code: 19001, msg: "param invalid: incoming webhook access token invalid"}` otherwise.
 */
export class LarkStub {
  readonly requests: LarkStubRequest[] = [];
  private readonly replies: LarkStubReply[] = [];

  private constructor(
    private readonly server: Server,
    readonly validToken: string,
  ) {}

  /** Starts a stub on an ephemeral loopback port. */
  static async start(validToken: string): Promise<LarkStub> {
    const server = createServer();
    const stub = new LarkStub(server, validToken);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void stub.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return stub;
  }

  /** The webhook URL of `token` (default the valid one) on this stub. */
  webhookUrl(token = this.validToken): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/open-apis/bot/v2/hook/${token}`;
  }

  /** The `content.text` of every request, in arrival order. */
  texts(): unknown[] {
    return this.requests.map((r) => r.body.content?.text);
  }

  /** Queues answers for the next requests. */
  reply(...replies: LarkStubReply[]): void {
    this.replies.push(...replies);
  }

  /** Stops the server, cutting open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/open-apis\/bot\/v2\/hook\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match?.[1]) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 404, msg: 'not found' }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as LarkStubRequest['body'];
    this.requests.push({ hookToken: match[1], contentType: req.headers['content-type'], body });
    const reply =
      this.replies.shift() ??
      (match[1] === this.validToken ? { status: 200, body: { code: 0, msg: 'success', data: {} } } : larkError(19001, 'param invalid: incoming webhook access token invalid'));
    if (reply === 'drop') {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  }
}
