import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { postChatJson, type ChatSendOutcome } from './chat-send';

/** Where the Telegram Bot API lives unless configured otherwise. */
export const TELEGRAM_API_BASE_URL = 'https://api.telegram.org';

/**
 * Telegram's answer to every Bot API call (core.telegram.org/bots/api,
 * "Making requests"): `{ok: true, result}` or `{ok: false, error_code,
 * description, parameters?: {retry_after}}` where `retry_after` is in seconds.
 */
const telegramResponseSchema = z.object({
  ok: z.boolean(),
  error_code: z.number().int().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().nonnegative().optional() }).optional(),
});

/**
 * How one `sendMessage` call ended. Never carries the bot token. A
 * rejection's `code` is Telegram's `error_code` (or the HTTP status when the
 * body is not Telegram JSON) and `retryAfterMs` its `retry_after`, in ms.
 */
export type TelegramSendOutcome = ChatSendOutcome;

/** One `sendMessage` call. */
export interface TelegramSendRequest {
  /** API root without a trailing path, e.g. {@link TELEGRAM_API_BASE_URL} or a loopback test server. */
  baseUrl: string;
  token: string;
  /** A numeric chat id (`-100…` for groups and channels) or `@channelusername`. */
  chatId: string;
  /** Plain text, already capped (see `formatTelegramText`). */
  text: string;
  /** undici dispatcher (proxy); the global one when absent. */
  dispatcher?: Dispatcher;
  /** Deadline for the response headers and, separately, the body, ms. */
  timeoutMs: number;
}

/**
 * `{baseUrl}/bot{token}/{method}`. Pass `REDACTED` as the token for a URL that
 * may be logged.
 */
export function telegramMethodUrl(baseUrl: string, token: string, method: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/bot${token}/${method}`;
}

/**
 * `POST /bot{token}/sendMessage` with JSON `{chat_id, text,
 * disable_web_page_preview: true}`, one attempt. Never throws: every failure
 * is an outcome, so callers decide about retries. An answer that is not
 * Telegram JSON (e.g. a proxy's HTML error page) is `rejected` with
 * `code` = the HTTP status and description `HTTP <status>`.
 */
export async function sendTelegramMessage(req: TelegramSendRequest): Promise<TelegramSendOutcome> {
  const answer = await postChatJson(
    {
      url: telegramMethodUrl(req.baseUrl, req.token, 'sendMessage'),
      body: { chat_id: req.chatId, text: req.text, disable_web_page_preview: true },
      dispatcher: req.dispatcher,
      timeoutMs: req.timeoutMs,
    },
    telegramResponseSchema,
  );
  if (answer.kind === 'unreachable') return answer;
  const { status, body: parsed } = answer;
  if (status >= 200 && status < 300 && parsed?.ok) return { kind: 'sent' };
  const outcome: TelegramSendOutcome = {
    kind: 'rejected',
    status,
    code: parsed?.error_code ?? status,
    description: parsed?.description ?? `HTTP ${status}`,
  };
  const retryAfter = parsed?.parameters?.retry_after;
  if (retryAfter !== undefined) outcome.retryAfterMs = retryAfter * 1000;
  return outcome;
}
