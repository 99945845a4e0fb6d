import { systemClock } from '../clock';
import { createHttpDispatcher } from '../notify/http-dispatcher';
import type { Notifier } from '../notify/notifier';
import { NullNotifier } from '../notify/null-notifier';
import { TELEGRAM_BOT_TOKEN_REF, TelegramNotifier } from '../notify/telegram-notifier';
import type { TriHedgeConfig } from '../strategies/tri-hedge-hold/config-schema';
import type { CliRuntime } from './cli-runtime';

/** Chat id used when the config has no `telegram_chat_id`. */
export const TELEGRAM_CHAT_ID_ENV = 'HEDGEDESK_TELEGRAM_CHAT_ID';

/**
 * The notifier of `hedgedesk run`: Telegram when a chat id is known (the
 * config's `telegram_chat_id`, else HEDGEDESK_TELEGRAM_CHAT_ID), through the
 * proxy of the environment; otherwise none. A `telegram_bot_token` in the
 * config is moved into the keychain (`app:telegramBotToken`) on first use.
 * Returns what the user should be told.
 */
export async function runNotifier(
  config: Pick<TriHedgeConfig, 'telegram'>,
  rt: CliRuntime,
  configFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ notifier: Notifier; notes: string[] }> {
  const notes: string[] = [];
  const token = config.telegram.botToken?.trim();
  if (token && !/^(your|\.\.\.)/i.test(token)) {
    if ((await rt.secrets.get(TELEGRAM_BOT_TOKEN_REF)) !== token) {
      await rt.secrets.set(TELEGRAM_BOT_TOKEN_REF, token);
      notes.push(`moved the Telegram bot token into the OS keychain (app:telegramBotToken); you can now delete telegram_bot_token from ${configFile}`);
    }
  }
  const chatId = config.telegram.chatId ?? env[TELEGRAM_CHAT_ID_ENV];
  if (!chatId) {
    notes.push(`Telegram notifications off (no telegram_chat_id in the config or ${TELEGRAM_CHAT_ID_ENV})`);
    return { notifier: new NullNotifier(), notes };
  }
  notes.push(`stop notifications go to Telegram chat ${chatId}`);
  return {
    notifier: new TelegramNotifier({
      chatId,
      secrets: rt.secrets,
      redactor: rt.redactor,
      logger: rt.log.logger,
      clock: systemClock,
      dispatcher: createHttpDispatcher({ env }),
    }),
    notes,
  };
}
