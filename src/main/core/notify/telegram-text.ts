import type { Notification } from './notifier';

/**
 * Telegram's limit on a message's text (Bot API `sendMessage`: "1-4096
 * characters"). Counted here in UTF-16 code units, which is never fewer than
 * Telegram's count, so a capped text is always accepted.
 */
export const TELEGRAM_MAX_TEXT_LENGTH = 4096;

const ELLIPSIS = '…';

/**
 * The plain text (no `parse_mode`, so nothing needs escaping) Telegram shows
 * for `message`: the title, a blank line, the body, and `run <id>` when the
 * message concerns a run; capped at {@link TELEGRAM_MAX_TEXT_LENGTH} with a
 * trailing `…`, never splitting a surrogate pair.
 */
export function formatTelegramText(message: Notification): string {
  const parts = [message.title.trim(), message.body.trim()];
  if (message.runId) parts.push(`run ${message.runId}`);
  const text = parts.filter((p) => p.length > 0).join('\n\n') || message.kind;
  if (text.length <= TELEGRAM_MAX_TEXT_LENGTH) return text;
  let cut = TELEGRAM_MAX_TEXT_LENGTH - ELLIPSIS.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + ELLIPSIS;
}
