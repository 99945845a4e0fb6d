import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { postChatJson, type ChatSendOutcome } from './chat-send';

/**
 * The answer of a Lark (Feishu) custom bot webhook (Lark Open Platform,
 * "Custom bot usage guide"): `{code: 0, msg: "success", data: {}}` on
 * success, else a non-zero `code` with `msg` (e.g. 19021 bad signature,
 * 19024 keyword not found, 9499 bad request, 11232 frequency limited).
 * Older deployments answer `{StatusCode, StatusMessage}`; both are read.
 * HTTP status is usually 200 either way.
 */
const larkResponseSchema = z.object({
  code: z.number().int().optional(),
  msg: z.string().optional(),
  StatusCode: z.number().int().optional(),
  StatusMessage: z.string().optional(),
});

/** Lark's code for "frequency limited" (a custom bot takes 100 messages a minute, 5 a second). */
export const LARK_RATE_LIMITED_CODE = 11232;

/**
 * How one webhook call ended. Never carries the webhook URL (it holds the
 * bot's token). A rejection's `code` is Lark's, or the HTTP status when the
 * body is not Lark JSON; Lark sends no `retryAfterMs`.
 */
export type LarkSendOutcome = ChatSendOutcome;

/** One webhook call. */
export interface LarkSendRequest {
  /** The custom bot's webhook URL, e.g. `https://open.larksuite.com/open-apis/bot/v2/hook/<token>`. */
  webhookUrl: string;
  /** Plain text, already capped. */
  text: string;
  /** undici dispatcher (proxy); the global one when absent. */
  dispatcher?: Dispatcher;
  /** Deadline for the response headers and, separately, the body, ms. */
  timeoutMs: number;
}

/**
 * `POST <webhook>` with JSON `{"msg_type":"text","content":{"text":…}}`, one
 * attempt. Never throws: every failure is an outcome. Error texts never
 * include the URL.
 */
export async function sendLarkText(req: LarkSendRequest): Promise<LarkSendOutcome> {
  const answer = await postChatJson(
    {
      url: req.webhookUrl,
      body: { msg_type: 'text', content: { text: req.text } },
      dispatcher: req.dispatcher,
      timeoutMs: req.timeoutMs,
    },
    larkResponseSchema,
  );
  if (answer.kind === 'unreachable') return answer;
  const { status, body: parsed } = answer;
  const code = parsed?.code ?? parsed?.StatusCode;
  if (status >= 200 && status < 300 && code === 0) return { kind: 'sent' };
  return {
    kind: 'rejected',
    status,
    code: code ?? status,
    description: parsed?.msg ?? parsed?.StatusMessage ?? `HTTP ${status}`,
  };
}
