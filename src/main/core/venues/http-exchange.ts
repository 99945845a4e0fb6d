import { request, type Dispatcher, type FormData } from 'undici';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { BackoffOptions } from './backoff';

/** The venue-agnostic options of a venue REST client built on {@link httpExchange}. */
export interface RestClientOptions {
  clock: Clock;
  logger: Logger;
  /** undici dispatcher (e.g. a ProxyAgent); the global one when absent. */
  dispatcher?: Dispatcher;
  /** Retries after a rate limit (HTTP 429, or the venue's own code) before RateLimitedError. Default 4. */
  maxRateLimitRetries?: number;
  /** Backoff between rate-limit retries. Default 500 ms doubling to 8 s. */
  backoff?: BackoffOptions;
  /** Per-request timeout (headers and body), ms. Default 10 s. */
  timeoutMs?: number;
}

/** One HTTP request of a venue REST client. */
export interface HttpExchangeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  /** A JSON text or a multipart form; none when absent. */
  body?: string | FormData;
  /** undici dispatcher (e.g. a ProxyAgent); the global one when absent. */
  dispatcher?: Dispatcher;
  /** Timeout of the headers and, separately, of the body, ms. */
  timeoutMs: number;
}

/** What came back, whatever the status. */
export interface HttpExchangeReply {
  status: number;
  /** The body as text ('' when empty). */
  text: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: unknown;
  /** The `Retry-After` header in ms when it was a number of seconds. */
  retryAfterMs: number | undefined;
}

/**
 * Sends one request and reads the whole answer (any status). Venue-agnostic:
 * status and error-body mapping are the caller's.
 * @param unreachable maps a transport failure (refused, reset, timeout) to the error to throw.
 * @throws what `unreachable` returns when no answer arrived.
 */
export async function httpExchange(url: URL, req: HttpExchangeRequest, unreachable: (cause: unknown) => Error): Promise<HttpExchangeReply> {
  let status: number;
  let text: string;
  let retryAfter: string | string[] | undefined;
  try {
    const res = await request(url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher: req.dispatcher,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    status = res.statusCode;
    retryAfter = res.headers['retry-after'];
    text = await res.body.text();
  } catch (err) {
    throw unreachable(err);
  }
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const retryAfterMs = typeof retryAfter === 'string' && Number.isFinite(Number(retryAfter)) ? Number(retryAfter) * 1000 : undefined;
  return { status, text, json, retryAfterMs };
}
