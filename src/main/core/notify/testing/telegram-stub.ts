import type { IncomingMessage } from 'node:http';
import { LoopbackJsonServer, type JsonStubReply } from './loopback-json-server';

/** One `sendMessage` call as the stub saw it. */
export interface StubRequest {
  token: string;
  host: string | undefined;
  contentType: string | undefined;
  body: { chat_id?: unknown; text?: unknown; disable_web_page_preview?: unknown };
}

/** A scripted answer: an HTTP status with a JSON body, or `drop` (destroy the socket unanswered). */
export type StubReply = JsonStubReply;

/** Telegram's error body, e.g. `telegramError(429, 'Too Many Requests: retry after 7', 7)`. */
export function telegramError(code: number, description: string, retryAfterSeconds?: number): StubReply {
  const body: Record<string, unknown> = { ok: false, error_code: code, description };
  if (retryAfterSeconds !== undefined) body.parameters = { retry_after: retryAfterSeconds };
  return { status: code, body };
}

/**
 * A Telegram Bot API stand-in on 127.0.0.1 serving `POST /bot<token>/sendMessage`.
 * Records every request on arrival; answers with the scripted replies in
 * order, then like Telegram: `{ok: true, result}` for `validToken`, 401
 * `Unauthorized` for any other token. `pause()` holds answers back.
 */
export class TelegramStub {
  readonly requests: StubRequest[] = [];
  private readonly replies: StubReply[] = [];
  private gate: Promise<void> | null = null;

  private server!: LoopbackJsonServer;

  private constructor(readonly validToken: string) {}

  /** Starts a stub on an ephemeral loopback port. */
  static async start(validToken: string): Promise<TelegramStub> {
    const stub = new TelegramStub(validToken);
    stub.server = await LoopbackJsonServer.start((req, body) => stub.handle(req, body));
    return stub;
  }

  /** The stub's port on 127.0.0.1. */
  get port(): number {
    return this.server.port;
  }

  /** `http://127.0.0.1:<port>`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The `text` of every request, in arrival order. */
  texts(): unknown[] {
    return this.requests.map((r) => r.body.text);
  }

  /** Queues answers for the next requests. */
  reply(...replies: StubReply[]): void {
    this.replies.push(...replies);
  }

  /** Holds every answer until the returned function is called. */
  pause(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = null;
      release();
    };
  }

  /** Stops the server, cutting open connections. */
  async close(): Promise<void> {
    await this.server.close();
  }

  private async handle(req: IncomingMessage, raw: string): Promise<StubReply> {
    const match = /^\/bot([^/]+)\/sendMessage$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match?.[1]) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    const body = JSON.parse(raw) as StubRequest['body'];
    const token = decodeURIComponent(match[1]);
    this.requests.push({ token, host: req.headers.host, contentType: req.headers['content-type'], body });
    const scripted = this.replies.shift();
    if (this.gate) await this.gate;
    return (
      scripted ??
      (token === this.validToken
        ? { status: 200, body: { ok: true, result: { message_id: this.requests.length, chat: { id: body.chat_id }, text: body.text } } }
        : telegramError(401, 'Unauthorized'))
    );
  }
}
