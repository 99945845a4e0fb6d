import type { IncomingMessage } from 'node:http';
import { LoopbackJsonServer, type JsonStubReply } from './loopback-json-server';

/** One webhook call as the stub saw it. */
export interface LarkStubRequest {
  /** The hook token: the last path segment of `/open-apis/bot/v2/hook/<token>`. */
  hookToken: string;
  contentType: string | undefined;
  body: { msg_type?: unknown; content?: { text?: unknown } };
}

/** A scripted answer: an HTTP status with a JSON body, or `drop` (destroy the socket unanswered). */
export type LarkStubReply = JsonStubReply;

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

  private server!: LoopbackJsonServer;

  private constructor(readonly validToken: string) {}

  /** Starts a stub on an ephemeral loopback port. */
  static async start(validToken: string): Promise<LarkStub> {
    const stub = new LarkStub(validToken);
    stub.server = await LoopbackJsonServer.start((req, body) => stub.handle(req, body));
    return stub;
  }

  /** The webhook URL of `token` (default the valid one) on this stub. */
  webhookUrl(token = this.validToken): string {
    return `http://127.0.0.1:${this.server.port}/open-apis/bot/v2/hook/${token}`;
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
    await this.server.close();
  }

  private handle(req: IncomingMessage, raw: string): LarkStubReply {
    const match = /^\/open-apis\/bot\/v2\/hook\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match?.[1]) return { status: 404, body: { code: 404, msg: 'not found' } };
    const body = JSON.parse(raw) as LarkStubRequest['body'];
    this.requests.push({ hookToken: match[1], contentType: req.headers['content-type'], body });
    return (
      this.replies.shift() ??
      (match[1] === this.validToken ? { status: 200, body: { code: 0, msg: 'success', data: {} } } : larkError(19001, 'param invalid: incoming webhook access token invalid'))
    );
  }
}
