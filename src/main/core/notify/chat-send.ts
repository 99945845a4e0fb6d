import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
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

/** The HTTP answer of {@link postChatJson}: its status and its body read with the service's schema. */
export interface ChatHttpAnswer<T> {
  kind: 'answered';
  status: number;
  /** The body as the service's JSON, or null when it is not (e.g. a proxy's HTML error page). */
  body: T | null;
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
 * `POST <url>` with a JSON body and `accept: application/json`, one attempt;
 * the answer's body is read with `schema`. Never throws: a request that got
 * no answer is `unreachable` (its error described without the URL); any
 * answer, whatever its status, is returned for the caller to judge.
 */
export async function postChatJson<S extends z.ZodType>(
  post: ChatJsonPost,
  schema: S,
): Promise<ChatHttpAnswer<z.infer<S>> | Extract<ChatSendOutcome, { kind: 'unreachable' }>> {
  let status: number;
  let raw: string;
  try {
    const res = await request(post.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(post.body),
      dispatcher: post.dispatcher,
      headersTimeout: post.timeoutMs,
      bodyTimeout: post.timeoutMs,
    });
    status = res.statusCode;
    raw = await res.body.text();
  } catch (err) {
    return { kind: 'unreachable', error: describeNetworkError(err) };
  }
  return { kind: 'answered', status, body: parseJson(schema, raw) };
}

function parseJson<S extends z.ZodType>(schema: S, raw: string): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? (parsed.data as z.infer<S>) : null;
  } catch {
    return null;
  }
}
