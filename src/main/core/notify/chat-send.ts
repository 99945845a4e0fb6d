import { request, type Dispatcher } from 'undici';
import { describeNetworkError } from './network-error';

/**
 * How one message post to a chat service (Telegram Bot API, Lark webhook)
 * ended. Never carries the bot's token or webhook URL.
 */
export type ChatSendOutcome =
  | { kind: 'sent' }
  /**
   * The service (or something in front of it) answered, but not with success.
   * `code` is the service's own error code, or the HTTP status when the body
   * is not the service's JSON; `retryAfterMs` is a wait the service asked for.
   */
  | { kind: 'rejected'; status: number; code: number; description: string; retryAfterMs?: number }
  /** No HTTP answer: connection refused or reset, DNS, timeout, proxy failure. */
  | { kind: 'unreachable'; error: string };

/** The raw HTTP answer of {@link postChatJson}: status and body text. */
export interface ChatHttpAnswer {
  kind: 'answered';
  status: number;
  /** The response body as text (usually JSON, but a proxy may answer HTML). */
  raw: string;
}

/** One JSON post to a chat service. */
export interface ChatJsonPost {
  /** Full target URL (may hold a token: never logged by this function). */
  url: string;
  /** Serialised as the JSON request body. */
  body: unknown;
  /** undici dispatcher (proxy); the global one when absent. */
  dispatcher?: Dispatcher;
  /** Deadline for the response headers and, separately, the body, ms. */
  timeoutMs: number;
}

/**
 * `POST <url>` with a JSON body and `accept: application/json`, one attempt.
 * Never throws: a request that got no answer is `unreachable` (its error
 * described without the URL); any answer, whatever its status, is returned
 * for the caller to read.
 */
export async function postChatJson(post: ChatJsonPost): Promise<ChatHttpAnswer | Extract<ChatSendOutcome, { kind: 'unreachable' }>> {
  try {
    const res = await request(post.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(post.body),
      dispatcher: post.dispatcher,
      headersTimeout: post.timeoutMs,
      bodyTimeout: post.timeoutMs,
    });
    return { kind: 'answered', status: res.statusCode, raw: await res.body.text() };
  } catch (err) {
    return { kind: 'unreachable', error: describeNetworkError(err) };
  }
}
